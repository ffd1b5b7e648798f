"""Quiet logs in an outage: each failed request is one line naming the dependency, and a traceback is
written at most once a minute per cause. A database or Redis that is out would otherwise write several
tracebacks per request (a 15 s PostgreSQL outage wrote 9,102)."""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError
from redis.exceptions import RedisError

# Seconds between two tracebacks, or two of the same warning, of one cause.
QUIET_SECONDS = 60


class OutageFilter(logging.Filter):
    """For the site's log handler. A record caused by an outage (its exc_info a database or Redis error):
    a failed request's line (logger django.request) always goes out, naming the dependency, and carries
    the traceback only if its cause had none for QUIET_SECONDS; any other such record, and a warning of the
    site's own that repeats, goes out at most once in that time."""

    def __init__(self):
        super().__init__()
        self._lock = threading.Lock()
        self._last = {}

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        cause = outage_cause(error)
        if cause is None:
            own_warning = record.levelno == logging.WARNING and record.name.startswith(("portal", "serving"))
            return not own_warning or self._first(("warning", record.name, record.msg))
        if record.name == "django.request":
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            record.msg, record.args = f"{record.getMessage()} ({cause}: {reason})", ()
            if not self._first(("traceback", cause, type(error))):
                record.exc_info, record.exc_text = None, None
            return True
        return self._first(("outage", record.name, record.msg))

    def _first(self, key):
        """True for the first record of `key` in QUIET_SECONDS."""
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(key, -QUIET_SECONDS) < QUIET_SECONDS:
                return False
            self._last[key] = now
            return True


def outage_cause(error):
    """"database did not answer" or "Redis did not answer" for an outage, else None."""
    if isinstance(error, RedisError):
        return "Redis did not answer"
    if isinstance(error, (OperationalError, InterfaceError)):
        return "database did not answer"
    return None
