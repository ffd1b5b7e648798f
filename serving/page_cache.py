"""Whole pages for anonymous readers, kept until the content they show changes.

Views opt in with @cache_for_readers. A page is kept only for a reader without a session or a pending
message, and only when the response carries no cookie, no CSRF token and does not vary on cookies;
signed-in editors and previews always get a fresh, private page.

A page is kept under its address and language, with the query reduced to what makes the page: tracking
parameters (settings.TRACKING_PARAMETERS) never count, a page that takes no query is kept once whatever
query it is asked with, and a page built from its query (checker answers, search) is kept under the
query its view names, in one order. Every kept page is stamped with the content version
(serving/content_version.py) it was rendered under, and served only while that version is current.
"""

import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass
from fnmatch import fnmatchcase
from http.client import responses
from importlib import import_module
from math import ceil
from urllib.parse import parse_qsl, urlencode

import redis.exceptions
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIRequest
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import parse_etags
from django.utils.module_loading import import_string

from serving.cache import RedisCache
from serving.content_version import CACHE_OUTAGES, Version, database_token, read_version, version_started_by
from serving.limits import BUDGET_COUNTED, MUST_RENDER, client_of, refusals, render_budget

logger = logging.getLogger(__name__)

# Headers a 304 repeats (RFC 9110, 15.4.5); the validator and Cache-Control are added to each answer.
NOT_MODIFIED_HEADERS = {"content-location", "date", "expires", "vary"}
# Not kept with the page: added to each answer. Last-Modified is never sent: its one-second resolution
# cannot tell two saves in the same second apart, and the ETag (a hash of the page) always can.
VALIDATORS = {"etag", "last-modified", "cache-control"}
# Where the WSGI entry leaves its findings for the middleware, so a miss costs one lookup and one check.
LOOKED_UP = "serving.page_cache.lookup"
ANONYMOUS = "serving.page_cache.anonymous"
STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")
# The load balancer's checks answer by their own deadline, whatever the cache does.
HEALTH_PREFIX = "/health/"

PAGES = "pages"


def cache_for_readers(view=None, *, query_string=False, own_params=()):
    """Mark a view's pages as the same for every anonymous reader, so the middleware may keep them.

    query_string: False, the page takes no query, and is kept and served whatever query it is asked with,
    except `own_params`, which make the page a reader's own (never kept, never served from a kept page);
    a tuple of names, the page is made by those parameters alone; a function of the view's arguments that
    gives the names the page may take, and the view names the query that made its page with
    `keep_for_query` (its validated answers): a page it names none for is not kept.
    The view sees only the parameters that may make its page, in one order, so every link it builds is the
    same for the same page.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            names = query_string(request, *args, **kwargs) if callable(query_string) else query_string or ()
            _keep_only(request, {*names, *own_params})
            response = view(request, *args, **kwargs)
            response.reader_cache = Keep(bool(query_string), frozenset(own_params))
            if isinstance(query_string, tuple):
                keep_for_query(response, {name: request.GET[name] for name in query_string if name in request.GET})
            return response

        return wrapped

    return decorator(view) if view else decorator


@dataclass(frozen=True)
class Keep:
    """How a view's page is kept: made by a query or not, and the parameters that make it a reader's own."""

    with_query: bool
    own_params: frozenset


def keep_for_query(response, query):
    """Keep this page under `query` (a dict of the answers that made it): every query that gives the same
    answers is this page, however it was written, in whatever order."""
    response.reader_cache_query = reader_query(query.items())


def _keep_only(request, names):
    """The query the view sees: only `names`, sorted (a name given twice keeps its values' order)."""
    query = request.META.get("QUERY_STRING", "")
    kept = urlencode(sorted(
        ((name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name in names),
        key=lambda pair: pair[0],
    ))
    if kept != query:
        request.META["QUERY_STRING"] = kept
        request.GET = QueryDict(kept)


def is_tracking(name):
    """A parameter messaging apps and campaigns add to shared links, which never changes a page."""
    return any(fnmatchcase(name, pattern) for pattern in settings.TRACKING_PARAMETERS)


def reader_query(pairs):
    """The query that makes a page, in one order: the pairs without tracking parameters, sorted."""
    return urlencode(sorted((name, value) for name, value in pairs if not is_tracking(name)))


def warn_if_unbounded():
    """At startup: say so when kept pages live in a Redis that would not drop them when full."""
    cache = caches[PAGES]
    if isinstance(cache, RedisCache):
        try:
            problem = cache.unbounded()
        except (*CACHE_OUTAGES, redis.exceptions.ResponseError) as error:
            problem = f"Could not read Redis's memory settings ({error}): check maxmemory and its policy."
        if problem:
            logger.warning(problem)


def on_every_serve(response, function_path, **kwargs):
    """Ask for `function_path(**kwargs)` to run whenever the kept copy of this response is served in
    place of its view, as the view itself did: a search served from the cache is still counted.

    A dotted path, not the function: kept pages are pickled, and a worker may serve one before the
    module that made it is imported.
    """
    response.reader_cache_served = (function_path, kwargs)


def run_on_serve(page):
    if not page.on_serve:
        return
    function_path, kwargs = page.on_serve
    try:
        import_string(function_path)(**kwargs)
    except DatabaseError:
        # The page is still worth serving; a broken connection is dropped so the next serve reconnects.
        logger.warning("Could not run %s for a kept page", function_path, exc_info=True)
        connection.close()


@dataclass(frozen=True)
class Page:
    token: str
    status: int
    headers: tuple  # (name, value) pairs as sent, the validators and Cache-Control left out
    content: bytes
    etag: str
    on_serve: tuple = ()  # (function path, keyword arguments): see on_every_serve
    keep: Keep = Keep(False, frozenset())


class ReaderCacheMiddleware:
    """Keep the pages views allow, with every header the stack below sets; serve kept pages.

    First in MIDDLEWARE, so a kept page carries the security headers too. It never keeps a page
    asked for over plain HTTP while HTTPS is required: SecurityMiddleware redirects those.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            response = self.get_response(request)
            if getattr(response, "reader_cache", None):
                # The page may hold the editor's or reader's own state: no shared cache may keep it.
                add_never_cache_headers(response)
            return response
        for name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name):
            # Checked and found empty: the page is rendered as for a reader without them.
            request.COOKIES.pop(name, None)
        try:
            # The WSGI entry has looked already (in production); tests and other servers come here first.
            version, page = request.META.get(LOOKED_UP) or lookup(request)
        except CACHE_OUTAGES:
            # The database may still answer: a fresh page is better than an error while the cache is out.
            logger.warning("Page cache unavailable; serving %s uncached", request.path, exc_info=True)
            return self.get_response(request)
        if page is not None:
            run_on_serve(page)
            return kept_response(request, page, version)
        return self.render_and_keep(request, version)

    def render_and_keep(self, request, version):
        request.META[MUST_RENDER] = True  # counted against the client's render budget below
        head = request.method == "HEAD"
        # A HEAD is answered as the GET it stands for, so it is kept, and kept pages answer it.
        request.method = "GET"
        started = time.time()
        try:
            # Read before the render: an edit committed during it changes the token, and the page is not kept.
            database = None if version else database_token()
        except DatabaseError:
            database = None
        response = self.get_response(request)
        request.method = "HEAD" if head else "GET"
        if getattr(response, "render_refusal", False):
            refusals.keep(request, version, response)
            return response
        if getattr(response, "reader_cache", None) and holds_reader_state(request, response):
            add_never_cache_headers(response)
            return response
        query = storable_query(request, response)
        if query is None or not (version or database):
            return response
        try:
            version = version or version_started_by(database, started)
        except (*CACHE_OUTAGES, DatabaseError):
            return response
        if version is None:
            return response
        page = Page(
            token=version.token,
            status=response.status_code,
            headers=tuple((name, value) for name, value in response.items() if name.lower() not in VALIDATORS),
            content=response.content,
            etag=f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
            on_serve=getattr(response, "reader_cache_served", ()),
            keep=response.reader_cache,
        )
        timeout = ceil(version.until - time.time())
        if timeout > 0:
            key = page_key(request, query)
            with suppress(*CACHE_OUTAGES):
                caches[PAGES].set(key, page, timeout=timeout)
                recent_pages.add(key, page)
        return kept_response(request, page, version)


class ReaderCacheApplication:
    """WSGI: answer kept pages before Django's request handling starts; everything else goes on to it.

    The middleware alone would still run Django's handler, signals and URL setup for every kept
    page, several times the work of the page itself. Same lookup, same key, same answer.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        # A copy: WSGIRequest writes the decoded path back into the environ it is given, and Django's
        # handler, reading it again, would fail on any address outside Latin-1 (every Chinese slug).
        request = WSGIRequest(environ.copy())
        rendered = False
        try:
            answer = self.kept_or_refused(environ, request, start_response)
            if answer is None:
                rendered = True
                answer = self.application(environ, start_response)
            return answer
        finally:
            if not request.path.startswith(HEALTH_PREFIX):  # the load balancer is nobody's reader
                render_budget.share.record(client_of(request), time.perf_counter() - started, rendered)

    def kept_or_refused(self, environ, request, start_response):
        """The kept page or the refusal for this request, or None when Django must answer it."""
        try:
            anonymous = environ[ANONYMOUS] = is_anonymous_read(request)
        except Exception:  # noqa: BLE001  a bad host or a database that is out: Django answers
            anonymous = False
        if anonymous:
            try:
                version, page = environ[LOOKED_UP] = lookup(request)
            except Exception:  # noqa: BLE001  Django answers instead: a 400 for a bad host, 503 while out
                version, page = environ[LOOKED_UP] = (None, None)
            if page is not None:
                run_on_serve(page)
                status, headers, content = kept_answer(request, page, version)
                start_response(f"{status} {responses[status]}", headers)
                return [content]
            refusal = self.refusal(environ, request, version)
            if refusal is not None:
                status, headers, content = refusal
                start_response(f"{status} {responses[status]}", headers)
                return [content]
        return None

    def refusal(self, environ, request, version):
        """A client past its render budget gets the refusal this worker sent last in its language, with no
        need of Django's handler: a flood of distinct addresses costs what a flood of kept pages costs."""
        try:
            retry_after = environ[BUDGET_COUNTED] = render_budget.refused(request)
        except Exception:  # noqa: BLE001  Django's handler answers, and counts there
            environ.pop(BUDGET_COUNTED, None)
            return None
        return refusals.answer(request, version, retry_after) if retry_after else None


def is_anonymous_read(request):
    """A GET or HEAD of a page (not a static file, not the health check) from a reader without a session
    or a pending message: a cookie that names no session or holds no message counts as none."""
    if ANONYMOUS in request.META:
        return request.META[ANONYMOUS]
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(STATIC_PREFIX)
        and not request.path.startswith(HEALTH_PREFIX)
        and not holds_session(request)
        and not holds_messages(request)
    )


def holds_session(request):
    """One read of the session store, only when the reader sends a session cookie."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    try:
        return bool(import_module(settings.SESSION_ENGINE).SessionStore(key).load())
    except DatabaseError:
        connection.close()
        return True  # it cannot be told: Django answers, as for a reader with a session


def holds_messages(request):
    """The messages cookie is signed and read in place: no store to ask."""
    return CookieStorage.cookie_name in request.COOKIES and bool(list(CookieStorage(request)))


def lookup(request):
    """(the current version or None, the page kept for this request under it or None).

    A page is looked for under the request's query less tracking parameters; failing that, a page that
    takes no query is looked for under its address alone, unless the query holds one of its own parameters.
    """
    stored = read_version()
    if stored is None:
        return None, None  # an edge passed or the cache was emptied: nothing kept is current
    version = Version(*stored)
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    query = reader_query(pairs)
    page = kept_page(page_key(request, query), version)
    if page is None and query:
        page = kept_page(page_key(request, ""), version)
        if page is not None and (page.keep.with_query or any(name in page.keep.own_params for name, _ in pairs)):
            page = None
    return version, page


def kept_page(key, version):
    page = recent_pages.get(key, version.token)
    if page is None:
        page = caches[PAGES].get(key)
        if page is None or page.token != version.token:
            return None
        recent_pages.add(key, page)
    return page


class RecentPages:
    """The pages this worker served last, by key, at most settings.PAGE_CACHE_LOCAL_PAGES of them.

    With Redis every kept page would cost two reads: the small version and the large page. Kept here
    too, a page costs only the version read, which still tells at once when an edit replaced it.
    """

    def __init__(self):
        self._pages = OrderedDict()
        self._lock = threading.Lock()  # gunicorn's threaded workers share it

    def get(self, key, token):
        with self._lock:
            page = self._pages.get(key)
            if page is None or page.token != token:
                return None
            self._pages.move_to_end(key)
            return page

    def add(self, key, page):
        size = settings.PAGE_CACHE_LOCAL_PAGES
        if not size:
            return
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > size:
                self._pages.popitem(last=False)

    def clear(self):
        with self._lock:
            self._pages.clear()

    def __len__(self):
        return len(self._pages)


recent_pages = RecentPages()


def page_key(request, query):
    """One entry per address, query that makes the page, and language: the API's language comes from
    Accept-Language, a page's from its path."""
    language = translation.get_language_from_request(request, check_path=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}|{language}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def holds_reader_state(request, response):
    """The response sets a cookie, holds a CSRF token or depends on the reader's cookies."""
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or "cookie" in response.get("Vary", "").lower()
    )


def storable_query(request, response):
    """The query to keep the page under ("" for none), or None when it is not kept."""
    keep = getattr(response, "reader_cache", None)
    cache_control = set(response.get("Cache-Control", "").replace(" ", "").split(","))
    if (
        keep is None
        or response.status_code != 200
        or response.streaming
        or {"private", "no-store", "no-cache"} & cache_control
    ):
        return None
    if keep.with_query:
        return getattr(response, "reader_cache_query", None)
    if any(name in keep.own_params for name in request.GET):
        return None
    return ""


def kept_answer(request, page, version):
    """(status, headers, content) of the kept page, or of 304 when the client's copy is this one.

    The ETag and a Cache-Control fit for a CDN in front, max-age short: a browser's or CDN's copy
    outlives an edit by at most that much, and never passes the version's edge.
    """
    max_age = min(settings.PAGE_CACHE_MAX_AGE, max(0, int(version.until - time.time())))
    cache_control = f"public, max-age={max_age}, stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}"
    validators = [("ETag", page.etag), ("Cache-Control", cache_control)]
    if not is_unchanged(request, page):
        content = b"" if request.method == "HEAD" else page.content
        return page.status, [*page.headers, *validators], content
    kept = [(name, value) for name, value in page.headers if name.lower() in NOT_MODIFIED_HEADERS]
    return 304, [*kept, *validators], b""


def is_unchanged(request, page):
    """If-None-Match names this page. If-Modified-Since alone never confirms a page (none is dated)."""
    etags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return "*" in etags or page.etag in etags


def kept_response(request, page, version):
    status, headers, content = kept_answer(request, page, version)
    response = HttpResponseNotModified() if status == 304 else HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response
