"""Articles: their text, status and publishing window, translation state and former slugs."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import CleanTextModel
from portal.reversing import reverse_in

from ..markdown import validate_markdown_links
from .categories import Category, validate_translation_of


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


def published_conditions(at=None, through=""):
    """The one definition of what readers may see, as filter() arguments: published, and inside its window
    at `at` (now). `through` applies it to a related article ("target__"), by the join a query already
    makes instead of a subquery, which cost Django about three times as much to build."""
    at = at or timezone.now()
    return (
        Q(**{f"{through}publish_at__isnull": True}) | Q(**{f"{through}publish_at__lte": at}),
        Q(**{f"{through}expire_at__isnull": True}) | Q(**{f"{through}expire_at__gt": at}),
    ), {f"{through}status": Article.Status.PUBLISHED}


class ArticleQuerySet(models.QuerySet):
    def published(self, at=None):
        """What readers may see (published_conditions), at `at` (now)."""
        conditions, fields = published_conditions(at)
        return self.filter(*conditions, **fields)


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
        return reverse_in(
            self.language, "faq:article_detail", category_slug=self.category.slug, article_slug=self.slug
        )

    def clean(self):
        super().clean()
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            raise ValidationError({"reviewed_on": _("The last review cannot be later than today.")})
        if self.publish_at and self.expire_at and self.expire_at <= self.publish_at:
            raise ValidationError({"expire_at": _("“Publish until” must be later than “publish from”.")})
        validate_translation_of(self)


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
