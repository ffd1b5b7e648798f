import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.models import CleanTextModel
from serving.links import LinkField

from .checker_hooks import checker_choices
from .markdown import validate_markdown_links

# Fixed words of the FAQ's own addresses (faq/urls.py) that a category slug would clash with.
RESERVED_CATEGORY_SLUGS = frozenset({"feedback", "preview", "review"})


def validate_category_slug(value):
    if value in RESERVED_CATEGORY_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is taken by the site's own addresses; choose another slug."), params={"slug": value}
        )


class Category(CleanTextModel):
    name = models.CharField(
        _("name"), max_length=200, unique=True,
        help_text=_("Shown in the breadcrumb and on the home page, e.g. “Social security inquiry”."),
    )
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, allow_unicode=True, validators=[validate_category_slug],
        help_text=_("The category's part of every article URL. Changing it changes those URLs."),
    )
    description = models.TextField(
        _("description"), blank=True,
        help_text=_("One or two sentences shown under the category heading and used as its meta description."),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0,
        help_text=_("Categories are listed by this number, smallest first, then by name."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The language of the category's name and description; its page opens in that language."),
    )
    translation_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The original category this one translates. The language switch goes from each to the other."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # Under the category's own language prefix, as for articles.
        with translation.override(self.language):
            return reverse("faq:category_detail", kwargs={"category_slug": self.slug})

    def clean(self):
        super().clean()
        validate_translation_of(self)


def validate_translation_of(item):
    """An article's or category's `translation_of` names an original in another language."""
    original = item.translation_of
    if original is None:
        return
    if original.pk == item.pk or original.translation_of_id:
        raise ValidationError({"translation_of": _("Choose an original, not a translation.")})
    if original.language == item.language:
        raise ValidationError({"translation_of": _("A translation must be in another language.")})


class Significance(models.TextChoices):
    """How much a change to an original matters to its translations."""

    TYPO = "typo", _("Typo or wording")
    CONTENT = "content", _("Content")
    MAJOR = "major", _("Major")


class TranslationState(models.TextChoices):
    """A translation against its original: a content change makes it need an update, a major one out of date."""

    UP_TO_DATE = "up_to_date", _("Up to date")
    NEEDS_UPDATE = "needs_update", _("Needs an update")
    OUT_OF_DATE = "out_of_date", _("Out of date")


# Set on a translation when its original changes or a translator marks it up to date: not the translation's
# own text, so such a save leaves its version alone and a translator's open form stays valid.
TRANSLATION_STATE_FIELDS = frozenset({"translation_state", "behind_since", "original_version"})


# Articles that may be out of readers' sight: not published, or published within a window. Few on a
# live site, and indexed on their own, so that search can bound how many of a word's articles
# readers cannot see (faq/search/).
MAYBE_HIDDEN = ~Q(status="published") | Q(publish_at__isnull=False) | Q(expire_at__isnull=False)


class ArticleQuerySet(models.QuerySet):
    def published(self, at=None):
        """The one definition of what readers may see: published, and inside its window at `at` (now)."""
        at = at or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=at),
            Q(expire_at__isnull=True) | Q(expire_at__gt=at),
            status=Article.Status.PUBLISHED,
        )


class Article(CleanTextModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(
        _("title"), max_length=255, unique=True,
        help_text=_("The article's name in lists and links. Related-article links find articles by this exact title."),
    )
    slug = models.SlugField(
        _("slug"), max_length=255, allow_unicode=True,
        help_text=_("The article's part of its URL; unique within its category. Chinese characters are allowed."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category"),
        help_text=_("Where the article sits in the breadcrumb and on the home page."),
    )
    question = models.TextField(
        _("question"),
        help_text=_("The reader's question, shown as the page heading."),
    )
    summary = models.TextField(
        _("in short"), blank=True, max_length=400,
        help_text=_("The answer in one or two plain sentences, shown under the question before anything else."),
    )
    body = models.TextField(
        _("body"), validators=[validate_markdown_links],
        help_text=_("The answer, in Markdown: blank lines between paragraphs, “1. ” for numbered points. "
                    "HTML is shown as text, never run."),
    )
    editor_note = models.TextField(
        _("editor's note"), blank=True,
        help_text=_("Shown above the answer in a highlighted box: use it when the answer is out of date "
                    "or needs a caveat, and name the current rule and its source. Markdown."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True,
        help_text=_("Draft: being written. In review: waiting for a publisher. Published: shown to readers "
                    "inside its publishing window. Archived: withdrawn, kept with its history."),
    )
    publish_at = models.DateTimeField(
        _("publish from"), null=True, blank=True,
        help_text=_("A published article appears to readers from this moment. Empty: at once."),
    )
    expire_at = models.DateTimeField(
        _("publish until"), null=True, blank=True,
        help_text=_("A published article disappears from readers at this moment. Empty: never."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en", db_index=True,
        help_text=_("The language the article is written in. Readers see it on that language's pages."),
    )
    translation_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The original article this one translates. Each version links to the other."),
    )
    translation_state = models.CharField(
        _("translation state"), max_length=20, choices=TranslationState.choices,
        default=TranslationState.UP_TO_DATE, editable=False, db_index=True,
        help_text=_("A translation against its original: set when the original changes (content: needs an "
                    "update; major: out of date, and readers are told) and by “Mark up to date”."),
    )
    behind_since = models.DateTimeField(
        _("behind since"), null=True, editable=False,
        help_text=_("When the original first changed after this translation was last brought up to date."),
    )
    original_version = models.PositiveIntegerField(
        _("original's version"), null=True, editable=False,
        help_text=_("The original's version this translation was last brought up to date with."),
    )
    legal_references = models.ManyToManyField(
        "LegalReference", through="ArticleLegalReference", related_name="articles", blank=True,
        verbose_name=_("legal references"),
        help_text=_("The laws and notices the answer rests on, in the order shown."),
    )
    source_site = models.CharField(
        _("source site"), max_length=200, blank=True,
        help_text=_("The site name an imported document's breadcrumb began with; an export writes it back."),
    )
    reviewed_on = models.DateField(
        _("last reviewed"), null=True, blank=True,
        help_text=_("The day an editor last checked the answer against the current rules. Shown to readers."),
    )
    review_every_days = models.PositiveSmallIntegerField(
        _("review every (days)"), default=365, validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("How often the answer must be checked again; it is overdue this many days after the last review."),
    )
    review_due_on = models.DateField(
        _("review due"), null=True, editable=False, db_index=True,
        help_text=_("Worked out from the last review and the interval; empty means never reviewed."),
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, editable=False,
        help_text=_("When the article was first saved as published; empty while it has never been."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False,
        help_text=_("Counts the article's saves, so a form opened before someone else's save is refused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and archive articles"))]
        constraints = [
            models.UniqueConstraint(fields=["category", "slug"], name="faq_article_unique_slug_per_category"),
        ]
        indexes = [
            # Search checks what readers may see of each match here, without reading the article's
            # long row (faq/search/).
            models.Index(
                fields=["id", "language", "status", "category", "publish_at", "expire_at"],
                name="faq_article_search_filter",
            ),
            # A category's published articles in one language (category pages, the categories a
            # search offers when it finds nothing), without reading the others' long rows.
            models.Index(
                fields=["category", "language", "status", "publish_at", "expire_at"],
                name="faq_article_category_listing",
            ),
            models.Index(fields=["language"], condition=MAYBE_HIDDEN, name="faq_article_maybe_hidden"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.review_due_on = self.reviewed_on + timedelta(days=self.review_every_days) if self.reviewed_on else None
        if self.status == self.Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        state_only = update_fields is not None and set(update_fields) <= TRANSLATION_STATE_FIELDS
        # Every save, by form, import, action or restore, makes forms opened before it stale; a
        # translation's state is not its text.
        if not self._state.adding and not state_only:
            self.version += 1
        if update_fields is not None:
            derived = {"version", "first_published_at"}
            if {"reviewed_on", "review_every_days"} & set(update_fields):
                derived.add("review_due_on")
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Under the article's own language prefix, so a Chinese article always opens with Chinese pages around it.
        with translation.override(self.language):
            return reverse(
                "faq:article_detail", kwargs={"category_slug": self.category.slug, "article_slug": self.slug}
            )

    def clean(self):
        super().clean()
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            raise ValidationError({"reviewed_on": _("The last review cannot be later than today.")})
        if self.publish_at and self.expire_at and self.expire_at <= self.publish_at:
            raise ValidationError({"expire_at": _("“Publish until” must be later than “publish from”.")})
        validate_translation_of(self)


class LegalReference(CleanTextModel):
    law_name = models.CharField(
        _("law"), max_length=255,
        help_text=_("The full name of the law, regulation or notice, e.g. “Social Insurance Law of the PRC”."),
    )
    article_number = models.CharField(
        _("article"), max_length=100,
        help_text=_("The article as the law numbers it, e.g. “Article 27” or “第二十七条”."),
    )
    text = models.TextField(
        _("text"),
        help_text=_("The article's text as published, shown to readers under the law's name."),
    )
    url = LinkField(
        _("URL"), blank=True, max_length=500,
        help_text=_("Optional link to the official text."),
    )
    checker = models.CharField(
        _("checker"), max_length=40, choices=checker_choices, blank=True,
        help_text=_("Optional: a checker that applies this article of the law to the reader's own case. It is "
                    "linked under the text on every article that cites it."),
    )

    class Meta:
        ordering = ["law_name", "article_number"]
        verbose_name = _("legal reference")
        verbose_name_plural = _("legal references")
        constraints = [
            models.UniqueConstraint(fields=["law_name", "article_number"], name="faq_legalreference_unique_article"),
        ]

    def __str__(self):
        return f"{self.law_name}, {self.article_number}"


class ArticleListItem(CleanTextModel):
    """A row of one of an article's ordered lists: its legal basis, its checkers, its related articles."""

    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Shown smallest first."),
    )

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class ArticleLegalReference(ArticleListItem):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="legal_reference_links", verbose_name=_("article"),
    )
    legal_reference = models.ForeignKey(
        LegalReference, on_delete=models.PROTECT, related_name="article_links", verbose_name=_("legal reference"),
        help_text=_("Type to search by law or article number."),
    )
    heading = models.CharField(
        _("heading"), max_length=200, blank=True,
        help_text=_("The point of the answer this reference supports, e.g. “After retirement”. Consecutive rows "
                    "with the same heading are shown under it."),
    )

    class Meta(ArticleListItem.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal basis")
        constraints = [
            models.UniqueConstraint(fields=["article", "legal_reference"], name="faq_articlelegalreference_unique"),
        ]

    def __str__(self):
        return str(self.legal_reference)


class ArticleChecker(ArticleListItem):
    """A checker offered under the article ("Check your case"); an article may offer several, in order."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="checker_links", verbose_name=_("article"),
    )
    checker = models.CharField(
        _("checker"), max_length=40, choices=checker_choices,
        help_text=_("An interactive checker offered to readers under the answer (“Check your case”)."),
    )

    class Meta(ArticleListItem.Meta):
        verbose_name = _("checker offered")
        verbose_name_plural = _("checkers offered")
        constraints = [
            models.UniqueConstraint(fields=["article", "checker"], name="faq_articlechecker_unique"),
        ]

    def __str__(self):
        return self.get_checker_display()


class RelatedArticle(ArticleListItem):
    """A related-article link, kept by title so links can wait for articles not written yet."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links", verbose_name=_("article"),
    )
    title = models.CharField(
        _("title"), max_length=255,
        help_text=_("The related article's exact title. If no article has it yet, the link waits for one."),
    )
    target = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("links to"),
        help_text=_("Filled in automatically when an article with this title exists; you may also pick one."),
    )

    class Meta(ArticleListItem.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "title"], name="faq_relatedarticle_unique_title"),
        ]

    def __str__(self):
        return self.title


class WaitingRelatedTitle(RelatedArticle):
    """Related titles that match no article yet: the editors' to-write list."""

    class Meta:
        proxy = True
        verbose_name = _("related title still waiting for an article")
        verbose_name_plural = _("related titles still waiting for an article")


class SlugHistory(models.Model):
    """An address an article had: old links to it redirect to where it is now."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="slug_history", verbose_name=_("article"),
    )
    category_slug = models.CharField(_("category slug"), max_length=200)
    slug = models.CharField(_("slug"), max_length=255)
    created_at = models.DateTimeField(_("moved"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.UniqueConstraint(fields=["category_slug", "slug"], name="faq_slughistory_unique_address"),
        ]

    def __str__(self):
        return f"{self.category_slug}/{self.slug}"


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
        from .shared_records import record_subject  # the records' registry imports this module

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


class SearchDocument(models.Model):
    """An article as the search index sees it: its text as index terms (faq/tokenizer.py).

    The database indexes these columns: an FTS5 table kept in step by triggers on SQLite, a stored,
    GIN-indexed tsvector column on PostgreSQL (migration 0012). Only faq/search_index.py writes here.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document",
    )
    title = models.TextField()
    question = models.TextField()
    body = models.TextField()
    # The article's language, so that the index itself narrows a search to one language.
    language = models.CharField(max_length=10)

    def __str__(self):
        return str(self.article_id)


class SearchStatistics(models.Model):
    """The indexed articles of one language and their length in index terms, kept by faq/search_index.py:
    the average length a term's score is measured against, and the count its rarity is measured in."""

    language = models.CharField(max_length=10, unique=True)
    articles = models.PositiveIntegerField(default=0)
    length = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return self.language

    @property
    def average_length(self):
        return self.length / self.articles if self.articles else 0


class SearchTerm(models.Model):
    """An index term of one language: how many articles have it, and the best of them by score.

    Its SearchPosting rows list every article that has it or, once it is common, only those scoring
    at least `floor`: readers see the first pages of a common word without every match being ranked
    (faq/search/). Only faq/search_index.py writes here.
    """

    language = models.CharField(max_length=10)
    term = models.TextField()
    documents = models.PositiveIntegerField(default=0)
    # None while every article with the term is listed.
    floor = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="faq_searchterm_language_term")]

    def __str__(self):
        return f"{self.term} ({self.language})"


class SearchPosting(models.Model):
    """One article listed under a term, with the term's score in it (BM25 without the rarity)."""

    # Derived rows, written only by faq/search_index.py and replaced whole by a rebuild, so without the
    # database's checks: at commit, PostgreSQL's checks of a rebuild's 1.9 million rows took 8 s. The one
    # index is by term, which a rebuild writes in order; a second, by article, written out of order,
    # doubled its time. An article's rows are found by its terms and deleted with its index row
    # (faq/signals.py); a row left behind by a bypass names no article a search can join, and the
    # next rebuild drops it.
    term = models.ForeignKey(
        SearchTerm, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    article = models.ForeignKey(
        Article, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    score = models.FloatField()

    class Meta:
        # Covering: a search reads its terms' lists from the index alone.
        indexes = [models.Index(fields=["term", "article", "score"], name="faq_searchposting_term")]

    def __str__(self):
        return f"{self.term_id}: {self.article_id}"


class SearchWord(models.Model):
    """A word some article contains, as written: the vocabulary typos are corrected to."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.word


class SynonymGroup(CleanTextModel):
    """Terms readers use for the same thing: a search for one also finds the others."""

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, db_index=True,
        help_text=_("The language of the articles these terms find."),
    )
    terms = models.TextField(
        _("terms"),
        help_text=_("Two or more terms that mean the same, separated by commas, e.g. “退费, 退款, 退保” or "
                    "“refund, reimbursement, money back”. A term also matches inside longer words: "
                    "with “缴, 交”, a search for 交费 finds 缴费."),
    )

    class Meta:
        ordering = ["language", "terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self):
        return " = ".join(self.term_list())

    def term_list(self):
        """The terms as written, in order, without blanks and repeats."""
        terms = []
        for term in re.split(r"[,，、\n]", self.terms):
            term = " ".join(term.split())
            if term and term.casefold() not in (known.casefold() for known in terms):
                terms.append(term)
        return terms

    def clean(self):
        super().clean()
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two different terms, separated by commas.")})
        self.terms = ", ".join(self.term_list())
