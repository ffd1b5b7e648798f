"""A database or cache that accepts connections and never answers costs a request seconds, not a worker."""

import json
import socket
import threading
import time

import pytest
from django.db import connection

from tests.servers import get, gunicorn, manage, production_env


@pytest.fixture
def silent_server():
    """A TCP server that accepts every connection and never sends a byte; yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()
    for conn in held:
        conn.close()


def timed_get(url, **kwargs):
    started = time.monotonic()
    status, headers, body = get(url, **kwargs)
    return status, headers, body, time.monotonic() - started


def test_a_hanging_database_gives_503s_in_seconds(silent_server, static_root):
    env = production_env(static_root, DATABASE_URL=f"postgres://portal@127.0.0.1:{silent_server}/portal")
    with gunicorn(env) as server:
        status, _headers, body, seconds = timed_get(f"{server}/health/")
        assert (status, seconds < 2) == (503, True)
        assert get(f"{server}/health/live")[0] == 200
        assert json.loads(body)["failing"] == ["database"]
        assert json.loads(body)["checks"]["cache"] == "ok"

        status, headers, body, seconds = timed_get(f"{server}/")
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "The help centre is unavailable for a moment" in body
        assert "css/portal" in body  # the site's own style, not gunicorn's bare error
        assert seconds < 10

        status, headers, body, _seconds = timed_get(f"{server}/zh-hans/")
        assert status == 503
        assert "帮助中心暂时无法访问" in body

        status, headers, body, _seconds = timed_get(f"{server}/api/v1/checkers/refund/?coverage_year=2026")
        assert status == 503
        assert headers["Content-Type"] == "application/json"
        assert json.loads(body)["errors"]["__all__"]
        assert headers["Retry-After"] == "30"


def test_a_hanging_cache_leaves_the_instance_ready_and_named_as_degraded(silent_server, static_root, tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    manage(production_env(static_root, DATABASE_URL=database), "migrate", "--noinput")
    env = production_env(static_root, DATABASE_URL=database, REDIS_URL=f"redis://127.0.0.1:{silent_server}/0")
    with gunicorn(env) as server:
        ready = timed_get(f"{server}/health/ready")
        live = timed_get(f"{server}/health/live")

    status, _headers, body, seconds = ready
    assert (status, seconds < 2) == (200, True)
    assert json.loads(body)["degraded"] == ["cache"]
    assert json.loads(body)["checks"]["database"] == "ok"
    assert json.loads(body)["checks"]["cache:pages"] in ("timeout", "error")
    assert (live[0], live[3] < 2) == (200, True)


def test_health_is_served_over_plain_http_behind_an_https_proxy(static_root, tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = production_env(static_root, DATABASE_URL=database, DJANGO_HTTPS="1")
    manage(env, "migrate", "--noinput")
    with gunicorn(env) as server:
        statuses = {path: get(f"{server}{path}")[0] for path in ("/health/", "/health/live", "/health/ready")}
        page = get(f"{server}/privacy/", follow=False)[0]

    assert statuses == {"/health/": 200, "/health/live": 200, "/health/ready": 200}
    assert page == 301


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement timeout")
def test_postgresql_sessions_carry_the_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DB_STATEMENT_TIMEOUT}s"
