"""Cache backends: a database cache whose counters hold across processes, for rate limits without
Redis, a worker's memory that keeps kept pages as they are, and Django's Redis cache without its per-call
client, able to say when a key was replaced."""

import base64
import functools
import os
import pickle
import threading
import time

from django.conf import settings
from django.core.cache.backends import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections, router, transaction
from django.utils.timezone import now
from redis import exceptions as redis_errors


class CounterDatabaseCache(DatabaseCache):
    """Django's database cache with an atomic incr() that keeps the entry's expiry.

    The stock incr() is a get and a set: two workers counting at once lose a count, and the set
    replaces the expiry of the limit's window by the cache's default timeout. Here the row is locked
    (SELECT ... FOR UPDATE; SQLite's IMMEDIATE transactions take the write lock) while it is counted.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table, key_column = quote_name(self._table), quote_name("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        current_time = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0, tzinfo=None))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('value')} FROM {table} "
                f"WHERE {key_column} = %s AND {quote_name('expires')} > %s{lock}",
                [key, current_time],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote_name('value')} = %s WHERE {key_column} = %s", [encoded, key]
            )
        return value


class PageMemoryCache(LocMemCache):
    """Django's local memory cache, for kept pages without Redis: values are kept as given, not pickled.

    Each kept page was unpickled on every serve (20 µs for a 10 kB page) and its key checked character by
    character for memcached (9 µs). Kept pages are immutable (serving/page_store.py Page) and their keys a
    prefix and a hash: nothing to copy, nothing to check. Only for values that are never changed in place.
    """

    def validate_key(self, key):
        pass

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)


class ReusedClientRedisCacheClient(redis.RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis per connection pool instead of making one per call.

    redis-py 8 builds each client with its table of several hundred response callbacks: measured here,
    making one took 170 µs and the GET itself 110 µs, so every kept page paid more for the client than
    for the read. A client is safe to share between threads; the pool below it is what holds connections.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class Breaker:
    """Skips a Redis that timed out or refused a connection, in this process, until it answers again.

    Without it every call waits its own socket timeout: a Redis that accepts and never answers cut the site
    from 408 to 2.4 requests/s. Open, each call fails at once, and callers do what they do when Redis is out
    (pages render, limits let requests through, workers use their own copy of the content version). A
    background thread, not a reader's request, asks Redis again every CACHE_BREAKER_SECONDS and closes the
    breaker once it answers: no reader waits on a Redis that still hangs.
    """

    OUTAGES = (redis_errors.ConnectionError, redis_errors.TimeoutError)

    def __init__(self, ping):
        self._ping = ping
        self._open = threading.Event()

    def call(self, function, *args, **kwargs):
        if self._open.is_set():
            raise redis_errors.ConnectionError("Redis skipped: it did not answer a moment ago")
        try:
            return function(*args, **kwargs)
        except self.OUTAGES:
            self._trip()
            raise

    def _trip(self):
        if not self._open.is_set():
            self._open.set()
            threading.Thread(target=self._probe, daemon=True).start()

    def _probe(self):
        while True:
            time.sleep(settings.CACHE_BREAKER_SECONDS)
            try:
                self._ping()
            except self.OUTAGES:
                continue
            self._open.clear()
            return


# One breaker per Redis server and process: every cache alias on it shares what one of them found.
breakers = {}


def through_breaker(method):
    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        key = (os.getpid(), self._servers[0])
        if key not in breakers:
            breakers[key] = Breaker(lambda: self._cache.get_client().ping())
        return breakers[key].call(method, self, *args, **kwargs)

    return wrapped


# Policies under which a full Redis drops the least used keys instead of refusing writes.
EVICTING_POLICIES = {"allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu"}


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    add = through_breaker(redis.RedisCache.add)
    get = through_breaker(redis.RedisCache.get)
    set = through_breaker(redis.RedisCache.set)
    touch = through_breaker(redis.RedisCache.touch)
    delete = through_breaker(redis.RedisCache.delete)
    get_many = through_breaker(redis.RedisCache.get_many)
    has_key = through_breaker(redis.RedisCache.has_key)
    incr = through_breaker(redis.RedisCache.incr)
    set_many = through_breaker(redis.RedisCache.set_many)
    delete_many = through_breaker(redis.RedisCache.delete_many)
    clear = through_breaker(redis.RedisCache.clear)

    def unbounded(self):
        """What leaves this Redis without a bound on the pages it keeps, or "" when it has one."""
        memory = self._cache.get_client().info("memory")
        if not memory.get("maxmemory"):
            return ("Redis has no maxmemory: kept pages can fill its memory. "
                    "Set maxmemory and maxmemory-policy allkeys-lru.")
        if memory.get("maxmemory_policy") not in EVICTING_POLICIES:
            return (f"Redis's maxmemory-policy is {memory.get('maxmemory_policy')}: when full it refuses new pages "
                    "instead of dropping old ones. Set maxmemory-policy allkeys-lru.")
        return ""

    # A key's channel is the key itself, prefix and version included: sites sharing a Redis stay apart.
    @through_breaker
    def publish(self, key):
        """Tell the subscribers of `key` that it was written."""
        client = self._cache.get_client(write=True)
        client.publish(self.make_and_validate_key(key), b"")
        # Redis writes a message to every subscriber's socket before it reads its next command: once a
        # second command is answered, a subscriber that looks at its socket finds the message there.
        client.ping()

    @through_breaker
    def subscribe(self, key):
        """A redis-py PubSub (on its own connection) that receives a message each time `key` is published."""
        pubsub = self._cache.get_client(write=True).pubsub()
        pubsub.subscribe(self.make_and_validate_key(key))
        return pubsub
