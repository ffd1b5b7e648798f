"""What readers leave: their votes on articles and the daily counts of their searches."""


from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import Article


class ArticleFeedback(models.Model):
    """One reader's answer to "Was this article helpful?"."""

    class Reason(models.TextChoices):
        UNCLEAR = "unclear", _("It was hard to understand")
        OUTDATED = "outdated", _("It seems out of date")
        NOT_MY_CASE = "not_my_case", _("It does not cover my situation")
        WRONG = "wrong", _("Something in it is wrong")
        OTHER = "other", _("Something else")

    COMMENT_MAX_LENGTH = 300

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("article"),
    )
    voter_key = models.CharField(
        _("reader"), max_length=64, editable=False,
        help_text=_("An anonymous key kept in the reader's browser, so each reader votes once per article."),
    )
    helpful = models.BooleanField(_("helpful"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    comment = models.CharField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reader feedback")
        verbose_name_plural = _("reader feedback")
        constraints = [
            models.UniqueConstraint(fields=["article", "voter_key"], name="faq_articlefeedback_one_vote"),
        ]

    def __str__(self):
        return f"{self.article}: {_('helpful') if self.helpful else _('not helpful')}"


class SearchCount(models.Model):
    """How often readers searched for one query on one day: what they look for and do not find.

    Counts per day rather than a row per search, so the log stays small and holds no trace of a
    single reader's session; `prune` removes days older than the retention period.
    """

    day = models.DateField(_("day"), db_index=True)
    query = models.CharField(
        _("query"), max_length=200,
        help_text=_("As typed, in lower case with spaces collapsed, so the same search counts once."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    result_count = models.PositiveIntegerField(_("results"), help_text=_("Results the latest search found."))

    class Meta:
        ordering = ["-day", "-searches"]
        constraints = [
            models.UniqueConstraint(fields=["day", "query", "language"], name="faq_searchcount_one_row_a_day"),
        ]
        verbose_name = _("search count")
        verbose_name_plural = _("search counts")

    def __str__(self):
        return self.query


class ZeroResultSearch(SearchCount):
    """Searches that found nothing, grouped by query: what readers want and the site lacks."""

    class Meta:
        proxy = True
        verbose_name = _("search with no results")
        verbose_name_plural = _("searches with no results")
