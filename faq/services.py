"""Writes to FAQ content. The importer and the admin both save through these."""

from .models import Article, RelatedArticle


def article_link_waiting_relations(*, article: Article) -> int:
    """Link related titles that were waiting for this article, and this article's waiting titles.

    Returns how many links were made.
    """
    linked = (
        RelatedArticle.objects.filter(target__isnull=True, title=article.title)
        .exclude(article=article)
        .update(target=article)
    )
    waiting = {link.title: link for link in article.related_links.filter(target__isnull=True)}
    if waiting:
        targets = Article.objects.filter(title__in=waiting).exclude(pk=article.pk)
        for target in targets:
            waiting[target.title].target = target
        resolved = [link for link in waiting.values() if link.target_id]
        RelatedArticle.objects.bulk_update(resolved, ["target"])
        linked += len(resolved)
    return linked

