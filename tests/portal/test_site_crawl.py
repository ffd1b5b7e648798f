"""The whole site as readers get it, through the production stack: the demo content under gunicorn through
portal.wsgi with production settings, as `make run` serves it, crawled in English and Chinese from the home
pages, the checker lists, the sitemap, the feeds, the demo searches and checker answers.

Every page answers its status, and the same again from the page cache; every HTML page passes the Nu HTML
Checker, has no inline script or style (a strict Content-Security-Policy must be possible) and is at most 60 KB.
"""

import json
import subprocess
import urllib.error
import urllib.request
import uuid
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import redis
from django.db import connection
from django.utils.encoding import iri_to_uri

from faq.management.commands.load_demo import DEMO_SYNONYMS
from tests.policy.cases import OUTCOME_CASES
from tests.servers import (
    REDIS_URL,
    REPO,
    NoRedirects,
    gunicorn,
    manage,
    production_env,
    require_redis,
    scratch_postgres_database,
)

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MAX_PAGE_BYTES = 60 * 1024
# The demo site has a few hundred addresses; more means links that make new addresses without end.
MAX_PAGES = 2000
PREFIXES = {"en": "", "zh-hans": "/zh-hans"}
# Chinese addresses are requested as browsers send them (and the site links them): percent-encoded.
UNKNOWN = ["/no-such-page/", iri_to_uri("/zh-hans/没有这个页面/")]
# Redirects are crawled as addresses of their own, so each hop is checked.
OPENER = urllib.request.build_opener(NoRedirects())


@dataclass
class Page:
    status: int
    content_type: str
    body: bytes
    links: list = field(default_factory=list)
    inline: list = field(default_factory=list)  # inline scripts, styles and event handlers
    location: str | None = None  # a redirect's target, when it is on this site

    @property
    def redirects(self):
        return 300 <= self.status < 400

    @property
    def is_html(self):
        return self.content_type == "text/html" and not self.redirects


class PageParser(HTMLParser):
    """The addresses an HTML page links to, and what a strict Content-Security-Policy would refuse."""

    def __init__(self):
        super().__init__()
        self.links, self.inline = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links += [attrs[name] for name in ("href", "src") if attrs.get(name)]
        # A GET form's target, sent empty, is a page too: the checkers answer it with their error summary.
        if tag == "form" and attrs.get("method", "get").lower() == "get" and attrs.get("action"):
            self.links.append(attrs["action"])
        # JSON-LD is data, never run, so the policy does not block it.
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.inline.append("<script>")
        self.inline += [f"<{tag} {name}>" for name in attrs if name == "style" or name.startswith("on")]
        if tag == "style":
            self.inline.append("<style>")


def xml_links(body):
    """The addresses in a sitemap (<loc>, alternates' href) or an Atom feed (href)."""
    for element in ElementTree.fromstring(body).iter():
        if element.tag.endswith("}loc"):
            yield element.text
        elif element.get("href"):
            yield element.get("href")


def site_address(base, page_address, link):
    """The link as a path and query on this site, fragment dropped; None when it leads elsewhere."""
    parts = urlsplit(urldefrag(urljoin(base + page_address, iri_to_uri(link))).url)
    if f"{parts.scheme}://{parts.netloc}" != base:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fetch(url):
    """(status, headers, body) of a GET, redirects not followed."""
    try:
        with OPENER.open(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def read(base, address):
    status, headers, body = fetch(base + address)
    page = Page(status, headers.get_content_type(), body)
    if page.redirects:
        page.location = site_address(base, address, headers["Location"])
        page.links = [headers["Location"]]
    elif page.is_html:
        parser = PageParser()
        parser.feed(body.decode())
        page.links, page.inline = parser.links, parser.inline
    elif page.content_type.endswith("xml"):
        page.links = list(xml_links(body))
    return page


def crawl(base, starts):
    """({address: Page}, static file addresses) of every page on the site reachable from `starts`."""
    pages, static, queue = {}, set(), deque(starts)
    while queue:
        address = queue.popleft()
        if address in pages:
            continue
        assert len(pages) < MAX_PAGES, f"the crawl does not end; last reached {address}"
        pages[address] = read(base, address)
        for link in pages[address].links:
            target = site_address(base, address, link)
            if target is None or target.removeprefix(PREFIXES["zh-hans"]).startswith("/admin/"):
                continue
            if target.startswith("/static/"):
                static.add(target)
            else:
                queue.append(target)
    return pages, static


def start_addresses():
    """Where readers come in, in each language, with every demo synonym searched and every checker outcome."""
    terms = [term.strip() for _language, group in DEMO_SYNONYMS for term in group.split(",")]
    addresses = ["/sitemap.xml", "/zh-hans", *UNKNOWN]  # "/zh-hans" as typed, without its slash
    for prefix in PREFIXES.values():
        addresses += [f"{prefix}/", f"{prefix}/checkers/", f"{prefix}/feeds/articles.atom", f"{prefix}/privacy/",
                      f"{prefix}/accessibility/"]
        addresses += [f"{prefix}/search/?{urlencode({'q': term})}" for term in terms]
        addresses += [f"{prefix}/checkers/{checker}/answer/?{query}" for checker, query, _ in
                      (case.values for case in OUTCOME_CASES)]
    return addresses


def landing_status(pages, address):
    """The status a reader ends on, following redirects through the crawled pages."""
    for _hop in range(10):
        page = pages[address]
        if page.location is None:
            return page.status
        address = page.location
    return "too many redirects"


def nu_errors(pages, folder):
    """{address: [error]} of every HTML page, from one run of the Nu HTML Checker over them all."""
    files = {}
    for number, (address, page) in enumerate(pages.items()):
        if page.is_html:
            path = folder / f"{number}.html"
            path.write_bytes(page.body)
            files[path] = address
    result = subprocess.run(["java", "-jar", VNU, "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        address = files.get(Path(urlsplit(message.get("url", "")).path), "(the checker)")
        errors.setdefault(address, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def language(address):
    return "zh-hans" if address.startswith(PREFIXES["zh-hans"] + "/") else "en"


def summary(pages, errors):
    per_language = Counter(language(address) for address in pages)
    statuses = Counter(page.status for page in pages.values())
    largest = max(pages, key=lambda address: len(pages[address].body) if pages[address].is_html else 0)
    return (f"Site crawl: {len(pages)} pages (en {per_language['en']}, zh-hans {per_language['zh-hans']}), "
            f"statuses {', '.join(f'{status}×{count}' for status, count in sorted(statuses.items()))}, "
            f"largest page {len(pages[largest].body) / 1024:.1f} KB ({largest}), "
            f"Nu errors {sum(map(len, errors.values()))}")


@contextmanager
def site_database(tmp_path):
    """The server's database: on the PostgreSQL run a scratch database, with Redis under a key prefix of the
    crawl's own; otherwise a SQLite file. Either way no other data is touched."""
    if connection.vendor != "postgresql":
        yield {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
        return
    require_redis()
    prefix = f"crawl-{uuid.uuid4().hex[:8]}"
    with scratch_postgres_database(connection.settings_dict) as database:
        try:
            yield {"DATABASE_URL": database, "REDIS_URL": REDIS_URL, "DJANGO_CACHE_KEY_PREFIX": prefix}
        finally:
            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(f"{prefix}*"):
                client.delete(key)


@pytest.fixture
def demo_site(static_root, tmp_path):
    """The environment `make setup` leaves: migrated, cache table made, demo content loaded, files collected."""
    with site_database(tmp_path) as database:
        # The crawl runs every demo search from one address: more than a reader's allowance per minute.
        env = production_env(static_root, PAGE_CACHE_DIR=tmp_path / "page-cache", SEARCH_RATE_LIMIT="1000/m",
                             **database)
        for command in (["migrate", "--noinput"], ["createcachetable"], ["load_demo"]):
            manage(env, *command)
        yield env


def test_every_page_answers_passes_the_nu_checker_and_stays_small(demo_site, tmp_path, summary_lines):
    with gunicorn(demo_site) as base:
        pages, static = crawl(base, start_addresses())
        again = {address: fetch(base + address)[0] for address in pages}
        static_statuses = {address: fetch(base + address)[0] for address in static}
    errors = nu_errors(pages, tmp_path)
    summary_lines.append(summary(pages, errors))

    # The language switch on a page not found leads to the same unknown address.
    expected = {
        address: 404 if address in UNKNOWN or pages[address].location in UNKNOWN else 200 for address in pages
    }
    assert {address: landing_status(pages, address) for address in pages} == expected
    assert again == {address: page.status for address, page in pages.items()}
    assert errors == {}
    html = {address: page for address, page in pages.items() if page.is_html}
    assert {address: len(page.body) for address, page in html.items() if len(page.body) > MAX_PAGE_BYTES} == {}
    assert {address: page.inline for address, page in html.items() if page.inline} == {}
    assert static_statuses == dict.fromkeys(static, 200)
