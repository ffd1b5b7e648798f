"""A database cache whose counters hold across processes, for rate limits without Redis."""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now


class CounterDatabaseCache(DatabaseCache):
    """Django's database cache with an atomic incr() that keeps the entry's expiry.

    The stock incr() is a get and a set: two workers counting at once lose a count, and the set
    replaces the expiry of the limit's window by the cache's default timeout. Here the row is locked
    (SELECT ... FOR UPDATE; SQLite's IMMEDIATE transactions take the write lock) while it is counted.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table, key_column = quote_name(self._table), quote_name("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        current_time = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0, tzinfo=None))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('value')} FROM {table} "
                f"WHERE {key_column} = %s AND {quote_name('expires')} > %s{lock}",
                [key, current_time],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote_name('value')} = %s WHERE {key_column} = %s", [encoded, key]
            )
        return value
