"""Real gunicorn servers with production settings, for tests of what crosses processes:
timeouts, several workers sharing limits and caches, several instances sharing one database."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager

import psycopg
import pytest
import redis

from bench.servers import REPO
from bench.servers import gunicorn as serve

# The Redis of tests that need one; each uses a key prefix of its own, never the whole database.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False


def require_redis():
    """Skip the calling test when Redis does not answer; under CI (CI=true) fail instead, so no test goes unrun."""
    if redis_answers():
        return
    message = f"needs Redis ({REDIS_URL})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}: CI=true, so a missing service is a failure")
    pytest.skip(message)


def production_env(static_root, **overrides):
    """The environment of `make run`: production settings on plain HTTP, plus the given variables."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "DJANGO_SECRET_KEY": "server-test-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        # Every request of a test comes from one address; the render budget's own tests run in-process.
        "RENDER_RATE_LIMIT": "100000/m",
    }
    env.pop("REDIS_URL", None)
    env.update({name: str(value) for name, value in overrides.items()})
    return env


def manage(env, *args):
    """Run a management command in a fresh process with the given environment."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)


def get(url, timeout=10, headers=None, follow=True):
    """GET `url`; return (status, headers, body text) whatever the status; with follow=False a redirect's."""
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirects())
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """For an opener that returns redirects (as HTTPError) instead of following them."""

    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def gunicorn(env, workers=2, access_log=None):
    """The portal under gunicorn (bench/servers.py, as an operator runs it); yields its base URL.

    With `access_log`, a file gets a line per request: the answering worker's pid, the status, the path.
    """
    options = ["--access-logfile", str(access_log), "--access-logformat", "%(p)s %(s)s %(U)s"] if access_log else []
    # /health/live needs neither database nor cache, and is plain HTTP even where HTTPS is required.
    with serve("portal.wsgi:application", env=env, workers=workers, ready_path="/health/live",
               options=options) as server:
        yield server.url


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
