"""Making, rotating and revoking keys; finding the key a request presents; counting each key's use."""

import hashlib
import hmac
import logging
import secrets
import time
from functools import cache

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from serving.counts import CountBuffer, today
from serving.limits import API_KEY

from .models import ApiKey, ApiKeyUsage

logger = logging.getLogger(__name__)

SEPARATOR = "."
# The endpoint a request that matches no operation is counted under: its address could be anything.
OTHER_ENDPOINT = "other"


def _hash(key):
    # A key is 256 random bits: a fast hash cannot be searched backwards, and keeps each request cheap.
    return hashlib.sha256(key.encode()).hexdigest()


def _secret(prefix):
    return f"{prefix}{SEPARATOR}{secrets.token_urlsafe(32)}"


def key_issue(api_key):
    """Give a new, unsaved key its prefix and secret; return the key, the one time it can be shown."""
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    key = _secret(prefix)
    api_key.prefix, api_key.hashed = prefix, _hash(key)
    return key


def key_rotate(api_key):
    """A new secret under the same prefix: the old key stops working at once. Returns the new key."""
    key = _secret(api_key.prefix)
    api_key.hashed, api_key.rotated_at = _hash(key), timezone.now()
    api_key.save(update_fields=["hashed", "rotated_at"])
    return key


def key_revoke(api_key):
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])


def presented_key(meta):
    """The key a request sends (Authorization: Bearer, or X-API-Key), or None when it sends none."""
    scheme, _space, credentials = meta.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() == "bearer":
        return credentials.strip()
    return meta.get("HTTP_X_API_KEY")


class KnownKeys:
    """Keys this worker found valid in the last KEY_RECHECK_SECONDS, by their hash: (id, rate). A kept
    answer to a keyed client then needs no database, as one to any reader does. A key saved here (revoked,
    rotated, its quota changed) is forgotten at once; in other workers and instances, within those seconds."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._keys = {}

    def get(self, hashed):
        known = self._keys.get(hashed)
        if known is None or known[0] <= self._clock():
            return None
        return known[1]

    def add(self, hashed, api_key):
        if len(self._keys) >= MAX_KNOWN_KEYS:
            self._keys.clear()
        self._keys[hashed] = (self._clock() + settings.API_KEY_RECHECK_SECONDS, (api_key.pk, api_key.rate))

    def forgotten_on_save(self, sender, instance, **kwargs):
        self._keys = {hashed: known for hashed, known in self._keys.items() if known[1][0] != instance.pk}

    def clear(self):
        self._keys.clear()


MAX_KNOWN_KEYS = 1_000
known_keys = KnownKeys()


def key_find(presented):
    """The key that is not revoked and matches, or None."""
    prefix, separator, _secret_part = presented.partition(SEPARATOR)
    if not separator:
        return None
    api_key = ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if api_key is None or not hmac.compare_digest(api_key.hashed, _hash(presented)):
        return None
    return api_key


def _valid(presented):
    """(id, rate) of the valid key presented, or None; from this worker's memory while it is fresh."""
    hashed = _hash(presented)
    known = known_keys.get(hashed)
    if known is not None:
        return known
    api_key = key_find(presented)
    if api_key is None:
        return None
    known_keys.add(hashed, api_key)
    return api_key.pk, api_key.rate


def key_check(meta):
    """For an API request: 401 when it sends a key that is wrong or revoked, else None. A valid key is left
    in `meta` (API_KEY) for the limits, and its use counted; no key, the address's limits apply."""
    presented = presented_key(meta)
    if presented is None:
        return None
    try:
        valid = _valid(presented)
    except DatabaseError:
        # Kept answers still serve while the database is out: the request goes on under the address's limits.
        logger.warning("API key not checked: the database is unavailable.", exc_info=True)
        connection.close()
        return None
    if valid is None:
        return 401
    meta[API_KEY] = valid
    usage_counts.add((valid[0], today(), endpoint(meta.get("PATH_INFO", ""))))
    return None


@cache
def _endpoints():
    from policy.checkers import CHECKERS

    return frozenset({
        *(reverse("policy_api:checker", args=[slug]) for slug in CHECKERS),
        reverse("search_api"), reverse("openapi"),
    })


def endpoint(path):
    return path if path in _endpoints() else OTHER_ENDPOINT


def _usage_write(batch):
    """One upsert a row (same syntax on SQLite and PostgreSQL), atomic under writers in other workers."""
    table = connection.ops.quote_name(ApiKeyUsage._meta.db_table)
    # A key deleted meanwhile (from the shell: admin only revokes) takes its counts with it.
    keys = {key_id for key_id, _day, _path in batch}
    existing = set(ApiKey.objects.filter(pk__in=keys).values_list("pk", flat=True))
    rows = [
        (key_id, day, path, count)
        for (key_id, day, path), (count, _latest) in batch.items() if key_id in existing
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (key_id, day, endpoint, requests) VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT (key_id, day, endpoint) DO UPDATE SET requests = {table}.requests + excluded.requests",
            rows,
        )


usage_counts = CountBuffer(_usage_write)
