"""A limit holds across gunicorn's worker processes when they share only the database (`make run`)."""

import concurrent.futures

import pytest

from tests.servers import get, gunicorn, manage, production_env

WORKERS = 3
LIMIT = 6
API_PATH = "/api/v1/checkers/refund/?year=2026&other_scheme=employee&other_start=2025-12-01"


@pytest.fixture(scope="module")
def server(tmp_path_factory, static_root):
    folder = tmp_path_factory.mktemp("workers")
    # A day's window, so the count cannot restart in the middle of the test.
    env = production_env(static_root, DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}", API_RATE_LIMIT=f"{LIMIT}/d")
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    log = folder / "access.log"
    with gunicorn(env, workers=WORKERS, access_log=log) as url:
        # Unlimited requests first, so that every worker has loaded the app before the counted ones.
        with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
            assert {status for status, _headers, _body in pool.map(get, [url + "/robots.txt"] * WORKERS * 4)} == {200}
        yield url, log


def test_the_api_limit_holds_across_workers(server):
    url, log = server
    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        # Thirty different questions: answers served from the page cache are not counted.
        urls = [f"{url}{API_PATH}&as_of=2026-01-{day:02d}" for day in range(1, 31)]
        statuses = [status for status, _headers, _body in pool.map(lambda u: get(u, timeout=60), urls)]

    assert statuses.count(200) == LIMIT
    assert statuses.count(429) == 30 - LIMIT
    answered_by = {line.split()[0] for line in log.read_text().splitlines() if " /api/v1/checkers/" in line}
    assert len(answered_by) > 1, "every request went to one worker: the test proved nothing"
