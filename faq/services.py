"""Writes to FAQ content. The importer and the admin both save through these."""

import reversion
from django.db import IntegrityError, transaction

from .models import Article, ArticleFeedback, RelatedArticle, SearchQuery


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


def article_record_revision(*, article, user=None, comment=""):
    """Save the article as it is now, with its legal basis and related links, as one revision.

    Called after all of a change's writes, so the revision holds the final links rather than
    the ones the article had when its own row was saved. Inside an open revision (an admin
    save), the article joins that revision.
    """
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(article)
        if user is not None:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)


def article_set_status(*, articles, status, user=None) -> int:
    """Move each article to `status`, each change its own revision; return how many moved."""
    moved = 0
    for article in articles:
        if article.status != status:
            article.status = status
            article.save(update_fields=["status", "updated_at"])
            article_record_revision(article=article, user=user, comment=str(Article.Status(status).label))
            moved += 1
    return moved


def search_log_record(*, query, result_count, language):
    """Log one reader search; the query is kept lower-cased with spaces collapsed so repeats group."""
    normalised = " ".join(query.lower().split())[: SearchQuery._meta.get_field("query").max_length]
    if normalised:
        SearchQuery.objects.create(query=normalised, result_count=result_count, language=language)


def feedback_record(*, article, voter_key, helpful, reason="", comment="") -> bool:
    """Save a reader's vote; return False if this reader has already voted on this article."""
    try:
        with transaction.atomic():
            ArticleFeedback.objects.create(
                article=article,
                voter_key=voter_key,
                helpful=helpful,
                # A reason only explains a "no".
                reason="" if helpful else reason,
                comment="" if helpful else comment,
            )
    except IntegrityError:
        return False
    return True
