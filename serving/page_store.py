"""Where kept pages live and how one is answered: each is stamped with the content version
(serving/content_version.py) it was rendered under, and served only while that version is current.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import redis.exceptions
from django.conf import settings
from django.core.cache import caches
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.http import parse_etags
from django.utils.module_loading import import_string

from serving.cache import RedisCache
from serving.content_version import CACHE_OUTAGES, Version, read_version
from serving.page_rules import Keep, request_query

logger = logging.getLogger(__name__)

# Headers a 304 repeats (RFC 9110, 15.4.5); the validator and Cache-Control are added to each answer.
NOT_MODIFIED_HEADERS = {"content-location", "date", "expires", "vary"}
# Not kept with the page: added to each answer. Last-Modified is never sent: its one-second resolution
# cannot tell two saves in the same second apart, and the ETag (a hash of the page) always can.
VALIDATORS = {"etag", "last-modified", "cache-control"}

PAGES = "pages"


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



def lookup(request):
    """(the current version or None, the page kept for this request under it or None).

    A page is looked for under the request's query less tracking parameters; failing that, a page that
    takes no query is looked for under its address alone, unless the query holds one of its own parameters.
    """
    stored = read_version()
    if stored is None:
        return None, None  # an edge passed or the cache was emptied: nothing kept is current
    version = Version(*stored)
    pairs, query = request_query(request.META.get("QUERY_STRING", ""))
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


# Kept pages are pickled, naming their classes by module. Keyed by those names too, a page kept by a release
# whose classes lived elsewhere is never read by this one, which could not load it (nor this one's by that
# release, while a deploy rolls).
KEY_PREFIX = "page:{}:{}:".format(*(f"{kind.__module__}.{kind.__qualname__}" for kind in (Page, Keep)))


def page_key(request, query):
    """One entry per address, query that makes the page, and language: the API's language comes from
    Accept-Language, a page's from its path."""
    language = translation.get_language_from_request(request, check_path=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}|{language}"
    return KEY_PREFIX + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()



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
