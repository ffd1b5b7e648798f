"""Page views added up for the dashboard, written in the same transaction as the counts so that they always
equal them: DayViewCount, all articles' views a day per language, and PeriodViewCount, each article's views
over each period the dashboard offers. The dashboard then reads a few hundred rows where the counts hold
millions.

The periods end on the latest day any view was counted for (the latest DayViewCount). A batch that brings a
later day moves them on first: the days that leave are taken off and the days that come in are added, from
PageViewCount. One writer at a time (PostgreSQL: a lock held to the end of the transaction; SQLite writes one
transaction at a time), so no day is moved twice. Counts pruned (retention) or deleted with their article
are taken off the sums in the same transaction. An article's sum that falls to 0 stays, at most one row an
article, period and language: deleting them would cost the move a pass over the whole table.

Moving on a day takes one day of counts off each period: at the benchmark's 20,000 articles read a day,
1 s on SQLite and 2.5 s on PostgreSQL (a busy machine, each statement under a second), once a day, in the
background writer's first batch after midnight.
"""

from collections import Counter
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Max

from .models import DayViewCount, PageViewCount, PeriodViewCount

PERIODS = (7, 30, 90)
# PostgreSQL's advisory lock of whoever changes the sums (an arbitrary number, this app's own).
LOCK = 4_630_001


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def upsert(cursor, model, key_fields, count_field, rows):
    """Add each row's count to its key's, inserting the keys not there yet (same syntax on SQLite and
    PostgreSQL), atomic under writers in other workers. Rows sorted by key, so that two writers lock the
    keys they share in the same order."""
    table = _table(model)
    columns = [model._meta.get_field(name).column for name in key_fields]
    count = model._meta.get_field(count_field).column
    marks = ", ".join(["%s"] * (len(columns) + 1))
    cursor.executemany(
        f"INSERT INTO {table} ({', '.join([*columns, count])}) VALUES ({marks}) ON CONFLICT ({', '.join(columns)}) "
        f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
        sorted(rows),
    )


def _lock(cursor):
    if connection.vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])


def _latest_day():
    return DayViewCount.objects.aggregate(latest=Max("day"))["latest"]


def page_views_write(rows):
    """Add `rows`, [(day, article id, language, views)], to the counts and their sums."""
    if not rows:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        latest = _latest_day()
        end = max(day for day, _article, _language, _views in rows)
        if latest is None or latest < end:
            _periods_move(cursor, latest, end)
        else:
            end = latest
        upsert(cursor, PageViewCount, ("day", "article", "language"), "views", rows)
        days, periods = Counter(), Counter()
        for day, article, language, views in rows:
            days[day, language] += views
            for period in PERIODS:
                if day > end - timedelta(days=period):
                    periods[period, article, language] += views
        upsert(cursor, DayViewCount, ("day", "language"), "views", [(*key, views) for key, views in days.items()])
        upsert(cursor, PeriodViewCount, ("days", "article", "language"), "views",
               [(*key, views) for key, views in periods.items()])


def _periods_move(cursor, start, end):
    """Move the periods from ending on `start` (None: no sums yet) to ending on `end`."""
    for period in PERIODS:
        span = timedelta(days=period)
        if start is None or end - start >= span:
            cursor.execute(f"DELETE FROM {_table(PeriodViewCount)} WHERE days = %s", [period])
            _periods_add(cursor, period, end - span, end)
        else:
            _periods_take(cursor, period, start - span, end - span)
            _periods_add(cursor, period, start, end)


def _periods_add(cursor, period, after, through):
    """Add the views of the days after `after` through `through` to the period's sums."""
    table = _table(PeriodViewCount)
    cursor.execute(
        f"INSERT INTO {table} (days, article_id, language, views) "
        f"SELECT %s, article_id, language, SUM(views) FROM {_table(PageViewCount)} WHERE day > %s AND day <= %s "
        f"GROUP BY article_id, language "
        f"ON CONFLICT (article_id, days, language) DO UPDATE SET views = {table}.views + excluded.views",
        [period, after, through],
    )


def _periods_take(cursor, period, after, through):
    """Take the views of the days after `after` through `through` off the period's sums."""
    table = _table(PeriodViewCount)
    cursor.execute(
        f"UPDATE {table} SET views = {table}.views - leaving.views FROM ("
        f"SELECT article_id, language, SUM(views) AS views FROM {_table(PageViewCount)} "
        f"WHERE day > %s AND day <= %s GROUP BY article_id, language) AS leaving "
        f"WHERE {table}.days = %s AND {table}.article_id = leaving.article_id AND {table}.language = leaving.language",
        [after, through, period],
    )


def page_views_prune(cutoff):
    """Delete the page view counts of days before `cutoff` and take them off the sums; return how many went."""
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        end = _latest_day()
        if end is not None:
            for period in PERIODS:
                start = end - timedelta(days=period)
                if start < cutoff - timedelta(days=1):
                    _periods_take(cursor, period, start, cutoff - timedelta(days=1))
        DayViewCount.objects.filter(day__lt=cutoff).delete()
        deleted, _by_model = PageViewCount.objects.filter(day__lt=cutoff).delete()
    return deleted


def article_deleted(sender, instance, **kwargs):
    """Before an article is deleted: delete its page view counts, taking them off the day sums (its period
    sums go by cascade)."""
    article_id = instance.pk
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        cursor.execute(
            f"DELETE FROM {_table(PageViewCount)} WHERE article_id = %s RETURNING day, language, views", [article_id]
        )
        taken = Counter()
        for day, language, views in cursor.fetchall():
            taken[day, language] += views
        cursor.executemany(
            f"UPDATE {_table(DayViewCount)} SET views = views - %s WHERE day = %s AND language = %s",
            [(views, day, language) for (day, language), views in sorted(taken.items())],
        )


def page_view_sums_rebuild():
    """Add up all the counts again (a migration, the benchmark's fill)."""
    with transaction.atomic(), connection.cursor() as cursor:
        _lock(cursor)
        cursor.execute(f"DELETE FROM {_table(DayViewCount)}")
        cursor.execute(
            f"INSERT INTO {_table(DayViewCount)} (day, language, views) "
            f"SELECT day, language, SUM(views) FROM {_table(PageViewCount)} GROUP BY day, language"
        )
        end = _latest_day()
        if end is None:
            cursor.execute(f"DELETE FROM {_table(PeriodViewCount)}")
        else:
            _periods_move(cursor, None, end)
