"""The review of changes readers see: editors' corrections waiting for a publisher, how much each saved
revision matters to translations, and the public notes of what changed."""


from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import CleanTextModel

from .articles import Article, Significance


class Correction(CleanTextModel):
    """An Editor's change to a published article, or to a shared record readers see (a legal reference,
    a policy row), kept aside until a Publisher approves it.

    Readers go on seeing the article as published; `data` holds the whole article as the editor
    saved it (fields and ordered rows), so approving it makes the article exactly that. A change to a
    shared record (faq/shared_records.py) has no article: `record_type` and `record_id` name the record
    (no id: a new one), `data` its fields as the editor saved them, and `record_before` its fields
    when the editor started, to show the diff and to refuse an approval that would undo a later save.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned to the editor")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article"),
        null=True, blank=True,
    )
    record_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("kind of record"),
    )
    record_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    record_before = models.JSONField(_("record before the change"), null=True, blank=True)
    data = models.JSONField(_("changed article"), help_text=_("The article as the editor saved it."))
    base_version = models.PositiveIntegerField(
        _("based on version"), help_text=_("The article's version the editor started from."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    decided_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    significance = models.CharField(
        _("significance"), max_length=10, choices=Significance.choices, blank=True,
        help_text=_("For an original with translations: how much the change matters to them, applied when "
                    "the correction is approved."),
    )
    comment = models.TextField(
        _("comment to the editor"), blank=True,
        help_text=_("Why the correction is returned and what to change; the editor sees it on the article."),
    )

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return _("Correction to “%(title)s”") % {"title": self.subject}

    @property
    def subject(self):
        """What the change is to: the article's title, or the shared record as it is named."""
        if self.article_id:
            return self.article.title
        from ..shared_records import record_subject  # the records' registry imports this module

        return record_subject(self)


class RevisionSignificance(models.Model):
    """How much a saved change to an original matters to its translations, kept with its revision."""

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="significance", verbose_name=_("revision"),
    )
    significance = models.CharField(_("significance"), max_length=10, choices=Significance.choices)

    class Meta:
        verbose_name = _("significance of a change")
        verbose_name_plural = _("significance of changes")

    def __str__(self):
        return self.get_significance_display()


class ArticleChange(CleanTextModel):
    """A public note on what changed in an article, written by the publisher who published the change.

    Readers see the notes under "What changed", newest first; the home page lists recently changed answers.
    """

    NOTE_MAX_LENGTH = 500

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="changes", verbose_name=_("article"),
    )
    note = models.TextField(
        _("what changed"), max_length=NOTE_MAX_LENGTH,
        help_text=_("One or two plain sentences for readers, in the article's language, e.g. “The waiting "
                    "period from 2025 is added.”"),
    )
    changed_on = models.DateField(
        _("date"), default=timezone.localdate, db_index=True,
        help_text=_("The day the change was published, shown beside the note."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-created_at"]
        verbose_name = _("public change note")
        verbose_name_plural = _("public change notes")

    def __str__(self):
        return f"{self.article}: {self.changed_on}"
