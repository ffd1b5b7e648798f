"""An edit reaches every gunicorn worker on its next request, each worker keeping its own pages.

Runs the portal as an operator does, under gunicorn with several workers on a database file of its own:
without Redis, where each worker reads the shared content version from a file on every request, and
with Redis, where each worker keeps its own copy of the version until Redis announces a new one.
"""

import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.servers import gunicorn
from tests.servers import REDIS_URL, manage, production_env, require_redis

WORKERS = 3
ARTICLE = "/faq/cards/card/"

CREATE = """
from faq.models import Article, Category
category = Category.objects.create(name="Cards", slug="cards")
Article.objects.create(category=category, title="Card", slug="card", question="Cash?", body="The old answer.",
                       status=Article.Status.PUBLISHED)
"""
EDIT = """
from faq.models import Article
article = Article.objects.get(slug="card")
article.body = "The new answer."
article.save()
"""


@pytest.fixture(params=["version file", "Redis"])
def portal_env(request, tmp_path, static_root):
    shared = {}
    if request.param == "Redis":
        require_redis()
        # Only the announcement may tell the workers: no copy is read again by time during the test.
        shared = {"REDIS_URL": REDIS_URL, "DJANGO_CACHE_KEY_PREFIX": f"workers-{uuid.uuid4().hex[:8]}",
                  "PAGE_CACHE_VERSION_RECHECK": "3600"}
    env = production_env(
        static_root, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", PAGE_CACHE_DIR=tmp_path / "page-cache",
        **shared,
    )
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "shell", "-c", CREATE)
    return env


def fetch_from_every_worker(server, path):
    """Bodies by worker: requests in parallel until each worker has answered at least once."""
    bodies = {}
    with ThreadPoolExecutor(max_workers=WORKERS * 4) as pool:
        for _round in range(50):
            for worker, body in pool.map(lambda _: _get(server.url + path), range(WORKERS * 4)):
                bodies.setdefault(worker, []).append(body)
            if len(bodies) == WORKERS:
                return bodies
    raise AssertionError(f"only workers {sorted(bodies)} answered")


def _get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return int(response.headers["X-Worker"]), response.read().decode()


def test_an_edit_reaches_every_worker_on_its_next_request(portal_env):
    with gunicorn("tests.serving.workers_wsgi:application", env=portal_env, workers=WORKERS,
                  ready_path="/robots.txt") as server:
        before = fetch_from_every_worker(server, ARTICLE)
        assert all("The old answer." in body for bodies in before.values() for body in bodies)

        manage(portal_env, "shell", "-c", EDIT)

        after = fetch_from_every_worker(server, ARTICLE)
        assert set(after) == set(before)
        for bodies in after.values():
            assert all("The new answer." in body and "The old answer." not in body for body in bodies)
