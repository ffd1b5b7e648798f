"""Writes to the search index. The database does the indexing and ranking (see faq/search.py); this
module only turns articles into index terms with the one tokenizer, in SearchDocument rows.

An article's row is written whenever the article is saved (faq/signals.py: the admin, the importer,
workflow actions and restores all save) and goes with it when it is deleted (a cascade). Whether an
article is published, and inside its window, is checked when a search runs, never stored here.
"""

import multiprocessing
import os

from django.db import transaction

from . import tokenizer
from .models import Article, SearchDocument, SearchWord

# The article fields that make up the index; a save that changes none of them leaves it alone.
INDEXED_FIELDS = frozenset({"title", "question", "body", "editor_note", "language"})
BATCH_SIZE = 500
_FIELDS = ("pk", "title", "question", "body", "editor_note", "language")
_MAX_WORD_LENGTH = SearchWord._meta.get_field("word").max_length


def _analyze(row):
    """(pk, title terms, question terms, body terms, language, words) of one article's (pk, title,
    question, body, editor's note, language). Plain data in and out, so that worker processes can do it."""
    pk, title, question, body, editor_note, language = row
    words, terms = set(), []
    # The editor's note corrects the body, so readers find the article by its words too.
    for text in (title, question, f"{editor_note}\n{body}"):
        text_terms, text_words = tokenizer.analyze(text)
        terms.append(" ".join(text_terms))
        words.update(word for word in text_words if word.isalpha() and len(word) <= _MAX_WORD_LENGTH)
    return pk, *terms, language, words


def _write(analyzed, known_words):
    """Insert or replace the index rows, and add the words not in `known_words` to the vocabulary."""
    SearchDocument.objects.bulk_create(
        [SearchDocument(article_id=pk, title=title, question=question, body=body, language=language)
         for pk, title, question, body, language, _words in analyzed],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["title", "question", "body", "language"],
    )
    new = set().union(*(words for *_terms, words in analyzed)) - known_words
    known_words |= new
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(new)], ignore_conflicts=True, batch_size=BATCH_SIZE
    )


def search_index_articles(articles):
    """Write the index rows of `articles` (inserted or replaced) and add their words to the vocabulary."""
    if articles:
        _write([_analyze([getattr(article, field) for field in _FIELDS]) for article in articles], set())


def search_index_rebuild(*, progress=None, only_missing=False, workers=None):
    """Index every article again, BATCH_SIZE at a time; returns how many were indexed.

    Safe while readers search: each batch replaces its rows in its own short transaction, so the
    index is never empty and every search sees either an article's old row or its new one.
    `progress(done, total)` is called after each batch. With `only_missing`, only articles that
    have no row yet are indexed (after migrations). Tokenizing is the slow part: with more than one
    batch it runs in `workers` processes (one per CPU), while this one reads and writes.
    """
    articles = Article.objects.order_by("pk")
    if only_missing:
        articles = articles.filter(search_document__isnull=True)
    total = articles.count()
    workers = workers or os.cpu_count() or 1
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 and total > BATCH_SIZE else None
    done, known_words = 0, set()

    def batches():
        last_pk = 0
        while batch := list(articles.filter(pk__gt=last_pk).values_list(*_FIELDS)[:BATCH_SIZE]):
            last_pk = batch[-1][0]
            yield batch

    def analyzed_batches():
        if pool is None:
            for batch in batches():
                yield [_analyze(row) for row in batch]
            return
        # The workers tokenize the next batch while this process writes the one before.
        pending = None
        for batch in batches():
            started = pool.map_async(_analyze, batch)
            if pending is not None:
                yield pending.get()
            pending = started
        if pending is not None:
            yield pending.get()

    try:
        for analyzed in analyzed_batches():
            with transaction.atomic():
                _write(analyzed, known_words)
            done += len(analyzed)
            if progress:
                progress(done, total)
    finally:
        if pool:
            pool.close()
            pool.join()
    return done
