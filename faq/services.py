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



def article_set_status(*, articles, status) -> int:
    """Move each article to `status`, saving one by one so each save is recorded; return how many moved."""
    moved = 0
    for article in articles:
        if article.status != status:
            article.status = status
            article.save(update_fields=["status", "updated_at"])
            moved += 1
    return moved
