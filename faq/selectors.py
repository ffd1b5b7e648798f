"""Reads of FAQ content. Public pages read only through the published selectors here."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import Article, ArticleLegalReference, Category, RelatedArticle


def category_list_with_articles():
    """Categories that have published articles, each with those articles prefetched."""
    published = Article.objects.published().order_by("title")
    return (
        Category.objects.filter(articles__in=Article.objects.published())
        .distinct()
        .prefetch_related(Prefetch("articles", queryset=published, to_attr="published_articles"))
    )


def category_get_with_articles(*, slug):
    published = Article.objects.published().order_by("title")
    queryset = Category.objects.prefetch_related(
        Prefetch("articles", queryset=published, to_attr="published_articles")
    )
    return get_object_or_404(queryset, slug=slug)


def article_get_published(*, category_slug, slug):
    """The published article with everything its page shows, in a fixed number of queries."""
    related = RelatedArticle.objects.filter(target__in=Article.objects.published()).select_related(
        "target__category"
    )
    queryset = (
        Article.objects.published()
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "legal_reference_links",
                queryset=ArticleLegalReference.objects.select_related("legal_reference"),
                to_attr="legal_basis",
            ),
            Prefetch("related_links", queryset=related, to_attr="published_related"),
        )
    )
    return get_object_or_404(queryset, category__slug=category_slug, slug=slug)


def relations_waiting():
    """Related titles that no article has yet, most wanted first."""
    return RelatedArticle.objects.filter(target__isnull=True).select_related("article")
