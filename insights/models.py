"""Counts of what readers do, per day and language, with nothing that says who: page views per article,
and checker use per checker and outcome. Written in batches by insights/counts.py; removed after
READER_STATS_DAYS days by `manage.py prune`. Page views are also added up for the dashboard, in the same
transaction (insights/rollups.py): per day and language, and per article over each of its periods."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewCount(models.Model):
    """How many times an article's page was served on a day, in a reader language."""

    day = models.DateField(_("day"))
    # Found by article through the index on (article, day) below.
    article = models.ForeignKey(
        "faq.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article"), db_constraint=False,
        db_index=False,
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


class DayViewCount(models.Model):
    """All articles' views on a day in a language: the page views in PageViewCount, added up."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views a day")
        verbose_name_plural = _("page views a day")
        constraints = [models.UniqueConstraint(fields=["day", "language"], name="insights_dayviewcount_key")]

    def __str__(self):
        return f"{self.day} {self.language}: {self.views}"


class PeriodViewCount(models.Model):
    """An article's views in a language over the last `days` days (each period the dashboard offers), the
    last being the latest day any view was counted for: the most-read articles, read off an index."""

    days = models.PositiveSmallIntegerField(_("days"))
    article = models.ForeignKey(
        "faq.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article"), db_constraint=False,
        db_index=False,
    )
    language = models.CharField(_("language"), max_length=10)
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views over a period")
        verbose_name_plural = _("page views over a period")
        constraints = [
            # Article first: also finds an article's rows, deleted with it.
            models.UniqueConstraint(fields=["article", "days", "language"], name="insights_periodviewcount_key"),
        ]
        indexes = [models.Index(fields=["days", "language", "-views", "article"], name="insights_periodview_rank")]

    def __str__(self):
        return f"{self.days} days {self.article_id} {self.language}: {self.views}"


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
