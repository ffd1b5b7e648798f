"""The portal under real gunicorn workers on a throwaway SQLite database, for tests across processes."""

import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO

BIN = Path(sys.executable).parent
HOST = os.environ.get("TEST_SERVER_HOST", "127.0.0.1")


def production_env(database, **env):
    """Production settings on plain HTTP, no Redis, the given database; `env` adds or overrides."""
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.prod",
        DJANGO_SECRET_KEY="test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_HTTPS="0",
        DATABASE_URL=f"sqlite:///{database}",
    )
    environment.update(env)
    return environment


def manage(environment, *args):
    subprocess.run([BIN / "python", "manage.py", *args], cwd=REPO, env=environment, check=True, capture_output=True)


@contextlib.contextmanager
def gunicorn(environment, workers, log):
    """Serve with `workers` processes on a free port (the OS picks it); yields the base URL.

    Each access-log line starts with the pid of the worker that answered.
    """
    with open(log, "w+") as output:
        process = subprocess.Popen(
            [
                BIN / "gunicorn", "portal.wsgi", "--bind", f"{HOST}:0", "--workers", str(workers),
                "--access-logfile", "-", "--access-logformat", "%(p)s %(s)s %(U)s",
            ],
            cwd=REPO, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            yield _wait_until_serving(process, log, workers)
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_until_serving(process, log, workers, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = Path(log).read_text()
        listening = re.search(r"Listening at: (http://\S+)", text)
        if listening and text.count("Booting worker") >= workers:
            return listening.group(1)
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{text}")
        time.sleep(0.2)
    raise TimeoutError(f"gunicorn did not start within {timeout} s:\n{Path(log).read_text()}")
