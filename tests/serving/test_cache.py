"""The Redis cache backend the portal uses with REDIS_URL, against a real Redis server."""

import os
import threading
import time
from unittest import mock

import pytest
import redis

from serving.cache import Breaker, PageMemoryCache, RedisCache
from tests.servers import REDIS_URL, require_redis


@pytest.fixture
def cache():
    require_redis()
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-cache-{os.getpid()}"})
    yield cache
    cache.delete_many(["version", "count"])  # not clear(): that empties the whole Redis database


def test_one_client_serves_every_call(cache):
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_it_reads_writes_and_counts_like_djangos(cache):
    cache.set("version", ("token", 1.5, 2.5), timeout=60)
    cache.add("count", 0, timeout=60)
    cache.incr("count")

    assert cache.get("version") == ("token", 1.5, 2.5)
    assert cache.get("count") == 1
    assert cache.get("missing", "default") == "default"


def test_threads_share_the_client_safely(cache):
    def count():
        for _ in range(50):
            cache.incr("count")

    cache.set("count", 0, timeout=60)
    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert cache.get("count") == 200


def test_a_subscriber_finds_each_publish_waiting_as_soon_as_it_returns(cache):
    subscriber = cache.subscribe("version")
    assert subscriber.get_message(timeout=5)["type"] == "subscribe"
    try:
        for _ in range(20):
            cache.publish("version")
            assert subscriber.get_message(timeout=0)["type"] == "message"
        cache.publish("other")
        assert subscriber.get_message(timeout=0.2) is None
    finally:
        subscriber.close()


@pytest.mark.parametrize("memory, bounded", [
    ({"maxmemory": 0, "maxmemory_policy": "noeviction"}, False),
    ({"maxmemory": 0, "maxmemory_policy": "allkeys-lru"}, False),
    ({"maxmemory": 268435456, "maxmemory_policy": "noeviction"}, False),
    ({"maxmemory": 268435456, "maxmemory_policy": "volatile-ttl"}, False),
    ({"maxmemory": 268435456, "maxmemory_policy": "allkeys-lru"}, True),
    ({"maxmemory": 268435456, "maxmemory_policy": "volatile-lfu"}, True),
])
def test_a_redis_bounds_kept_pages_only_with_maxmemory_and_a_policy_that_evicts(cache, memory, bounded):
    client = cache._cache.get_client()
    with mock.patch.object(client, "info", return_value=memory):
        assert (cache.unbounded() == "") is bounded


def test_the_redis_of_this_machine_is_read_as_it_is_configured(cache):
    memory = redis.Redis.from_url(REDIS_URL).info("memory")
    bounded = bool(memory["maxmemory"]) and memory["maxmemory_policy"].endswith(("-lru", "-lfu"))

    assert (cache.unbounded() == "") is bounded


def test_a_redis_that_does_not_answer_is_skipped_for_a_while_after_its_first_timeout(silent_server, settings):
    settings.CACHE_BREAKER_SECONDS = 60
    accepted = silent_server.accepted
    hanging = RedisCache(f"redis://127.0.0.1:{silent_server.port}/0", {"OPTIONS": {"socket_timeout": 0.2}})

    with pytest.raises(redis.exceptions.TimeoutError):
        hanging.get("version")
    tried = len(accepted)
    for _ in range(5):
        with pytest.raises(redis.exceptions.ConnectionError):
            hanging.get("version")

    assert tried == 1 and len(accepted) == 1  # skipped: not one more connection


def test_while_redis_hangs_the_breaker_asks_it_again_in_the_background_never_in_a_readers_call(
    silent_server, settings
):
    settings.CACHE_BREAKER_SECONDS = 0.1
    hanging = RedisCache(f"redis://127.0.0.1:{silent_server.port}/1", {"OPTIONS": {"socket_timeout": 0.2}})
    with pytest.raises(redis.exceptions.TimeoutError):
        hanging.get("version")

    time.sleep(0.5)  # the background probe has asked again, and waited its timeout
    with pytest.raises(redis.exceptions.ConnectionError) as skipped:
        hanging.get("version")

    assert not isinstance(skipped.value, redis.exceptions.TimeoutError)
    assert len(silent_server.accepted) >= 2


def test_the_breaker_closes_once_redis_answers_its_probe(settings):
    settings.CACHE_BREAKER_SECONDS = 0.05
    answers = iter([redis.exceptions.TimeoutError("still hung"), None])

    def ping():
        answer = next(answers)
        if answer:
            raise answer

    breaker = Breaker(ping)
    with pytest.raises(redis.exceptions.TimeoutError):
        breaker.call(mock.Mock(side_effect=redis.exceptions.TimeoutError("hung")))
    with pytest.raises(redis.exceptions.ConnectionError):
        breaker.call(lambda: "skipped")

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            assert breaker.call(lambda: "answered") == "answered"
            break
        except redis.exceptions.ConnectionError:
            time.sleep(0.02)
    else:
        pytest.fail("the breaker never closed")


def test_kept_pages_in_a_workers_memory_are_served_as_kept_not_unpickled_again():
    pages = PageMemoryCache("test-pages", {})
    page = (b"<html>", ("Content-Type", "text/html"))
    pages.set("page:a", page, timeout=60)

    with mock.patch("pickle.loads") as unpickle:
        assert pages.get("page:a") is page
    unpickle.assert_not_called()
    assert pages.add("page:a", "other") is False and pages.add("page:b", "b", timeout=60) is True
    pages.set("page:d", "d", timeout=-1)
    assert pages.get("page:d", "expired") == "expired"
