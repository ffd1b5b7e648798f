"""The content version: the database's token, each worker's copy of it, and what makes every kept page stale."""

import os
import time
import uuid
from unittest import mock

import pytest
import redis
from django.core.cache import caches

from faq.models import Article
from serving import content_version
from serving.content_version import (
    VERSION_KEY,
    VERSIONS,
    FileVersionCopy,
    VersionCopy,
    database_check,
    database_token,
    new_database_token,
    new_version,
    read_version,
    replace_version,
)
from tests.factories import make_article
from tests.servers import REDIS_URL, require_redis
from tests.serving.test_page_cache import later

pytestmark = pytest.mark.django_db


def test_every_content_change_writes_a_new_token_to_the_database_in_its_transaction():
    before = database_token()
    make_article()

    assert database_token() != before
    assert read_version()[0].startswith(database_token() + "-")


def test_a_copy_that_is_not_the_databases_is_replaced_when_the_worker_checks_it(client):
    article = make_article(body="The restored answer.")
    stale = new_version("tokenofanotherdatabase")
    caches[VERSIONS].set(VERSION_KEY, stale, timeout=3600)
    database_check.again()  # as at a worker's start, or after Redis reconnects

    version = read_version()

    assert version != stale and version[0].startswith(database_token() + "-")
    assert "The restored answer." in client.get(article.get_absolute_url()).content.decode()


def test_a_copy_is_checked_against_the_database_once_per_worker_not_per_request(django_assert_num_queries):
    replace_version(database_token())
    database_check.again()
    read_version()

    with django_assert_num_queries(0):
        for _ in range(5):
            read_version()


def test_a_database_that_does_not_answer_leaves_the_copy_in_use_and_the_check_for_later():
    stored = replace_version(database_token())
    database_check.again()

    with mock.patch.object(content_version, "database_token", side_effect=content_version.DatabaseError("out")):
        assert read_version() == stored
    assert not database_check.due()  # not on every request while the database is out


def redis_versions(settings, url):
    """The content version kept in the Redis at `url` under a key prefix of this test's own, and a new
    worker's copy of it (the module's own copy may have subscribed to another test's prefix)."""
    settings.CACHES = {**settings.CACHES, VERSIONS: {
        "BACKEND": "serving.cache.RedisCache", "LOCATION": url,
        "KEY_PREFIX": f"test-versions-{uuid.uuid4().hex[:8]}",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
    return mock.patch.object(content_version, "version_copy", VersionCopy())


@pytest.fixture
def redis_version(settings):
    require_redis()
    with redis_versions(settings, REDIS_URL):
        replace_version(database_token())
        read_version()  # subscribes; the next read takes in the confirmation and reads the version again
        time.sleep(0.05)
        read_version()
        yield caches[VERSIONS]
        caches[VERSIONS].delete(VERSION_KEY)


def stored_without_announcing(cache):
    """A new version as if its announcement were lost on the way."""
    stored = new_version(database_token(), time.time() + 1)
    cache.set(VERSION_KEY, stored, timeout=3600)
    return stored


def test_a_worker_reads_the_version_from_redis_only_when_a_new_one_is_announced(redis_version):
    with mock.patch.object(redis_version, "get", wraps=redis_version.get) as get:
        unchanged = [read_version() for _ in range(50)]
        replace_version(new_database_token())
        replaced = read_version()
        again = read_version()

    assert get.call_count == 1
    assert len(set(unchanged)) == 1
    assert replaced != unchanged[0] and replaced == again == redis_version.get(VERSION_KEY)


def test_a_page_edited_elsewhere_is_fresh_on_the_next_request_with_redis(client, redis_version):
    article = make_article(body="The old answer.")
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(body="The new answer.")  # no signal in this process

    stale = client.get(article.get_absolute_url())
    replace_version(new_database_token())  # what the editing process does after its commit
    fresh = client.get(article.get_absolute_url())

    assert "The old answer." in stale.content.decode()
    assert "The new answer." in fresh.content.decode()


def test_a_lost_subscription_drops_the_copy_when_redis_reconnects(redis_version):
    import redis as redis_client

    redis_client.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub")
    stored = stored_without_announcing(redis_version)

    assert read_version() == stored


def test_a_copy_never_outlives_the_recheck_even_if_an_announcement_is_lost(redis_version, settings):
    kept = read_version()
    stored = stored_without_announcing(redis_version)
    real_monotonic = time.monotonic

    assert read_version() == kept  # the announcement is what the copy waits for...
    with mock.patch("time.monotonic", lambda: real_monotonic() + settings.PAGE_CACHE_VERSION_RECHECK):
        assert read_version() == stored  # ...for at most PAGE_CACHE_VERSION_RECHECK seconds


def test_a_copy_lapses_at_its_versions_edge(redis_version):
    kept = read_version()
    with later(kept[2] - time.time()):
        # Redis drops the key at the edge too; here it is still there, so only the copy's own edge counts.
        with mock.patch.object(redis_version, "get", return_value=None) as get:
            assert read_version() is None
    assert get.call_count == 1


def test_pages_are_served_fresh_while_redis_does_not_answer(client, settings):
    article = make_article(body="Still readable.")
    closed = socket_nobody_listens_on()
    with redis_versions(settings, f"redis://127.0.0.1:{closed}/0"):
        responses = [client.get(article.get_absolute_url()) for _ in range(2)]

    assert [response.status_code for response in responses] == [200, 200]
    assert all("Still readable." in response.content.decode() for response in responses)


def socket_nobody_listens_on():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_redis_back_from_an_older_snapshot_never_brings_back_its_pages(client, redis_version):
    article = make_article(body="The answer before.")
    client.get(article.get_absolute_url())
    snapshot = redis_version.get(VERSION_KEY)  # what a snapshot of Redis taken now would hold
    article.body = "The answer now."
    article.save()
    assert "The answer now." in client.get(article.get_absolute_url()).content.decode()

    # Redis restarts from the snapshot: connections drop, and the old version is back without an announcement.
    redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub")
    redis_version.set(VERSION_KEY, snapshot, timeout=3600)

    assert "The answer now." in client.get(article.get_absolute_url()).content.decode()
    assert read_version()[0].startswith(database_token() + "-")


def test_while_redis_does_not_answer_a_worker_serves_by_the_copy_it_holds(redis_version, settings):
    kept = read_version()
    real_monotonic = time.monotonic
    later_on = mock.patch("time.monotonic", lambda: real_monotonic() + settings.PAGE_CACHE_VERSION_RECHECK)
    hung = mock.patch.object(redis_version, "get", side_effect=redis.exceptions.TimeoutError("no answer"))

    with later_on, hung:
        assert read_version() == kept  # due to be read again, but Redis does not answer: the copy serves


@pytest.fixture
def file_version(settings, tmp_path):
    """The content version in a file cache, as without Redis, and a new worker's copy of it."""
    settings.CACHES = {**settings.CACHES, VERSIONS: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path),
    }}
    with mock.patch.object(content_version, "file_copy", FileVersionCopy()):
        yield caches[VERSIONS]


def aged(cache, seconds=10):
    """The version file as if written `seconds` ago."""
    path = cache._key_to_file(VERSION_KEY)
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_a_worker_unpickles_the_version_file_only_when_it_changes(file_version):
    stored = replace_version(database_token())
    aged(file_version)
    with mock.patch.object(file_version, "get", wraps=file_version.get) as get:
        assert [read_version() for _ in range(3)] == [stored] * 3
        assert get.call_count == 1

        again = replace_version(database_token())
        assert read_version() == again  # the next request after a write reads it
        assert get.call_count == 2


def test_a_version_file_written_just_now_is_read_on_every_request(file_version):
    # Two writes within the file system's timestamp resolution may leave inode, time and size as they were.
    written = time.time_ns()
    same_stamp = mock.patch.object(content_version, "_file_stamp", lambda path: (path, 1, written, 64))
    with same_stamp:
        replace_version(database_token())
        read_version()
        again = replace_version(database_token())
        assert read_version() == again


def test_a_version_file_removed_is_no_version(file_version):
    replace_version(database_token())
    aged(file_version)
    read_version()
    file_version.clear()
    assert read_version() is None
