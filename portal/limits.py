"""Rate limits per client, counted in a cache that every worker and instance shares.

The counting is django-ratelimit's; this module names the limits, keys them by the client's address
and keeps the site up when the counter's cache is not: then every request is let through and a
warning is logged, since refusing readers because of our own outage would be worse than a flood.
"""

import functools
import logging

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited
from redis.exceptions import RedisError

from .clients import client_ip

logger = logging.getLogger(__name__)

# What a cache that is down or unreachable raises: Redis's errors, the database cache's, sockets'.
CACHE_ERRORS = (RedisError, DatabaseError, OSError)


def _client(group, request):
    return client_ip(request)


def _rate(group, request):
    """(requests, seconds) for the group, read from the settings on each request."""
    return settings.RATE_LIMITS[group]


def over_limit(request, group):
    """Count this request against the client's allowance for `group`.

    0 while the allowance lasts; once it is used up, the seconds until the client's window ends.
    """
    try:
        usage = _count(request, group)
    except CACHE_ERRORS as error:
        if isinstance(error, DatabaseError) and connection.connection is None:
            # The counters live in the site's database and it cannot be reached: the page cannot be
            # served either, so answer with the outage (503) now rather than after a second timeout.
            raise
        logger.warning("Rate limit %r not applied: its cache is unavailable.", group, exc_info=True)
        return 0
    if usage is None or not usage["should_limit"]:
        return 0
    return max(usage["time_left"], 1)


def _count(request, group):
    if connection.in_atomic_block:
        # Inside a transaction a failed counter query (PostgreSQL) would abort it: keep it to a savepoint.
        with transaction.atomic():
            return get_usage(request, group=group, key=_client, rate=_rate, increment=True)
    return get_usage(request, group=group, key=_client, rate=_rate, increment=True)


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
