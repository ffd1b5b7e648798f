"""Whole pages for anonymous readers, kept until the content they show changes: the middleware that keeps
and serves them, and the WSGI entry that serves them before Django's request handling starts.

Which pages are kept and under which query: serving/page_rules.py; where they live and how a kept one
is answered: serving/page_store.py.
"""

import hashlib
import logging
import time
from contextlib import suppress
from http.client import responses
from math import ceil

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIRequest
from django.db import Error as DatabaseError
from django.utils.cache import add_never_cache_headers

from serving.content_version import CACHE_OUTAGES, database_token, version_started_by
from serving.limits import BUDGET_COUNTED, MUST_RENDER, client_of, refusals, render_budget
from serving.page_rules import ANONYMOUS, HEALTH_PREFIX, holds_reader_state, is_anonymous_read, storable_query
from serving.page_store import (
    PAGES,
    VALIDATORS,
    Page,
    kept_answer,
    kept_response,
    lookup,
    page_key,
    recent_pages,
    run_on_serve,
)

logger = logging.getLogger(__name__)

# Where the WSGI entry leaves its findings for the middleware, so a miss costs one lookup and one check.
LOOKED_UP = "serving.page_cache.lookup"


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

