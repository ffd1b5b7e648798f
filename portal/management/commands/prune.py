"""Remove what the site keeps only for a while: old search counts, page view and checker use counts,
and expired sessions.

Run it daily (the README has a cron line); it is safe while the site serves.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from faq.services import search_counts_prune
from insights.counts import reader_counts_prune


class Command(BaseCommand):
    help = (
        "Delete search counts older than FAQ_SEARCH_LOG_DAYS days, page view and checker use counts older than "
        "READER_STATS_DAYS days, and expired sessions."
    )

    def handle(self, *args, **options):
        searches = search_counts_prune(keep_days=settings.FAQ_SEARCH_LOG_DAYS)
        readers = reader_counts_prune(keep_days=settings.READER_STATS_DAYS)
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        self.stdout.write(
            f"Removed {searches} search count(s) older than {settings.FAQ_SEARCH_LOG_DAYS} days, "
            f"{readers} page view and checker use count(s) older than {settings.READER_STATS_DAYS} days, "
            "and expired sessions."
        )
