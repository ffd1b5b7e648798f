"""A database or cache that accepts connections and never answers costs a request seconds, not a worker."""

import json
import time
from urllib.parse import urlsplit

import pytest
from django.db import connection

from bench.faults import FreezingProxy
from tests.servers import get, gunicorn, manage, production_env, scratch_postgres_database


def timed_get(url, **kwargs):
    started = time.monotonic()
    status, headers, body = get(url, **kwargs)
    return status, headers, body, time.monotonic() - started


def test_a_hanging_database_gives_503s_in_seconds(silent_server, static_root):
    env = production_env(static_root, DATABASE_URL=f"postgres://portal@127.0.0.1:{silent_server.port}/portal")
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
    env = production_env(static_root, DATABASE_URL=database, REDIS_URL=f"redis://127.0.0.1:{silent_server.port}/0")
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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs the PostgreSQL server of DATABASE_URL")
def test_a_frozen_database_gives_the_503_page_within_its_deadline_and_the_site_recovers(static_root):
    server_address = (connection.settings_dict["HOST"], int(connection.settings_dict["PORT"] or 5432))
    with scratch_postgres_database(connection.settings_dict) as database, FreezingProxy(server_address) as proxy:
        through_proxy = urlsplit(database)._replace(netloc=f"postgres@127.0.0.1:{proxy.port}").geturl()
        env = production_env(static_root, DATABASE_URL=through_proxy, DJANGO_DB_DEADLINE="2")
        manage(env, "migrate", "--noinput")
        with gunicorn(env, workers=1) as server:
            assert get(f"{server}/search/?q=refund")[0] == 200  # a connection is open, as in a running site
            proxy.freeze()
            frozen = timed_get(f"{server}/search/?q=pension")
            ready, live = get(f"{server}/health/ready")[0], get(f"{server}/health/live")[0]
            proxy.thaw()
            recovered = wait_for_status(f"{server}/search/?q=card", 200, seconds=15)

    status, headers, body, seconds = frozen
    assert (status, seconds < 2 + 1) == (503, True)
    assert "The help centre is unavailable for a moment" in body and headers["Retry-After"] == "30"
    assert (ready, live) == (503, 200)
    assert recovered


def wait_for_status(url, status, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if get(url)[0] == status:
            return True
        time.sleep(0.5)
    return False
