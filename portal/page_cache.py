"""Whole pages for anonymous readers, kept until the content they show changes.

Views opt in with @cache_for_readers. A page is kept only for a reader without a session or a pending
message, and only when the response carries no cookie, no CSRF token and does not vary on cookies;
signed-in editors and previews always get a fresh, private page.

Every kept page is stamped with the content version it was rendered under. Saving any content
model replaces the version (`content_changed`), and the version also lapses by itself at the next
publishing-window edge and at midnight (checker answers use today's date), so no scheduled job is
needed. The version lives in a store every gunicorn worker reads on each request (a small file cache,
or with Redis a copy in each worker that Redis tells it to drop): an edit reaches all workers on their
next request.
"""

import functools
import hashlib
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.client import responses
from math import ceil

import redis.exceptions
from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIRequest
from django.db import Error as DatabaseError
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.module_loading import import_string

from faq.selectors import article_next_window_edge
from portal.cache import RedisCache

logger = logging.getLogger(__name__)

# A cache that does not answer: Redis down or slow, or the version file's folder unreadable.
CACHE_OUTAGES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)

# Headers a 304 repeats (RFC 9110, 15.4.5); the validators and Cache-Control are added to each answer.
NOT_MODIFIED_HEADERS = {"content-location", "date", "expires", "vary"}
VALIDATORS = {"etag", "last-modified", "cache-control"}
# Where the WSGI entry leaves its lookup for the middleware, so a miss costs one lookup, not two.
LOOKED_UP = "portal.page_cache.lookup"
STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")

PAGES = "pages"
VERSIONS = "content_version"
VERSION_KEY = "content-version"

# Models of these apps are what readers see; the models named below are not: readers' own activity,
# and corrections waiting for a Publisher (readers see them only once approved, a save of the article).
# The site's settings are shown too: the help block under every answer.
CONTENT_APPS = {"faq", "policy"}
CONTENT_MODELS = {"portal.sitesettings"}
# The search index's counts and lists follow the articles, whose own saves announce the change.
NOT_SHOWN_TO_READERS = {
    "faq.articlefeedback", "faq.searchcount", "faq.correction",
    "faq.searchstatistics", "faq.searchterm", "faq.searchposting",
}

# What a view's response says about its query string: kept with it, or kept only when there is none.
WITH_QUERY = "with-query"
WITHOUT_QUERY = "without-query"


@dataclass(frozen=True)
class ContentVersion:
    token: str
    since: float  # timestamps: when this version began, and the edge where it lapses
    until: float


def new_version(started=None):
    """A version beginning at `started` (now), lapsing at the next edge after it."""
    started = started or time.time()
    edge = next_content_edge(datetime.fromtimestamp(started, tz=timezone.get_current_timezone()))
    return (secrets.token_hex(8), started, edge.timestamp())


def version_started_by(started):
    """When no version was stored as a request began: one dated from then, if none was stored meanwhile.

    Made only after a page rendered, so a request that needs no database (the health check) never
    waits for the edge's query; `add`, so an edit during the render leaves the page unkept.
    """
    stored = new_version(started)
    cache = caches[VERSIONS]
    if cache.add(VERSION_KEY, stored, timeout=version_timeout(stored)):
        announce_version(cache)
        return ContentVersion(*stored)
    return None


def version_timeout(stored):
    """Seconds the version is stored: until its edge, when it lapses by itself."""
    return max(1, ceil(stored[2] - time.time()))


def replace_version():
    stored = new_version()
    cache = caches[VERSIONS]
    cache.set(VERSION_KEY, stored, timeout=version_timeout(stored))
    announce_version(cache)


def announce_version(cache):
    """Workers keeping a copy of the version (with Redis) drop it: their next request reads the new one."""
    if isinstance(cache, RedisCache):
        cache.publish(VERSION_KEY)


def read_version():
    """The stored version (a tuple for ContentVersion), or None."""
    cache = caches[VERSIONS]
    if isinstance(cache, RedisCache):
        return version_copy.read(cache)
    return cache.get(VERSION_KEY)


class VersionCopy:
    """This worker's copy of the version in Redis, kept until Redis announces a new one.

    Reading the version from Redis on each request was a network round trip per kept page, most of
    what such a page costs (measured: 135 µs for the GET, 5 µs to look for a waiting message). Every
    write of the version is published on a channel each worker subscribes to, and before using its
    copy a worker takes in whatever has arrived: a change committed before its request began is there.
    Any message drops the copy. redis-py reconnects and subscribes again by itself after a lost
    connection, and what was published meanwhile is lost: a reconnection drops the copy too. Until a
    subscription is confirmed, and while Redis does not answer it, the version is read on every request.
    """

    def __init__(self):
        self._lock = threading.Lock()  # gunicorn's threaded workers share the copy
        self._pid = None
        self._pubsub = None
        self._subscribed = False
        self._copy = None
        self._read_at = 0.0
        self._retry_at = 0.0

    def read(self, cache):
        with self._lock:
            if self._pid != os.getpid():
                # A forked process must not read from its parent's connection.
                self._pid, self._pubsub, self._subscribed, self._copy = os.getpid(), None, False, None
            self._take_messages(cache)
            now = time.monotonic()
            if (
                self._subscribed
                and self._copy is not None
                and now - self._read_at < settings.PAGE_CACHE_VERSION_RECHECK
                and time.time() < self._copy[2]
            ):
                return self._copy
            self._copy, self._read_at = cache.get(VERSION_KEY), now
            return self._copy

    def _reconnected(self, connection):
        self._subscribed, self._copy = False, None

    def _take_messages(self, cache):
        try:
            if self._pubsub is None:
                if time.monotonic() < self._retry_at:
                    return
                self._pubsub = cache.subscribe(VERSION_KEY)
                self._pubsub.connection.register_connect_callback(self._reconnected)
            while (message := self._pubsub.get_message(timeout=0)) is not None:
                self._copy = None
                if message["type"] == "subscribe":
                    self._subscribed = True
        except (redis.exceptions.RedisError, OSError):
            logger.warning("Lost the announcements of new content versions; reading the version each time")
            if self._pubsub is not None:
                with suppress(*CACHE_OUTAGES):
                    self._pubsub.close()
            self._pubsub, self._subscribed, self._copy = None, False, None
            self._retry_at = time.monotonic() + settings.PAGE_CACHE_VERSION_RECHECK


version_copy = VersionCopy()


def next_content_edge(now):
    """The next moment pages may change without anyone saving: tomorrow's midnight, or an article's
    publish_at or expire_at if one comes sooner."""
    tomorrow = datetime.combine(timezone.localdate(now) + timedelta(days=1), datetime.min.time())
    midnight = timezone.make_aware(tomorrow)
    edge = article_next_window_edge(after=now)
    return min(midnight, edge) if edge else midnight


def content_changed():
    """Every kept page is stale from now on, in every worker.

    Replaced at once, so this process and tests see the change, and again after the transaction
    commits: a page rendered in between from the old rows is stamped with the version replaced then.
    The next edge is worked out here, on the write, so readers' requests need no query for it.
    """
    replace_version()
    transaction.on_commit(replace_version)


def is_content_model(model):
    """One of the app's own content models; not a migration's historical copy, whose tables may not
    be there yet (after migrate the version is dropped instead)."""
    meta = model._meta.concrete_model._meta
    shown = meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS
    if not shown or meta.label_lower in NOT_SHOWN_TO_READERS:
        return False
    try:
        return apps.get_registered_model(meta.app_label, meta.model_name) is model._meta.concrete_model
    except LookupError:
        return False


# Signals, not calls in each save path: the admin, the importer, history restores and the workflow
# actions all write content, and one missed call would leave readers on a stale page.
@receiver([post_save, post_delete, m2m_changed])
def content_saved(sender, **kwargs):
    if is_content_model(sender):
        content_changed()


@receiver(post_migrate)
def content_migrated(sender, **kwargs):
    """A data migration may have changed content: pages kept in Redis or on disk outlive a deploy.
    A cache that is out does not stop a migration; the operator is told to empty it once it is back."""
    cache = caches[VERSIONS]
    try:
        cache.delete(VERSION_KEY)
        announce_version(cache)
    except CACHE_OUTAGES:
        logger.warning("Cache unavailable after migrate: empty it when it is back, or pages may be stale")


def cache_for_readers(view=None, *, query_string=False):
    """Mark a view's pages as the same for every anonymous reader, so the middleware may keep them.

    With query_string=True the query is part of the page (checker answers, the API); otherwise a query
    string means nothing to the view and pages are kept only when asked for without one.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.reader_cache = WITH_QUERY if query_string else WITHOUT_QUERY
            return response

        return wrapped

    return decorator(view) if view else decorator


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

        started = time.time()
        response = self.get_response(request)
        if getattr(response, "reader_cache", None) and holds_reader_state(request, response):
            add_never_cache_headers(response)
            return response
        if not is_storable(request, response):
            return response
        try:
            version = version or version_started_by(started)
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
        )
        timeout = ceil(version.until - time.time())
        if timeout > 0:
            key = page_key(request)
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
        # A copy: WSGIRequest writes the decoded path back into the environ it is given, and Django's
        # handler, reading it again, would fail on any address outside Latin-1 (every Chinese slug).
        request = WSGIRequest(environ.copy())
        if is_anonymous_read(request):
            try:
                version, page = environ[LOOKED_UP] = lookup(request)
            except Exception:  # noqa: BLE001  Django answers instead: a 400 for a bad host, 503 while out
                environ[LOOKED_UP] = (None, None)
                page = None
            if page is not None:
                run_on_serve(page)
                status, headers, content = kept_answer(request, page, version)
                start_response(f"{status} {responses[status]}", headers)
                return [content]
        return self.application(environ, start_response)


def is_anonymous_read(request):
    """A GET of a page (not a static file) from a reader without a session, a pending message or credentials."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(STATIC_PREFIX)
        and request.path != health_path()
    )


@functools.cache
def health_path():
    """The load balancer's check answers by its own deadline, whatever the cache does."""
    return reverse("health")


def lookup(request):
    """(the current version or None, the page kept for this request under it or None)."""
    stored = read_version()
    if stored is None:
        return None, None  # an edge passed or the cache was emptied: nothing kept is current
    version = ContentVersion(*stored)
    key = page_key(request)
    page = recent_pages.get(key, version.token)
    if page is None:
        page = caches[PAGES].get(key)
        if page is None or page.token != version.token:
            return version, None
        recent_pages.add(key, page)
    return version, page


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


def page_key(request):
    """One entry per address and language: the API's language comes from Accept-Language, a page's
    from its path."""
    language = translation.get_language_from_request(request, check_path=True)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{language}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def holds_reader_state(request, response):
    """The response sets a cookie, holds a CSRF token or depends on the reader's cookies."""
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or "cookie" in response.get("Vary", "").lower()
    )


def is_storable(request, response):
    mark = getattr(response, "reader_cache", None)
    cache_control = set(response.get("Cache-Control", "").replace(" ", "").split(","))
    return (
        mark is not None
        and response.status_code == 200
        and not response.streaming
        and not {"private", "no-store", "no-cache"} & cache_control
        and (mark == WITH_QUERY or not request.META.get("QUERY_STRING"))
    )


def kept_answer(request, page, version):
    """(status, headers, content) of the kept page, or of 304 when the client's copy is this one.

    Validators and Cache-Control fit for a CDN in front, max-age short: a browser's or CDN's copy
    outlives an edit by at most that much, and never passes the version's edge.
    """
    max_age = min(settings.PAGE_CACHE_MAX_AGE, max(0, int(version.until - time.time())))
    cache_control = f"public, max-age={max_age}, stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}"
    validators = [("ETag", page.etag), ("Last-Modified", http_date(version.since)), ("Cache-Control", cache_control)]
    if not is_unchanged(request, page, version):
        return page.status, [*page.headers, *validators], page.content
    kept = [(name, value) for name, value in page.headers if name.lower() in NOT_MODIFIED_HEADERS]
    return 304, [*kept, *validators], b""


def is_unchanged(request, page, version):
    """If-None-Match names this page, or (without it) If-Modified-Since is no older than its version."""
    etags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    if etags:
        return "*" in etags or page.etag in etags
    modified_since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return modified_since is not None and int(version.since) <= modified_since


def kept_response(request, page, version):
    status, headers, content = kept_answer(request, page, version)
    response = HttpResponseNotModified() if status == 304 else HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response
