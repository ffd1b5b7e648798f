"""Django's PostgreSQL backend, with every wait for the server under the watchdog's deadline (portal/db)."""

import psycopg
from django.db.backends.postgresql import base

from portal.db import watchdog


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self._execute_under_deadline)

    def _execute_under_deadline(self, execute, sql, params, many, context):
        with watchdog.deadline(self._socket()):
            return execute(sql, params, many, context)

    def _socket(self):
        """The connection's socket, or None when there is none to wait on (closed, or lost: then the driver
        fails at once by itself)."""
        try:
            return self.connection.fileno() if self.connection is not None else None
        except psycopg.Error:
            return None

    def _under_deadline(method):  # noqa: N805  a decorator of the methods below
        def wrapped(self, *args, **kwargs):
            with watchdog.deadline(self._socket()):
                return method(self, *args, **kwargs)

        return wrapped

    # Django's own waits outside cursors: the health check of a kept connection, a new connection's
    # settings, commits and rollbacks.
    is_usable = _under_deadline(base.DatabaseWrapper.is_usable)
    init_connection_state = _under_deadline(base.DatabaseWrapper.init_connection_state)
    _commit = _under_deadline(base.DatabaseWrapper._commit)
    _rollback = _under_deadline(base.DatabaseWrapper._rollback)
    _set_autocommit = _under_deadline(base.DatabaseWrapper._set_autocommit)

    def get_new_connection(self, conn_params):
        # Just after a failure, a new connection would wait its own connect timeout on the same frozen path.
        if watchdog.recently_failed():
            raise psycopg.OperationalError("the database did not answer a moment ago; not trying again yet")
        try:
            return super().get_new_connection(conn_params)
        except psycopg.OperationalError:
            watchdog.failed()
            raise
