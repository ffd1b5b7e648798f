"""Which pages are kept for anonymous readers, and under which query.

Views opt in with @cache_for_readers. A page is kept only for a reader without a session or a pending
message, and only when the response carries no cookie, no CSRF token and does not vary on cookies;
signed-in editors and previews always get a fresh, private page.

A page is kept under its address and language, with the query reduced to what makes the page: tracking
parameters (settings.TRACKING_PARAMETERS) never count, a page that takes no query is kept once whatever
query it is asked with, and a page built from its query (checker answers, search) is kept under the
query its view names, in one order.
"""

import functools
import re
from dataclasses import dataclass
from fnmatch import translate
from importlib import import_module
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import Error as DatabaseError
from django.db import connection
from django.http import QueryDict

ANONYMOUS = "serving.page_cache.anonymous"
STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")
# The load balancer's checks answer by their own deadline, whatever the cache does.
HEALTH_PREFIX = "/health/"


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


@functools.lru_cache(maxsize=4)
def _tracking_match(patterns):
    """Matches a parameter messaging apps and campaigns add to shared links, which never changes a page: one
    expression for every pattern, built once (matching each pattern in turn took a tenth of a kept answer)."""
    return re.compile("|".join(translate(pattern) for pattern in patterns) or "(?!)").match


def reader_query(pairs):
    """The query that makes a page, in one order: the pairs without tracking parameters, sorted."""
    return _reader_query(pairs, tuple(settings.TRACKING_PARAMETERS))


def _reader_query(pairs, patterns):
    if not pairs:
        return ""
    tracking = _tracking_match(patterns)
    return urlencode(sorted((name, value) for name, value in pairs if tracking(name) is None))


# Query strings longer than this are read each time: a flood of long distinct ones would fill the memory.
REMEMBERED_QUERY = 256


def request_query(query_string):
    """(the pairs of a request's query string, the query that makes its page), worked out once per query string
    in each worker: kept answers with a query are asked for with the same few queries over and over."""
    patterns = tuple(settings.TRACKING_PARAMETERS)
    if len(query_string) > REMEMBERED_QUERY:
        return _request_query.__wrapped__(query_string, patterns)
    return _request_query(query_string, patterns)


@functools.lru_cache(maxsize=1024)
def _request_query(query_string, patterns):
    pairs = tuple(parse_qsl(query_string, keep_blank_values=True))
    return pairs, _reader_query(pairs, patterns)



def on_every_serve(response, function_path, **kwargs):
    """Ask for `function_path(**kwargs)` to run whenever the kept copy of this response is served in
    place of its view, as the view itself did: a search served from the cache is still counted.

    A dotted path, not the function: kept pages are pickled, and a worker may serve one before the
    module that made it is imported.
    """
    response.reader_cache_served = (function_path, kwargs)



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

