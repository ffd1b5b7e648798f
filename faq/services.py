"""Writes to FAQ content. The importer and the admin both save through these."""

from datetime import timedelta

import reversion
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serving.counts import CountBuffer, today

from .models import (
    Article,
    ArticleChange,
    ArticleFeedback,
    RelatedArticle,
    RevisionSignificance,
    SearchCount,
    Significance,
    TranslationState,
)


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


def article_record_revision(*, article, user=None, comment="", significance=""):
    """Save the article as it is now, with its legal basis and related links, as one revision.

    Called after all of a change's writes, so the revision holds the final links rather than
    the ones the article had when its own row was saved. Inside an open revision (an admin
    save), the article joins that revision. A change to an original that has translations
    keeps its `significance` with the revision, and the translations fall behind as it says.
    """
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(article)
        if user is not None:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        if significance and article_has_translations(article):
            reversion.add_meta(RevisionSignificance, significance=significance)
            translations_fall_behind(original=article, significance=significance)


def article_has_translations(article):
    """An original with translations: a change to it says how much it matters to them."""
    return (
        article is not None
        and article.pk is not None
        and article.translation_of_id is None
        and article.translations.exists()
    )


# The state a change leaves a translation in, at least; a typo or wording change leaves it as it was.
STATE_AFTER = {Significance.CONTENT: TranslationState.NEEDS_UPDATE, Significance.MAJOR: TranslationState.OUT_OF_DATE}
BEHIND = [TranslationState.UP_TO_DATE, TranslationState.NEEDS_UPDATE, TranslationState.OUT_OF_DATE]


def translations_fall_behind(*, original, significance):
    """Each translation of `original` keeps the worse of its state and what `significance` calls for, and
    the moment it first fell behind. Saved one by one, so the pages kept for readers are dropped."""
    state = STATE_AFTER.get(significance)
    if state is None:
        return
    now = timezone.now()
    for translation in original.translations.all():
        if BEHIND.index(translation.translation_state) < BEHIND.index(state):
            translation.translation_state = state
            translation.behind_since = translation.behind_since or now
            translation.save(update_fields=["translation_state", "behind_since"])


def translation_mark_up_to_date(*, translation, user):
    """The translator's word that the translation says what its original says now, kept in its history."""
    translation.translation_state = TranslationState.UP_TO_DATE
    translation.behind_since = None
    translation.original_version = translation.translation_of.version
    translation.save(update_fields=["translation_state", "behind_since", "original_version"])
    comment = _("Marked up to date with the original (version %(version)s)") % {
        "version": translation.original_version
    }
    article_record_revision(article=translation, user=user, comment=comment)


def translation_link_changed(*, article):
    """An article newly linked to an original (or unlinked) starts up to date with the original as it is now."""
    original = article.translation_of
    article.translation_state = TranslationState.UP_TO_DATE
    article.behind_since = None
    article.original_version = original.version if original else None
    article.save(update_fields=["translation_state", "behind_since", "original_version"])


def article_change_record(*, article, note, user=None):
    """A publisher's public note on what changed, dated today; nothing for an empty note."""
    note = note.strip()
    if not note:
        return None
    return ArticleChange.objects.create(article=article, note=note, written_by=user)


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


def search_log_record(*, query, result_count, language, day=None):
    """Count one reader search on its day; the query is lower-cased with spaces collapsed so repeats group.

    Counted in memory and written in batches (serving/counts.py): a search, kept or not, never waits for it.
    """
    normalised = " ".join(query.lower().split())[: SearchCount._meta.get_field("query").max_length]
    if normalised:
        search_counts.add((day or today(), normalised, language), latest=result_count)


def _search_counts_write(batch):
    """One upsert a row (same syntax on SQLite and PostgreSQL), atomic under writers in other workers."""
    table = connection.ops.quote_name(SearchCount._meta.db_table)
    rows = [(day, query, language, count, result_count)
            for (day, query, language), (count, result_count) in batch.items()]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (day, query, language, searches, result_count) VALUES (%s, %s, %s, %s, %s) "
            f"ON CONFLICT (day, query, language) "
            f"DO UPDATE SET searches = {table}.searches + excluded.searches, result_count = excluded.result_count",
            rows,
        )


search_counts = CountBuffer(_search_counts_write)


def search_counts_prune(*, keep_days, today=None):
    """Delete search counts older than `keep_days` days; return how many rows went."""
    cutoff = (today or timezone.localdate()) - timedelta(days=keep_days)
    deleted, _by_model = SearchCount.objects.filter(day__lt=cutoff).delete()
    return deleted


def feedback_record(*, article, voter_key, helpful, reason="", comment=""):
    """Save a reader's vote and return it; None if this reader has already voted on this article."""
    try:
        with transaction.atomic():
            return ArticleFeedback.objects.create(
                article=article,
                voter_key=voter_key,
                helpful=helpful,
                # A reason only explains a "no".
                reason="" if helpful else reason,
                comment="" if helpful else comment,
            )
    except IntegrityError:
        return None


def feedback_explain(*, feedback, reason, comment):
    """Add what was wrong to a "No" vote that does not say yet; False when it already does."""
    updated = ArticleFeedback.objects.filter(pk=feedback.pk, helpful=False, reason="", comment="").update(
        reason=reason, comment=comment
    )
    return bool(updated)
