"""Writes to the search index. The database does the indexing and ranking (see faq/search.py); this
module only turns articles into index terms with the one tokenizer, in SearchDocument rows.

An article's row is written whenever the article is saved (faq/signals.py: the admin, the importer,
workflow actions and restores all save) and goes with it when it is deleted (a cascade). Whether an
article is published, and inside its window, is checked when a search runs, never stored here.
"""

from django.db import transaction

from . import tokenizer
from .models import Article, SearchDocument, SearchWord

# The article fields that make up the index; a save that changes none of them leaves it alone.
INDEXED_FIELDS = frozenset({"title", "question", "body", "editor_note"})
BATCH_SIZE = 500
_DOCUMENT_FIELDS = ["title", "question", "body"]


def _terms(text):
    return " ".join(tokenizer.index_terms(text))


def _document(article):
    return SearchDocument(
        article_id=article.pk,
        title=_terms(article.title),
        question=_terms(article.question),
        # The editor's note corrects the body, so readers find the article by its words too.
        body=_terms(f"{article.editor_note}\n{article.body}"),
    )


def _words(articles, known):
    words = set()
    for article in articles:
        for text in (article.title, article.question, article.body, article.editor_note):
            words.update(word for word in tokenizer.words(tokenizer.normalize(text)) if word.isalpha())
    max_length = SearchWord._meta.get_field("word").max_length
    new = sorted(word for word in words - known if len(word) <= max_length)
    known.update(new)
    return [SearchWord(word=word) for word in new]


def search_index_articles(articles, *, known_words=None):
    """Write the index rows of `articles` (inserted or replaced) and add their words to the vocabulary.

    `known_words`, a set kept across calls, saves writing the same words again in a rebuild.
    """
    if not articles:
        return
    SearchDocument.objects.bulk_create(
        [_document(article) for article in articles],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=_DOCUMENT_FIELDS,
    )
    words = _words(articles, set() if known_words is None else known_words)
    SearchWord.objects.bulk_create(words, ignore_conflicts=True, batch_size=BATCH_SIZE)


def search_index_rebuild(*, progress=None, only_missing=False):
    """Index every article again, BATCH_SIZE at a time; returns how many were indexed.

    Safe while readers search: each batch replaces its rows in its own short transaction, so the
    index is never empty and every search sees either an article's old row or its new one.
    `progress(done, total)` is called after each batch. With `only_missing`, only articles that
    have no row yet are indexed (after migrations).
    """
    articles = Article.objects.order_by("pk").only("pk", "title", "question", "body", "editor_note")
    if only_missing:
        articles = articles.filter(search_document__isnull=True)
    total = articles.count()
    done, last_pk, known_words = 0, 0, set()
    while True:
        batch = list(articles.filter(pk__gt=last_pk)[:BATCH_SIZE])
        if not batch:
            break
        with transaction.atomic():
            search_index_articles(batch, known_words=known_words)
        done += len(batch)
        last_pk = batch[-1].pk
        if progress:
            progress(done, total)
    return done
