"""A deadline on every wait for the database, held by the application.

PostgreSQL's statement_timeout is enforced by the server: a server, pooler or proxy that stops answering
on an open connection never ends the statement, and TCP keepalives do not notice a path that still
acknowledges. Here a watchdog thread in each worker shuts down the socket of any wait for the database
(a query, a commit, a rollback) that has lasted DB_DEADLINE seconds: the driver raises at once, the reader
gets the 503 page, and the broken connection is discarded. After a cut, or a connection that could not be
made, the worker does not connect again for DB_DEADLINE seconds (each try would wait its connect timeout on
the same frozen path), so readers get the 503 page at once; then it tries again, and the site recovers by
itself when the database returns.

Only the web entry (portal/wsgi.py) turns it on: management commands (a migration, an index rebuild) may
wait longer.
"""

import logging
import os
import socket
import threading
import time
from contextlib import contextmanager, suppress

logger = logging.getLogger(__name__)

# How often the watchdog looks: a wait is cut at most this much after its deadline.
TICK = 0.1


class Watchdog:
    def __init__(self):
        self.seconds = 0.0  # 0: off
        self._lock = threading.Lock()
        self._waits = {}
        self._pid = None
        self._failed_at = -float("inf")

    def enable(self, seconds):
        self.seconds = seconds

    def failed(self):
        """A wait was cut, or a connection could not be made: hold new connections off for a while."""
        self._failed_at = time.monotonic()

    def recently_failed(self):
        return time.monotonic() - self._failed_at < self.seconds

    @contextmanager
    def deadline(self, fileno):
        """Cut the connection on socket `fileno` if the block has not ended within the deadline."""
        if not self.seconds or fileno is None:
            yield
            return
        token = object()
        with self._lock:
            if self._pid != os.getpid():
                # gunicorn forks its workers after the entry is loaded: each needs its own thread.
                self._pid, self._waits = os.getpid(), {}
                threading.Thread(target=self._watch, daemon=True).start()
            self._waits[token] = (time.monotonic() + self.seconds, fileno)
        try:
            yield
        finally:
            with self._lock:
                self._waits.pop(token, None)

    def _watch(self):
        while True:
            time.sleep(TICK)
            now = time.monotonic()
            with self._lock:
                expired = [token for token, (deadline, _fileno) in self._waits.items() if deadline <= now]
                filenos = [self._waits.pop(token)[1] for token in expired]
            if filenos:
                self.failed()
            for fileno in filenos:
                logger.warning("The database did not answer within %s s: connection cut", self.seconds)
                # A duplicate of the descriptor: shutting it down shuts the connection the driver waits on.
                with suppress(OSError), socket.socket(fileno=os.dup(fileno)) as duplicate:
                    duplicate.shutdown(socket.SHUT_RDWR)


watchdog = Watchdog()
