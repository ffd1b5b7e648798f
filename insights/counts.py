"""Page views and checker use, counted as pages are served (kept pages included, through
serving.page_rules.on_every_serve) and written in batches by serving/counts.py's background writer.
No cookie is read or set and nothing about the reader is kept: a key is a day, an article or checker,
and a language."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from serving.counts import CountBuffer, today
from serving.page_rules import on_every_serve

from .models import CheckerUseCount, PageViewCount


def _upsert(model, key_fields, count_field, batch):
    """One upsert a row (same syntax on SQLite and PostgreSQL), atomic under writers in other workers."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in key_fields]
    count = model._meta.get_field(count_field).column
    names = ", ".join([*columns, count])
    marks = ", ".join(["%s"] * (len(columns) + 1))
    rows = [(*key, total) for key, (total, _latest) in batch.items()]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({', '.join(columns)}) "
            f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
            rows,
        )


page_views = CountBuffer(lambda batch: _upsert(PageViewCount, ("day", "article", "language"), "views", batch))
checker_uses = CountBuffer(
    lambda batch: _upsert(CheckerUseCount, ("day", "checker", "language", "event", "outcome"), "uses", batch)
)


def page_view_record(*, article_id, language, day=None):
    page_views.add((day or today(), article_id, language))


def checker_use_record(*, checker, language, event, outcome="", day=None):
    checker_uses.add((day or today(), checker, language, event, outcome))


def count_served(request, response, function_path, **kwargs):
    """Count this serve of the page now and each serve of its kept copy. Staff reading the site are
    not readers, and their pages are never kept."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Signed in (a reader's empty session cookie is dropped before the view): read without touching
        # the session, which would make the page one no cache may keep.
        return
    import_string(function_path)(**kwargs)
    on_every_serve(response, function_path, **kwargs)


def reader_counts_flush():
    page_views.flush()
    checker_uses.flush()


def reader_counts_prune(*, keep_days, today=None):
    """Delete counts older than `keep_days` days; return how many rows went."""
    cutoff = (today or timezone.localdate()) - timedelta(days=keep_days)
    views, _by_model = PageViewCount.objects.filter(day__lt=cutoff).delete()
    uses, _by_model = CheckerUseCount.objects.filter(day__lt=cutoff).delete()
    return views + uses
