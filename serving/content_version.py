"""The content version: which content the kept pages show, and when they lapse by themselves.

The database holds the truth: one row whose token changes in the same transaction as any change to
what readers see (`content_changed`). Every worker reads a copy on each request, from a small file cache
(unpickled again only when the file has changed) or, with Redis, from its own memory until Redis announces a
new one, so a kept page needs no database.
A copy carries the database's token and lapses at the next publishing-window edge and at midnight
(checker answers use today's date), so no scheduled job is needed. A copy that does not match the
database (Redis restored from an older snapshot, a database restored by hand) is replaced the first
time each worker checks it: once per process and after every reconnection to Redis.
"""

import logging
import os
import secrets
import threading
import time
import weakref
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

import redis.exceptions
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import Error as DatabaseError
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.utils import timezone

from faq.selectors import article_next_window_edge
from portal.models import ContentVersion
from serving.cache import RedisCache

logger = logging.getLogger(__name__)

# A cache that does not answer: Redis down or slow, or the version file's folder unreadable.
CACHE_OUTAGES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)

VERSIONS = "content_version"
VERSION_KEY = "content-version"
# How long a worker that could not reach the database serves its copy unchecked before trying again.
CHECK_RETRY = 5.0

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


@dataclass(frozen=True)
class Version:
    token: str  # the database's token and the edge: pages of another content or another day never match
    since: float  # timestamps: when this version began, and the edge where it lapses
    until: float


def database_token():
    """The token the database holds; the row is made again if a flush removed it."""
    token = ContentVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    return token or new_database_token()


def new_database_token():
    """Write a new token, in the caller's transaction: it commits, or rolls back, with the change."""
    token = secrets.token_hex(8)
    if not ContentVersion.objects.filter(pk=1).update(token=token, changed_at=timezone.now()):
        ContentVersion.objects.create(pk=1, token=token, changed_at=timezone.now())
    return token


def new_version(database, started=None):
    """A version of the database's token beginning at `started` (now), lapsing at the next edge after it."""
    started = started or time.time()
    edge = next_content_edge(datetime.fromtimestamp(started, tz=timezone.get_current_timezone())).timestamp()
    return (f"{database}-{int(edge)}", started, edge)


def matches(stored, database):
    return stored[0].startswith(f"{database}-")


def version_started_by(database, started):
    """When no version was stored as a request began: one of the token read then, if none was stored meanwhile.

    `add`, so an edit during the render leaves the page unkept.
    """
    stored = new_version(database, started)
    cache = caches[VERSIONS]
    if cache.add(VERSION_KEY, stored, timeout=version_timeout(stored)):
        announce_version(cache)
        return Version(*stored)
    return None


def version_timeout(stored):
    """Seconds the version is stored: until its edge, when it lapses by itself."""
    return max(1, ceil(stored[2] - time.time()))


def replace_version(database):
    stored = new_version(database)
    cache = caches[VERSIONS]
    cache.set(VERSION_KEY, stored, timeout=version_timeout(stored))
    announce_version(cache)
    return stored


def announce_version(cache):
    """Workers keeping a copy of the version (with Redis) drop it: their next request reads the new one."""
    if isinstance(cache, RedisCache):
        cache.publish(VERSION_KEY)


def read_version():
    """The stored version (a tuple for Version), or None; checked against the database when a check is due."""
    cache = caches[VERSIONS]
    if isinstance(cache, RedisCache):
        stored = version_copy.read(cache)
    elif isinstance(cache, FileBasedCache):
        stored = file_copy.read(cache)
    else:
        stored = cache.get(VERSION_KEY)
    if stored is not None and database_check.due():
        stored = checked_against_database(stored)
    return stored


def checked_against_database(stored):
    try:
        database = database_token()
    except DatabaseError:
        # Kept pages go on serving while the database is out; the check waits for it.
        logger.warning("Could not check the content version against the database; trying again shortly")
        database_check.retry_later()
        connection.close()
        return stored
    database_check.done()
    if matches(stored, database):
        return stored
    logger.warning("The kept pages' content version was not the database's: every kept page is dropped")
    return replace_version(database)


class DatabaseCheck:
    """Whether this worker has checked the copy of the version against the database: once per process,
    and again after every reconnection to Redis (which may have come back with older data)."""

    def __init__(self):
        self._pid = None
        self._due = True
        self._retry_at = 0.0

    def due(self):
        if self._pid != os.getpid():
            self._pid, self._due, self._retry_at = os.getpid(), True, 0.0
        return self._due and time.monotonic() >= self._retry_at

    def again(self):
        self._due, self._retry_at = True, 0.0

    def done(self):
        self._due = False

    def retry_later(self):
        self._retry_at = time.monotonic() + CHECK_RETRY


database_check = DatabaseCheck()


class VersionCopy:
    """This worker's copy of the version in Redis, kept until Redis announces a new one.

    Reading the version from Redis on each request was a network round trip per kept page, most of
    what such a page costs (measured: 135 µs for the GET, 5 µs to look for a waiting message). Every
    write of the version is published on a channel each worker subscribes to, and before using its
    copy a worker takes in whatever has arrived: a change committed before its request began is there.
    Any message drops the copy. redis-py reconnects and subscribes again by itself after a lost
    connection, and what was published meanwhile is lost: a reconnection drops the copy too, and asks for
    a check against the database. Until a subscription is confirmed, and while Redis does not answer it,
    the version is read on every request.
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
            try:
                self._copy, self._read_at = cache.get(VERSION_KEY), now
            except CACHE_OUTAGES:
                if self._copy is None or time.time() >= self._copy[2]:
                    raise
                # Redis is out: the copy is what this worker knew last. Edits made meanwhile reach it when
                # Redis is back, since the reconnection checks the copy against the database.
                logger.warning("Redis unavailable; serving kept pages of the content version this worker holds")
            return self._copy

    def _reconnected(self, connection):
        self._subscribed, self._copy = False, None
        database_check.again()

    def _take_messages(self, cache):
        try:
            if self._pubsub is None:
                if time.monotonic() < self._retry_at:
                    return
                self._pubsub = cache.subscribe(VERSION_KEY)
                self._pubsub.connection.register_connect_callback(self._reconnected)
                database_check.again()
            while (message := self._pubsub.get_message(timeout=0)) is not None:
                self._copy = None
                if message["type"] == "subscribe":
                    self._subscribed = True
        except (redis.exceptions.RedisError, OSError):
            logger.warning("Lost the announcements of new content versions; reading the version each time")
            if self._pubsub is not None:
                with suppress(*CACHE_OUTAGES):
                    self._pubsub.close()
            # The copy stays: while Redis is out it is what this worker serves by (see read).
            self._pubsub, self._subscribed = None, False
            self._retry_at = time.monotonic() + settings.PAGE_CACHE_VERSION_RECHECK


version_copy = VersionCopy()


class FileVersionCopy:
    """This worker's copy of the version in the file cache (no Redis), unpickled again only when the file changes.

    Opening and unpickling the file on every request was a fifth of a kept page; an os.stat is a fraction of
    that. Every write replaces the file, so its inode, size or modification time changes, and the next
    request of every worker reads the new version. Two writes within the file system's timestamp resolution
    could leave all three as they were (a freed inode is reused), so a file changed less than YOUNG seconds
    ago is read on every request, and a copy is kept only when the file did not change while it was read.
    """

    YOUNG = 1.0

    def __init__(self):
        self._lock = threading.Lock()  # gunicorn's threaded workers share the copy
        self._paths = weakref.WeakKeyDictionary()  # each thread has a cache object of its own
        self._stamp = self._copy = None  # the stamp is (path, inode, modified, size)

    def read(self, cache):
        with self._lock:
            path = self._paths.get(cache)
            if path is None:
                path = self._paths[cache] = cache._key_to_file(VERSION_KEY)
            stamp = _file_stamp(path)
            if stamp is not None and stamp == self._stamp and time.time() < self._copy[2]:
                return self._copy
            stored = cache.get(VERSION_KEY)
            young = stamp is None or stamp[2] > time.time_ns() - self.YOUNG * 1e9
            kept = stored is not None and not young and _file_stamp(path) == stamp
            self._stamp, self._copy = (stamp, stored) if kept else (None, None)
            return stored


def _file_stamp(path):
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return path, status.st_ino, status.st_mtime_ns, status.st_size


file_copy = FileVersionCopy()


def next_content_edge(now):
    """The next moment pages may change without anyone saving: tomorrow's midnight, or an article's
    publish_at or expire_at if one comes sooner."""
    tomorrow = datetime.combine(timezone.localdate(now) + timedelta(days=1), datetime.min.time())
    midnight = timezone.make_aware(tomorrow)
    edge = article_next_window_edge(after=now)
    return min(midnight, edge) if edge else midnight


def content_changed():
    """Every kept page is stale from now on, in every worker and on every instance.

    The database's token changes in the caller's transaction, so it commits, or rolls back, with the change.
    The copy is replaced at once, so this process and tests see the change, and again after the transaction
    commits, with a new token: a page another worker rendered in between from the old rows is stamped with
    the one replaced then (once per transaction, however many rows it saves). The next edge is worked out
    here, on the write, so readers' requests need no query for it.
    """
    database = new_database_token()
    with suppress(*CACHE_OUTAGES):  # the database holds the change; workers find it once the cache is back
        replace_version(database)
    if not any(function is _after_commit for _ids, function, _robust in connection.run_on_commit):
        transaction.on_commit(_after_commit)


def _after_commit():
    database = new_database_token()
    try:
        replace_version(database)
    except CACHE_OUTAGES:
        logger.warning("Cache unavailable: an edit reaches readers once it is back and workers check the version")


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
    Sent once per app; acted on once, for this app, whose table holds the token. A cache that is out does
    not stop a migration: workers find the new token when they check their copy against the database."""
    if sender.name != "portal":
        return
    try:
        replace_version(new_database_token())
    except CACHE_OUTAGES:
        logger.warning("Cache unavailable after migrate: workers will drop their pages when they check it")
