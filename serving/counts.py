"""Counts readers cause (searches, and any count a page adds as it is served), added up in each worker's
memory and written by a background thread in batches, so that serving a page never waits for the database.

A worker that crashes loses at most its last READER_COUNTS_FLUSH_SECONDS of counts; one that stops as
gunicorn stops it writes what it holds on the way out. While the database does not answer, counts are
kept and written later, up to MAX_PENDING distinct keys a worker: past that new keys are dropped, so a
flood of distinct searches cannot grow a worker's memory without bound.
"""

import atexit
import datetime
import logging
import os
import threading
import time

from django.conf import settings
from django.db import Error as DatabaseError
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_PENDING = 10_000


class LocalDay:
    """Today in the site's time zone, the day counts are kept under. Asked on every page a count is added
    for, kept pages included, where timezone.localdate() took a tenth of the page: worked out once a day."""

    def __init__(self, clock=time.time):
        self._clock = clock
        self._day, self._until = None, 0.0

    def __call__(self):
        now = self._clock()
        if now >= self._until:
            moment = datetime.datetime.fromtimestamp(now, timezone.get_default_timezone())
            self._day = moment.date()
            midnight = datetime.datetime.combine(self._day + datetime.timedelta(days=1), datetime.time(),
                                                 tzinfo=moment.tzinfo)
            self._until = midnight.timestamp()
        return self._day


today = LocalDay()


class CountBuffer:
    """Counts by key, each with the latest value that came with it, until `write` takes them in one batch.

    `write(batch)` gets {key: (count, latest)} and writes it in one transaction.
    """

    def __init__(self, write):
        self._write = write
        self._lock = threading.Lock()
        self._pending = {}
        self._pid = None

    def add(self, key, latest=None):
        with self._lock:
            if self._pid != os.getpid():
                self._start()
            count, _latest = self._pending.get(key, (0, None))
            if count or len(self._pending) < MAX_PENDING:
                self._pending[key] = (count + 1, latest)

    def flush(self):
        """Write what is held now; on a database error keep it for the next flush."""
        with self._lock:
            batch, self._pending = self._pending, {}
        if not batch:
            return
        try:
            self._write(batch)
        except DatabaseError:
            logger.warning("Could not write %d reader counts; keeping them for the next try", len(batch))
            with self._lock:
                for key, (count, latest) in batch.items():
                    if key in self._pending or len(self._pending) < MAX_PENDING:
                        newer, newest = self._pending.get(key, (0, latest))
                        self._pending[key] = (count + newer, newest)

    def __len__(self):
        return len(self._pending)

    def _start(self):
        """In each process (gunicorn forks its workers): a writer thread, and a last write at exit."""
        self._pid = os.getpid()
        self._pending = {}
        interval = settings.READER_COUNTS_FLUSH_SECONDS
        if interval > 0:
            threading.Thread(target=self._write_every, args=(interval,), daemon=True).start()
            atexit.register(self.flush)

    def _write_every(self, interval):
        while True:
            time.sleep(interval)
            self.flush()
            connection.close()  # this thread's own connection: not held between batches
