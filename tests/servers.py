"""Real gunicorn servers with production settings, for tests of what crosses processes:
timeouts, several workers sharing limits and caches, several instances sharing one database."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(static_root, **overrides):
    """The environment of `make run`: production settings on plain HTTP, plus the given variables."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "DJANGO_SECRET_KEY": "server-test-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
    }
    env.pop("REDIS_URL", None)
    env.update({name: str(value) for name, value in overrides.items()})
    return env


def manage(env, *args):
    """Run a management command in a fresh process with the given environment."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)


def get(url, timeout=10, headers=None):
    """GET `url`; return (status, headers, body text) whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def get_status(url):
    try:
        return get(url, timeout=5)[0]
    except OSError:
        return None


@contextmanager
def gunicorn(env, workers=2, access_log=None):
    """Serve the portal with gunicorn (the project's gunicorn.conf.py); yield its base URL.

    With `access_log`, a file gets a line per request: the answering worker's pid, the status, the path.
    """
    port = free_port()
    logging = ["--access-logfile", str(access_log), "--access-logformat", "%(p)s %(s)s %(U)s"] if access_log else []
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         *logging],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        # Ready when a worker answers (binding the port comes before the workers have loaded Django).
        deadline = time.monotonic() + 60
        while get_status(f"{base_url}/robots.txt") != 200:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError("gunicorn did not answer within 60 s")
            time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def scratch_postgres_database(settings_dict):
    """A new, empty database on the server `settings_dict` names; yields its URL, drops it afterwards."""
    server = {key: settings_dict[key] for key in ("HOST", "PORT", "USER", "PASSWORD")}
    name = f"scratch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", host=server["HOST"], port=server["PORT"] or 5432,
                         user=server["USER"], password=server["PASSWORD"] or None, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            auth = server["USER"] + (f":{server['PASSWORD']}" if server["PASSWORD"] else "")
            yield f"postgres://{auth}@{server['HOST']}:{server['PORT'] or 5432}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with the given id, as (name, value) pairs."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file", "image", "reset"}:
            choice = attrs.get("type") in {"checkbox", "radio"}
            if not choice or "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value", "on" if choice else "")))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None


def form_fields(html, form_id):
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields
