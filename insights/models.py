"""Counts of what readers do, per day and language, with nothing that says who: page views per article,
and checker use per checker and outcome. Written in batches by insights/counts.py; removed after
READER_STATS_DAYS days by `manage.py prune`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewCount(models.Model):
    """How many times an article's page was served on a day, in a reader language."""

    day = models.DateField(_("day"))
    article = models.ForeignKey(
        "faq.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article"), db_constraint=False,
    )
    language = models.CharField(_("language"), max_length=10)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page view count")
        verbose_name_plural = _("reader statistics")
        constraints = [
            models.UniqueConstraint(fields=["day", "article", "language"], name="insights_pageviewcount_key"),
        ]
        indexes = [
            # Covering: the dashboard adds up a period's views from the index alone.
            models.Index(fields=["day", "language", "article", "views"], name="insights_pageview_period"),
            # One article's views on its change page.
            models.Index(fields=["article", "day"], name="insights_pageview_article"),
        ]

    def __str__(self):
        return f"{self.day} {self.article_id} {self.language}: {self.views}"


class CheckerUseCount(models.Model):
    """How many readers started a checker (its questions were served) or got an answer, and which, on a day."""

    class Event(models.TextChoices):
        STARTED = "started", _("started")
        ANSWERED = "answered", _("answered")

    day = models.DateField(_("day"))
    checker = models.CharField(_("checker"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    event = models.CharField(_("event"), max_length=10, choices=Event.choices)
    # The answer's outcome; empty for "started".
    outcome = models.CharField(_("outcome"), max_length=60, blank=True)
    uses = models.PositiveIntegerField(_("uses"), default=0)

    class Meta:
        verbose_name = _("checker use count")
        verbose_name_plural = _("checker use counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "checker", "language", "event", "outcome"], name="insights_checkerusecount_key",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.checker} {self.event} {self.outcome}: {self.uses}"
