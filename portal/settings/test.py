"""Tests: fast hashing, local memory cache, plain static storage."""

from .base import *  # noqa: F403
from .base import LIMITS_DATABASE_CACHE, RATE_LIMITS

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Limits count in the test database's cache table (the test runner creates it), rolled back per test.
CACHES = {
    **{alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
       for alias in ("default", "content_version")},
    "pages": {"BACKEND": "serving.cache.PageMemoryCache", "LOCATION": "pages"},
    "limits": LIMITS_DATABASE_CACHE,
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders; tests never run collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The WSGI entry, imported by its own test, would turn the deadline on for every later test in the process;
# the tests of the deadline run gunicorn with production settings.
DB_DEADLINE = 0
# No writer thread: a test's counts are written when it calls flush(), inside its own transaction.
READER_COUNTS_FLUSH_SECONDS = 0
# Every rendered request counted in the shared counter at once (tests/portal/test_tally.py holds counts).
RATE_LIMIT_SYNC_SECONDS = 0
# Tests of a limit set their own; no other test may ever meet one.
RATE_LIMITS = {group: (1_000_000, seconds) for group, (_requests, seconds) in RATE_LIMITS.items()}
# No render budget at all: counting it would add queries to every page a test renders and counts.
RATE_LIMITS["render"] = None
