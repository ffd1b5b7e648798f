import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import caches
from django.utils import translation

from apikeys.services import known_keys, usage_counts
from faq.services import search_counts
from insights.counts import checker_uses, page_views
from serving.limits import render_budget
from serving.page_store import recent_pages
from serving.per_version import kept_clear
from serving.tally import tally
from tests.factories import make_article, make_category
from tests.servers import manage, production_env

REPO = Path(__file__).resolve().parent.parent
# The seed document as the source site published it; the demo's copy in faq/demo adds the editors' work.
SEED_PATH = REPO / "tests" / "faq" / "documents" / "000_d78f2f9bf300a7ec.txt"
SUMMARY_LINES = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, config):
    """The lines tests gave `summary_lines`, shown at the end of the run even without -s."""
    for line in config.stash.get(SUMMARY_LINES, []):
        terminalreporter.write_line(line)


@pytest.fixture
def summary_lines(request):
    """Append a line to have it printed in pytest's terminal summary."""
    return request.config.stash.setdefault(SUMMARY_LINES, [])


@pytest.fixture(autouse=True)
def _language_reset():
    """A test client's request leaves its page's language active in the test's thread; start each test in English."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_counts_left_over():
    """Counts a test left unwritten are written in its own transaction, never in the next test's."""
    yield
    for counts in (search_counts, usage_counts, page_views, checker_uses):
        if len(counts):
            counts.flush()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test's database starts afresh, so no page kept by an earlier test may be served in it."""
    for alias in ("pages", "content_version"):
        caches[alias].clear()
    recent_pages.clear()
    render_budget.clear()
    tally.clear()
    kept_clear()
    known_keys.clear()


@pytest.fixture
def seed_path():
    """The seed article as the source site published it."""
    return SEED_PATH


@pytest.fixture
def translated():
    """A published English article and its published Simplified Chinese translation."""
    original = make_article(category=make_category(slug="cards"), slug="card", title="Card", question="Cash?")
    chinese = make_article(
        category=make_category(name="医保卡", slug="医保卡", language="zh-hans"),
        slug="取现",
        title="医保卡取现",
        question="医保卡可以取现吗？",
        language="zh-hans",
        translation_of=original,
    )
    return original, chinese


@dataclass
class SilentServer:
    port: int
    accepted: list


@pytest.fixture
def silent_server():
    """A TCP server that accepts every connection and never sends a byte, as a hung database or Redis does."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    server = SilentServer(port=listener.getsockname()[1], accepted=[])

    def accept():
        while True:
            try:
                server.accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server
    listener.close()
    for connection in server.accepted:
        connection.close()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once, as `make run` does, for tests that start production servers."""
    root = tmp_path_factory.mktemp("staticfiles")
    manage(production_env(root), "collectstatic", "--noinput", "--verbosity", "0")
    return root
