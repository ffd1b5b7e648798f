"""Rate limits per client, counted in a cache that every worker and instance shares.

This module names the limits, keys them by the client (the API key a request sends, else its address),
counts them through each worker's tally (serving/tally.py) and keeps the site up when the counter's cache
is not: then every request is let through and a warning is logged, since refusing readers because of our
own outage would be worse than a flood. django-ratelimit turns a refusal into the 429 page.
"""

import functools
import logging
import math
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import translation
from django_ratelimit.exceptions import Ratelimited
from redis.exceptions import RedisError

from portal.errors import is_api, too_many_requests

from .clients import client_ip
from .tally import tally

logger = logging.getLogger(__name__)

# What a cache that is down or unreachable raises: Redis's errors, the database cache's, sockets'.
CACHE_ERRORS = (RedisError, DatabaseError, OSError)


# Set by the gate (serving/gate.py) on an API request with a valid key: (the key's id, its (requests, seconds)).
API_KEY = "serving.limits.api_key"
# The limits a key's own quota replaces: each counts for the key, at the key's rate.
KEYED_GROUPS = frozenset({"api", "search", "render"})


def client_of(request):
    """Who the limits count a request for: the API key it sends, else the address it comes from."""
    key = request.META.get(API_KEY)
    return f"key:{key[0]}" if key else client_ip(request)


def _rate(group, request):
    """(requests, seconds) for the group: the key's own quota, else the settings', read on each request;
    None for a group without a limit."""
    key = request.META.get(API_KEY)
    if key and group in KEYED_GROUPS:
        return key[1]
    return settings.RATE_LIMITS[group]


def over_limit(request, group):
    """Count this request against the client's allowance for `group`.

    0 while the allowance lasts; once it is used up, the seconds until the client's window ends.
    """
    rate = _rate(group, request)
    if rate is None:
        return 0
    try:
        retry_after = _count(request, group, rate)
    except CACHE_ERRORS as error:
        if isinstance(error, DatabaseError) and connection.connection is None:
            # The counters live in the site's database and it cannot be reached: the page cannot be
            # served either, so answer with the outage (503) now rather than after a second timeout.
            raise
        logger.warning("Rate limit %r not applied: its cache is unavailable.", group, exc_info=True)
        return 0
    return math.ceil(retry_after)


def _count(request, group, rate):
    requests, seconds = rate
    # Only the render budget, generous and counted on every rendered page, may be held in the worker.
    hold = group == "render"
    if connection.in_atomic_block:
        # Inside a transaction a failed counter query (PostgreSQL) would abort it: keep it to a savepoint.
        with transaction.atomic():
            return tally.count(group, client_of(request), requests, seconds, hold=hold)
    return tally.count(group, client_of(request), requests, seconds, hold=hold)


def rate_limited(group):
    """Decorate a view: past the client's allowance it raises Ratelimited, which becomes a 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            retry_after = over_limit(request, group)
            if retry_after:
                exception = Ratelimited(group)
                exception.retry_after = retry_after
                raise exception
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Set by the page cache on a request it could not answer from a kept page: it must be rendered.
MUST_RENDER = "serving.limits.must_render"
# Set by the WSGI entry once it has counted the request against the render budget: 0, or the seconds to wait.
BUDGET_COUNTED = "serving.limits.budget_counted"
# Clients this worker refuses without asking the counter again; more than this many, and it starts afresh.
MAX_REFUSED_CLIENTS = 10_000


class RenderShare:
    """Each worker's recent time per client: what it spent rendering for the client, and in all.

    Times fade with a half-life of HALF_LIFE seconds, so a value is the client's time in about the last
    few seconds; a worker busy all along holds WINDOW seconds. While the worker also serves other
    clients, a client whose renders took more than settings.RENDER_SHARE of that window is refused:
    one client cannot hold the workers that everyone's pages wait for, and a client alone (a crawler
    reading the site at night) is never refused, however fast it reads.
    """

    HALF_LIFE = 1.0
    WINDOW = HALF_LIFE / math.log(2)
    # Less than one kept page's time in the window: nobody else is being served.
    OTHERS_MIN = 0.000_1
    MAX_CLIENTS = 10_000

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._busy = (0.0, clock())
        # client: (rendering, all) seconds, as of a time of its own
        self._clients = {}

    def _faded(self, seconds, stamp, now):
        return seconds * 2 ** ((stamp - now) / self.HALF_LIFE)

    def _times(self, client, now):
        rendering, spent, stamp = self._clients.get(client, (0.0, 0.0, now))
        return self._faded(rendering, stamp, now), self._faded(spent, stamp, now)

    def record(self, client, seconds, rendered):
        """This worker spent `seconds` on a request of `client`, rendering it or not."""
        with self._lock:
            now = self._clock()
            if client not in self._clients and len(self._clients) >= self.MAX_CLIENTS:
                # Clients not seen for a while hold nothing worth keeping.
                self._clients = {
                    key: times for key, times in self._clients.items()
                    if self._faded(times[1], times[2], now) >= self.OTHERS_MIN
                }
            rendering, spent = self._times(client, now)
            self._clients[client] = (rendering + (seconds if rendered else 0.0), spent + seconds, now)
            self._busy = (self._faded(*self._busy, now) + seconds, now)

    def over(self, client):
        """0 while the client is within its share; else the seconds until it is back within it."""
        limit = settings.RENDER_SHARE
        if limit >= 1:
            return 0
        with self._lock:
            now = self._clock()
            rendering, spent = self._times(client, now)
            share = rendering / self.WINDOW
            if share <= limit or self._faded(*self._busy, now) - spent < self.OTHERS_MIN:
                return 0
            return max(math.ceil(self.HALF_LIFE * math.log2(share / limit)), 1)

    def clear(self):
        with self._lock:
            self._busy = (0.0, self._clock())
            self._clients.clear()


class RenderBudget:
    """The requests one client address may have rendered (RATE_LIMITS["render"]): cache misses, unknown
    addresses, searches, distinct checker answers. Kept pages never count, so they go on serving everyone.

    A client past its budget is remembered in this worker until its window ends: its further requests are
    refused without asking the shared counter, at about the cost of a kept page. A client over its share
    of this worker's time (RenderShare) is refused as well, whatever its budget holds; except a client with
    an API key, whose quota Publishers set for the many users it serves.
    """

    def __init__(self):
        self._refused_until = {}
        self.share = RenderShare()

    def refused(self, request):
        """0 while the client may have this request rendered; else the seconds until it may again."""
        client = client_of(request)
        now = time.monotonic()
        until = self._refused_until.get(client, 0)
        if until > now:
            return math.ceil(until - now)
        over_share = 0 if API_KEY in request.META else self.share.over(client)
        if over_share:
            return over_share
        retry_after = over_limit(request, "render")
        if retry_after:
            if len(self._refused_until) >= MAX_REFUSED_CLIENTS:
                self._refused_until.clear()
            self._refused_until[client] = now + retry_after
        return retry_after

    def clear(self):
        self._refused_until.clear()
        self.share.clear()


render_budget = RenderBudget()


class Refusals:
    """The 429 page (or JSON) the render budget last sent, per language and kind, under the content version."""

    def __init__(self):
        self._kept = {}

    @staticmethod
    def _key(request):
        return translation.get_language_from_request(request, check_path=True), is_api(request)

    def keep(self, request, version, response):
        if version is not None and not response.streaming:
            headers = tuple((name, value) for name, value in response.items() if name.lower() != "retry-after")
            self._kept[self._key(request)] = (version.token, response.status_code, headers, response.content)

    def answer(self, request, version, retry_after):
        kept = self._kept.get(self._key(request))
        if version is None or kept is None or kept[0] != version.token:
            return None
        _token, status, headers, content = kept
        body = b"" if request.method == "HEAD" else content
        return status, [*headers, ("Retry-After", str(retry_after))], body


refusals = Refusals()


class RenderBudgetMiddleware:
    """Refuse a request the page cache could not answer once its client is past the render budget.

    After LocaleMiddleware, so the 429 page is in the reader's language, and below the security headers'
    middleware, so it carries them; the page cache keeps the refusal for the WSGI entry to send again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get(MUST_RENDER):
            counted = request.META.get(BUDGET_COUNTED)
            retry_after = render_budget.refused(request) if counted is None else counted
            if retry_after:
                exception = Ratelimited("render")
                exception.retry_after = retry_after
                response = too_many_requests(request, exception)
                response.render_refusal = True
                return response
        return self.get_response(request)
