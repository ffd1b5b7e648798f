"""Reads of shared records that change only with the content version, kept in each worker until it changes.

Site settings, the regions' dated parameters, synonym groups, the articles behind a checker: every rendered
page read them again, though they change only when an editor saves content, which replaces the content
version (serving/content_version.py). A value is kept per arguments and reader language under the version
it was read in; a new version drops every kept value at the next call, in each worker. With no version
(the cache was emptied, an edge passed, the cache does not answer) nothing is kept and each call reads.
"""

import functools
import threading

from django.utils.translation import get_language

from .content_version import CACHE_OUTAGES, read_version

# Distinct arguments kept per function and version at most: past it, calls read without keeping.
MAX_VALUES = 1_000


class KeptPerVersion:
    every = []  # each decorated read, for kept_clear()

    def __init__(self, function):
        self._function = function
        self._lock = threading.Lock()
        self._token = None
        self._values = {}
        functools.update_wrapper(self, function)
        self.every.append(self)

    def __call__(self, *args, **kwargs):
        try:
            stored = read_version()
        except CACHE_OUTAGES:
            stored = None
        if stored is None:
            return self._function(*args, **kwargs)
        key = (args, tuple(sorted(kwargs.items())), get_language())
        with self._lock:
            if self._token != stored[0]:
                self._token, self._values = stored[0], {}
            try:
                return self._values[key]
            except KeyError:
                pass
        value = self._function(*args, **kwargs)
        with self._lock:
            if self._token == stored[0] and len(self._values) < MAX_VALUES:
                self._values[key] = value
        return value

    def clear(self):
        with self._lock:
            self._token, self._values = None, {}


def kept_per_version(function):
    """Decorate a read whose result depends only on its arguments, the reader's language and the content.
    Callers share the kept value: they must not change it."""
    return KeptPerVersion(function)


def kept_clear():
    """Forget every kept value in this process (tests: each test's database starts afresh)."""
    for read in KeptPerVersion.every:
        read.clear()
