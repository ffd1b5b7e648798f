"""Reads of FAQ content. Public pages read only through the published selectors here.

Each selector reads the clock once (`at`, now by default) so one page never mixes two moments.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, F, Func, Min, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language, get_language_info

from .history import article_versions
from .models import (
    Article,
    ArticleChange,
    ArticleFeedback,
    ArticleLegalReference,
    Category,
    Correction,
    RelatedArticle,
    TranslationState,
    published_conditions,
)

# How many recently updated answers the home page lists.
RECENTLY_UPDATED = 5


def category_list_with_articles(*, at=None, language=None):
    """Categories that have published articles in `language` (the current one), with those articles prefetched."""
    at = at or timezone.now()
    published = Article.objects.published(at=at).filter(language=language or get_language()).order_by("title")
    return (
        Category.objects.filter(articles__in=published)
        .distinct()
        .prefetch_related(Prefetch("articles", queryset=published, to_attr="published_articles"))
    )


def category_list(*, at=None, language=None):
    """Categories that have published articles in `language` (the current one), without the articles:
    one short look per category, however many articles there are."""
    published = Article.objects.published(at=at).filter(language=language or get_language())
    return Category.objects.filter(Exists(published.filter(category=OuterRef("pk"))))


def category_get_with_articles(*, slug, at=None, language=None):
    """The category with its published articles in `language` (the current one), or in the category's own
    language when it has none in that one: a reader who followed a link to it still sees what it holds."""
    category = get_object_or_404(Category, slug=slug)
    published = Article.objects.published(at=at).filter(category=category).order_by("title")
    language = language or get_language()
    category.published_articles = list(published.filter(language=language))
    if not category.published_articles and category.language != language:
        category.published_articles = list(published.filter(language=category.language))
    return category


def category_translations(category, *, at=None):
    """The category's versions in other languages that have published articles, by language code."""
    original = category.translation_of_id or category.pk
    has_articles = Article.objects.published(at=at).filter(category=OuterRef("pk"), language=OuterRef("language"))
    versions = (
        Category.objects.filter(Q(pk=original) | Q(translation_of_id=original))
        .exclude(pk=category.pk)
        .filter(Exists(has_articles))
    )
    return {version.language: version for version in versions}


def article_with_page_content(queryset, *, at=None):
    """`queryset` with everything an article page shows, related links limited to published articles."""
    conditions, fields = published_conditions(at, through="target__")
    related = RelatedArticle.objects.filter(*conditions, **fields).select_related("target__category")
    return queryset.select_related("category", "translation_of").prefetch_related(
        Prefetch(
            "legal_reference_links",
            queryset=ArticleLegalReference.objects.select_related("legal_reference"),
            to_attr="legal_basis",
        ),
        Prefetch("related_links", queryset=related, to_attr="published_related"),
        Prefetch("checker_links", to_attr="checkers"),
        Prefetch("changes", to_attr="public_changes"),
    )


def article_get_published(*, category_slug, slug, at=None):
    """The published article with everything its page shows, in a fixed number of queries."""
    at = at or timezone.now()
    queryset = article_with_page_content(Article.objects.published(at=at), at=at)
    return get_object_or_404(queryset, category__slug=category_slug, slug=slug)


def articles_recently_updated(*, at=None, language=None, limit=RECENTLY_UPDATED):
    """The published answers in `language` (the current one) changed last, each with its newest public
    change note (`latest_change`, or None), in two queries."""
    articles = list(
        Article.objects.published(at=at)
        .filter(language=language or get_language())
        .select_related("category")
        .order_by("-updated_at", "pk")[:limit]
    )
    latest = {}
    for change in ArticleChange.objects.filter(article__in=articles):  # newest first (Meta.ordering)
        latest.setdefault(change.article_id, change)
    for article in articles:
        article.latest_change = latest.get(article.pk)
    return articles


def article_translations(article, *, at=None):
    """The article's published versions in other languages, by language code, in one query."""
    original = article.translation_of_id or article.pk
    versions = (
        Article.objects.published(at=at)
        .filter(Q(pk=original) | Q(translation_of_id=original))
        .exclude(pk=article.pk)
        .select_related("category")
    )
    return {version.language: version for version in versions}


def relations_waiting():
    """Related titles that no article has yet, most wanted first."""
    return RelatedArticle.objects.filter(target__isnull=True).select_related("article")


def article_next_window_edge(*, after):
    """The first moment after `after` when a published article appears or disappears, or None."""
    edges = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        appears=Min("publish_at", filter=Q(publish_at__gt=after)),
        disappears=Min("expire_at", filter=Q(expire_at__gt=after)),
    )
    return min((edge for edge in edges.values() if edge), default=None)


@dataclass(frozen=True)
class WaitingForReview:
    """One entry of the publishers' review queue: an article in review, or a correction to a live one."""

    article: Article
    correction: Correction | None
    submitted_by: str
    since: datetime


def review_queue():
    """What waits for a publisher, longest waiting first: corrections to published articles, and
    articles submitted for review, each with who submitted it and since when."""
    corrections = Correction.objects.filter(status=Correction.Status.PENDING).select_related(
        "article", "submitted_by", "record_type"
    )
    waiting = [
        WaitingForReview(item.article, item, item.submitted_by.get_username(), item.submitted_at)
        for item in corrections
    ]
    for article in Article.objects.filter(status=Article.Status.IN_REVIEW):
        user, since = _submission(article)
        waiting.append(WaitingForReview(article, None, user.get_username() if user else "", since))
    return sorted(waiting, key=lambda item: item.since)


def review_queue_count():
    return (
        Correction.objects.filter(status=Correction.Status.PENDING).count()
        + Article.objects.filter(status=Article.Status.IN_REVIEW).count()
    )


def _submission(article):
    """Who put the article in review and when: the oldest of its latest run of in-review versions."""
    submitted = None
    for version in article_versions(article):
        if version.field_dict.get("status") != Article.Status.IN_REVIEW:
            break
        submitted = version.revision
    if submitted is None:
        return None, article.updated_at
    return submitted.user, submitted.date_created


def corrections_of(user):
    """The user's own corrections still waiting or returned to them, newest first."""
    return (
        Correction.objects.filter(submitted_by=user, status__in=[Correction.Status.PENDING, Correction.Status.RETURNED])
        .select_related("article", "decided_by")
        .order_by("-submitted_at")
    )


@dataclass(frozen=True)
class LanguageProgress:
    """How the published originals in other languages stand in one language, and the categories' names."""

    language: str
    name: str
    originals: int
    translated: int
    up_to_date: int
    needs_update: int
    out_of_date: int
    categories: int
    categories_translated: int

    @property
    def missing(self):
        return self.originals - self.translated

    @property
    def categories_missing(self):
        return self.categories - self.categories_translated


def translation_progress():
    """A LanguageProgress for each language, in two queries a language however many articles there are."""
    progress = []
    for code, _name in settings.LANGUAGES:
        into = Q(translations__language=code)
        counts = (
            Article.objects.published().filter(translation_of__isnull=True).exclude(language=code).aggregate(
                originals=Count("pk", distinct=True),
                translated=Count("pk", filter=into, distinct=True),
                **{
                    state: Count("translations", filter=into & Q(translations__translation_state=state), distinct=True)
                    for state in TranslationState.values
                },
            )
        )
        categories = Category.objects.filter(translation_of__isnull=True).exclude(language=code).aggregate(
            categories=Count("pk", distinct=True), categories_translated=Count("pk", filter=into, distinct=True)
        )
        progress.append(LanguageProgress(
            language=code, name=get_language_info(code)["name_translated"], **counts, **categories
        ))
    return progress


def translation_reads():
    """How much a translation is read, as an expression on articles: the "Was this helpful?" votes on it and
    on its original. The site records no page views, and searches are logged by query, not by the answer
    they led to, so votes are the one per-article measure it has; a view count would be added here."""
    votes = ArticleFeedback.objects.filter(Q(article=OuterRef("pk")) | Q(article=OuterRef("translation_of")))
    # No ordering: the votes' default order by date would stand beside the count, which PostgreSQL refuses.
    return Subquery(votes.order_by().values(count=Func(F("pk"), function="COUNT")))


def translations_behind():
    """Translations their originals left behind, most read first, then longest behind, with their originals
    and categories: in one query."""
    return (
        Article.objects.filter(translation_of__isnull=False)
        .exclude(translation_state=TranslationState.UP_TO_DATE)
        .select_related("translation_of", "category")
        .annotate(reads=translation_reads())
        .order_by("-reads", "behind_since", "pk")
    )
