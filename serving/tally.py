"""The render budget's counts, kept in each worker and added to the shared counter in batches.

Every rendered request counts against the render budget (RATE_LIMITS["render"]), and asking the shared
counter (Redis, or a table in the site's database) cost each one up to seven statements and two write
transactions on SQLite. The budget is generous by design (a crawler reading the whole site must pass), so
a client far from it cannot be refused by one more request: its counts wait in the worker and a background
thread adds them to the shared counter every RATE_LIMIT_SYNC_SECONDS; from half the budget on, every
request is counted there at once, so refusals stay exact near it. Across workers a client can pass the
budget by what the others hold unsent, each less than half of it for at most one interval. The other
limits (searches, the API, votes) are small and counted in the shared counter on every request, exact
across workers and instances.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection

logger = logging.getLogger("serving.limits")

# Windows held in a worker at most; past this, requests are counted in the shared counter at once.
MAX_WINDOWS = 10_000
# Seconds an entry outlives its window in the shared counter, for a request counted at the window's end.
EXPIRY_MARGIN = 5


class Window:
    """One client's count in one window of one limit: what this worker holds unsent, and the shared
    total as the shared counter last answered it."""

    __slots__ = ("cache_key", "ends", "held", "shared")

    def __init__(self, cache_key, ends):
        self.cache_key, self.ends = cache_key, ends
        self.held = self.shared = 0


class Tally:
    def __init__(self, clock=time.time, background=True):
        self._clock = clock
        self._background = background
        self._lock = threading.Lock()
        self._windows = {}
        self._pid = None

    def count(self, group, client, limit, period, *, hold=False):
        """Count one request; 0 while the client is within `limit` per `period` seconds, else the seconds
        until its window ends. `hold`: far from the limit the count may wait in the worker. Raises what
        the shared counter raises when it cannot be reached."""
        now = self._clock()
        number = int(now // period)
        key = (group, client, period, number)
        with self._lock:
            if self._background and self._pid != os.getpid():
                self._start()
            window = self._windows.get(key)
            deferred = hold and settings.RATE_LIMIT_SYNC_SECONDS > 0 and (window or len(self._windows) < MAX_WINDOWS)
            if window is None:
                window = Window(f"limit:{group}:{client}:{period}:{number}", (number + 1) * period)
                if deferred:
                    self._windows[key] = window
            window.held += 1
            if deferred and 2 * (window.shared + window.held) < limit:
                return 0
        total = self._send(window, period)
        return max(window.ends - now, 1) if total > limit else 0

    def _send(self, window, period):
        """Add what the window holds to the shared counter; the new total."""
        with self._lock:
            held, window.held = window.held, 0
        if not held:
            return window.shared
        counter = caches["limits"]
        try:
            total = self._added(counter, window.cache_key, held, period + EXPIRY_MARGIN)
        except Exception:
            with self._lock:
                window.held += held
            raise
        with self._lock:
            window.shared = max(window.shared, total)
        return total

    @staticmethod
    def _added(counter, cache_key, count, timeout):
        """Add `count` to the entry, made if missing: incr first, since the entry is there for every
        request of a window but the first (an add costs the database cache four statements more)."""
        try:
            return counter.incr(cache_key, count)
        except ValueError:  # not there yet, or expired
            pass
        if counter.add(cache_key, count, timeout=timeout):
            return count
        try:
            return counter.incr(cache_key, count)  # another worker made it between our incr and add
        except ValueError:  # and it expired at once: this count starts the window
            counter.set(cache_key, count, timeout=timeout)
            return count

    def flush(self):
        """Send every window's held counts; forget windows that have ended."""
        now = self._clock()
        with self._lock:
            windows = list(self._windows.items())
        for key, window in windows:
            if window.held:
                try:
                    self._send(window, key[2])
                except Exception:
                    logger.warning("Rate-limit counts not sent: the limits' counter is unavailable.", exc_info=True)
                    break
        with self._lock:
            self._windows = {key: window for key, window in self._windows.items() if window.ends > now or window.held}

    def clear(self):
        with self._lock:
            self._windows.clear()

    def _start(self):
        """In each process (gunicorn forks its workers): the thread that sends held counts."""
        self._pid = os.getpid()
        self._windows = {}
        interval = settings.RATE_LIMIT_SYNC_SECONDS
        if interval > 0:
            threading.Thread(target=self._send_every, args=(interval,), daemon=True).start()

    def _send_every(self, interval):
        while True:
            time.sleep(interval)
            self.flush()
            connection.close()  # this thread's own connection: not held between batches


tally = Tally()
