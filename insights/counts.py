"""Page views and checker use, counted as pages are served (kept pages included, through
serving.page_rules.on_every_serve) and written in batches by serving/counts.py's background writer, page
views with their sums for the dashboard (insights/rollups.py).
No cookie is read or set and nothing about the reader is kept: a key is a day, an article or checker,
and a language."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from serving.counts import CountBuffer, today
from serving.page_rules import on_every_serve

from .models import CheckerUseCount
from .rollups import page_views_prune, page_views_write, upsert


def _checker_uses_write(batch):
    with transaction.atomic(), connection.cursor() as cursor:
        upsert(cursor, CheckerUseCount, ("day", "checker", "language", "event", "outcome"), "uses",
               [(*key, uses) for key, (uses, _latest) in batch.items()])


page_views = CountBuffer(lambda batch: page_views_write([(*key, views) for key, (views, _latest) in batch.items()]))
checker_uses = CountBuffer(_checker_uses_write)


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
    views = page_views_prune(cutoff)
    uses, _by_model = CheckerUseCount.objects.filter(day__lt=cutoff).delete()
    return views + uses
