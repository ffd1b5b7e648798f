"""Writes to the search index. The database does the indexing and ranking (see faq/search/); this
module turns articles into index terms with the one tokenizer, in SearchDocument rows, and keeps each
term's list of articles by score (SearchTerm, SearchPosting, SearchStatistics).

An article's rows are written whenever the article is saved (faq/signals.py: the admin, the importer,
workflow actions and restores all save) and go with it when it is deleted. Whether an article is
published, and inside its window, is checked when a search runs, never stored here.

A term's score in an article is BM25's, as FTS5's bm25() computes it, without the term's rarity (which
a search adds, as it changes with every article): the term counted 10 times in the title, 5 in the
question, once in the body, against the article's length in terms. A term's list holds every article
that has it until LIST_LENGTH do; a rebuild then keeps those scoring at least the LIST_LENGTH-th best
(the term's floor), and each save adds the article wherever it reaches the floor, so a list is always
every article at or above it.
"""

import datetime
import multiprocessing
import os
from array import array
from collections import Counter, defaultdict
from itertools import chain, repeat

from django.db import connection, transaction
from django.db.models import Case, Count, F, Sum, Value, When
from django.db.models.functions import Greatest, Length, Replace
from django.utils import timezone

from . import tokenizer
from .models import Article, SearchDocument, SearchPosting, SearchStatistics, SearchTerm, SearchWord

# The article fields that make up the index; a save that changes none of them leaves it alone.
INDEXED_FIELDS = frozenset({"title", "question", "body", "editor_note", "language"})
BATCH_SIZE = 500
_FIELDS = ("pk", "title", "question", "body", "editor_note", "language")
_MAX_WORD_LENGTH = SearchWord._meta.get_field("word").max_length
# Title, question, body: as bm25() on SQLite is given them (faq/search/).
COLUMN_WEIGHTS = (10, 5, 1)
# BM25's saturation and length normalisation, FTS5's values.
K1, B = 1.2, 0.75
# Articles listed under a common term: enough for every page of the 1,000 results a search counts.
LIST_LENGTH = 1000
# Longer terms (a pasted code, a long number) are left out of the lists: a search with one ranks in the index.
MAX_LISTED_TERM_LENGTH = 100
LIST_ATTEMPTS = 3
LIST_WRITE_ROWS = 100_000
# A save stamped by another machine's clock counts as made during a rebuild up to this much before it.
CLOCK_SKEW = datetime.timedelta(seconds=1)


def term_scores(title, question, body, average_length):
    """{term: score} of one article's title, question and body terms (lists of index terms)."""
    weighted = Counter()
    for weight, terms in zip(COLUMN_WEIGHTS, (title, question, body), strict=True):
        for term, count in Counter(terms).items():
            weighted[term] += weight * count
    length = len(title) + len(question) + len(body)
    # A new language's first article is its own average.
    norm = K1 * (1 - B + B * length / (average_length or length or 1))
    return {
        term: frequency * (K1 + 1) / (frequency + norm)
        for term, frequency in weighted.items() if len(term) <= MAX_LISTED_TERM_LENGTH
    }


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
    """Write the index rows of `articles` (inserted or replaced), add their words to the vocabulary,
    and move them in the terms' lists."""
    if not articles:
        return
    analyzed = [_analyze([getattr(article, field) for field in _FIELDS]) for article in articles]
    before = {
        pk: (language, (title.split(), question.split(), body.split()))
        for pk, language, title, question, body in SearchDocument.objects.filter(
            article_id__in=[row[0] for row in analyzed]
        ).values_list("article_id", "language", "title", "question", "body")
    }
    _write(analyzed, set())
    _update_lists([
        (pk, before.get(pk), (language, (title.split(), question.split(), body.split())))
        for pk, title, question, body, language, _words in analyzed
    ])


def search_index_removed(document):
    """Take a deleted index row out of the counts, and its article out of the terms' lists."""
    columns = (document.title.split(), document.question.split(), document.body.split())
    _update_lists([(document.article_id, (document.language, columns), None)])


def _update_lists(changes):
    """Apply [(article id, (language, columns) before or None, after or None)] to the statistics, the
    terms' article counts and their lists, scoring against the averages with the change made."""
    articles, lengths, documents = Counter(), Counter(), Counter()
    for _pk, *sides in changes:
        for sign, side in zip((-1, 1), sides, strict=True):
            if side:
                language, columns = side
                articles[language] += sign
                lengths[language] += sign * sum(map(len, columns))
                for term in _listable(set().union(*columns)):
                    documents[language, term] += sign
    for language in articles.keys() | lengths.keys():
        SearchStatistics.objects.get_or_create(language=language)
        SearchStatistics.objects.filter(language=language).update(
            articles=Greatest(F("articles") + articles[language], 0),
            length=Greatest(F("length") + lengths[language], 0),
        )
    by_change = defaultdict(list)
    for (language, term), change in documents.items():
        if change:
            by_change[language, change].append(term)
    for (language, change), terms in by_change.items():
        for start in range(0, len(terms), BATCH_SIZE):
            chunk = terms[start : start + BATCH_SIZE]
            if change > 0:
                SearchTerm.objects.bulk_create(
                    [SearchTerm(language=language, term=term) for term in chunk], ignore_conflicts=True
                )
            SearchTerm.objects.filter(language=language, term__in=chunk).update(
                documents=Greatest(F("documents") + change, 0)
            )
    for pk, before, _after in changes:
        if before:
            language, columns = before
            listed = SearchTerm.objects.filter(language=language, term__in=_listable(set().union(*columns)))
            _delete_postings(list(listed.values_list("pk", flat=True)), article_id=pk)
    postings = []
    for pk, _before, after in changes:
        if after is None:
            continue
        language, columns = after
        statistics = SearchStatistics.objects.get(language=language)
        scores = term_scores(*columns, statistics.average_length)
        terms = SearchTerm.objects.filter(language=language, term__in=list(scores)).values_list("term", "id", "floor")
        postings += [
            SearchPosting(term_id=term_id, article_id=pk, score=scores[term])
            for term, term_id, floor in terms if floor is None or scores[term] >= floor
        ]
    SearchPosting.objects.bulk_create(postings, batch_size=BATCH_SIZE)


def _listable(terms):
    return [term for term in terms if len(term) <= MAX_LISTED_TERM_LENGTH]


def search_index_rebuild(*, progress=None, only_missing=False, workers=None):
    """Index every article again, BATCH_SIZE at a time; returns how many were indexed.

    Safe while readers search: each batch replaces its rows in its own short transaction, so the
    index is never empty and every search sees either an article's old row or its new one; the
    terms' lists are then made again from the rows and replaced in one transaction (`_rebuild_lists`).
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
        if done or not only_missing or not SearchStatistics.objects.exists():
            _rebuild_lists(pool, workers)
    finally:
        if pool:
            pool.close()
            pool.join()
    return done


def _rebuild_lists(pool, workers):
    """Count and list every term again from the index rows, and write the lists a few terms at a
    time (`_write_lists`); a search sees each term's old list or its new one.

    An article saved while the rows are read would be listed as it was read, and its next save
    would correct the lists from what it is by then: so the lists are made again if an article
    changed after the rows began to be read. After LIST_ATTEMPTS tries on a site that never stops
    saving, they are written anyway."""
    for attempt in range(1, LIST_ATTEMPTS + 1):
        started = timezone.now()
        if _write_lists(*_made_lists(pool, workers), since=None if attempt == LIST_ATTEMPTS else started):
            return


def _made_lists(pool, workers):
    """(statistics, terms, their postings) made from the index rows."""
    totals = [
        (language, articles, int(length or 0))
        for language, articles, length in SearchDocument.objects.order_by().values("language").annotate(
            articles=Count("pk"), length=Sum(_terms_in("title") + _terms_in("question") + _terms_in("body"))
        ).values_list("language", "articles", "length")
    ]
    averages = {language: length / articles for language, articles, length in totals}
    # {(language, term): [articles with the term, scores, article ids]}, cut to the best as they grow.
    lists = {}
    for scored in _scored_batches(pool, workers, averages):
        for key, (documents, scores, pks) in scored.items():
            listed = lists.get(key)
            if listed is None:
                lists[key] = [documents, scores, pks]
                continue
            listed[0] += documents
            listed[1].extend(scores)
            listed[2].extend(pks)
            if len(listed[1]) > 4 * LIST_LENGTH:
                listed[1:] = _best(listed[1], listed[2])
    terms, postings = [], []
    for (language, term), (documents, scores, pks) in lists.items():
        scores, pks = _best(scores, pks)
        floor = min(scores) if documents > len(scores) else None
        terms.append(SearchTerm(language=language, term=term, documents=documents, floor=floor))
        postings.append((scores, pks))
    return totals, terms, postings


def _write_lists(totals, terms, postings, since):
    """Replace the statistics and the lists, about LIST_WRITE_ROWS list entries to a transaction that
    holds saves off while it writes (a second or so, where one transaction took 8 s at 100,000
    articles, past SQLite's busy timeout for the saves it held off). False, having stopped, if an
    article was saved since `since`."""
    chunks, rows = [[]], 0
    for term, listed in zip(terms, postings, strict=True):
        if rows >= LIST_WRITE_ROWS:
            chunks.append([])
            rows = 0
        chunks[-1].append((term, listed))
        rows += len(listed[0])
    # Only the terms listed before have entries to replace: a first build deletes nothing (and on
    # PostgreSQL, with no statistics yet on the new tables, each delete read them whole).
    before = {(language, term): pk for language, term, pk in SearchTerm.objects.values_list("language", "term", "pk")}
    for number, chunk in enumerate(chunks):
        if not _write_chunk(chunk, before, totals if number == 0 else None, since):
            return False
    # The terms no article has any more.
    gone = [before[key] for key in before.keys() - {(term.language, term.term) for term in terms}]
    for start in range(0, len(gone), BATCH_SIZE):
        with transaction.atomic():
            _delete_postings(gone[start : start + BATCH_SIZE])
            SearchTerm.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).update(documents=0, floor=None)
    return True


def _write_chunk(chunk, before, totals, since):
    """Write [(term, (scores, article ids))] in place of the entries of the terms `before` lists, and
    the statistics if given, in one transaction, unless an article was saved since `since`."""
    with transaction.atomic():
        # SQLite's transactions take the write lock at the start (IMMEDIATE); PostgreSQL needs it asked.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {SearchDocument._meta.db_table} IN SHARE MODE")
        if since and Article.objects.filter(updated_at__gte=since - CLOCK_SKEW).exists():
            return False
        if totals is not None:
            SearchStatistics.objects.all().delete()
            SearchStatistics.objects.bulk_create(
                SearchStatistics(language=language, articles=articles, length=length)
                for language, articles, length in totals
            )
        terms = [term for term, _listed in chunk]
        # Each term keeps its row; the ids come back from the insert (RETURNING, on both databases).
        SearchTerm.objects.bulk_create(
            terms, update_conflicts=True, unique_fields=["language", "term"], update_fields=["documents", "floor"],
            batch_size=BATCH_SIZE,
        )
        replaced = [before[term.language, term.term] for term in terms if (term.language, term.term) in before]
        for start in range(0, len(replaced), BATCH_SIZE):
            _delete_postings(replaced[start : start + BATCH_SIZE])
        _insert_postings(chain.from_iterable(zip(repeat(term.pk), pks, scores) for term, (scores, pks) in chunk))
    return True


def _delete_postings(term_ids, article_id=None):
    """Delete the list entries of `term_ids` (of one article only, if given) in one statement: the
    ORM's delete() sends a signal for each row where any receiver listens to every model, as the
    page cache's does (serving/content_version.py), and took minutes for a rebuild's lists."""
    if not term_ids:
        return
    sql = (
        f"DELETE FROM {connection.ops.quote_name(SearchPosting._meta.db_table)} "
        f"WHERE term_id IN ({', '.join(['%s'] * len(term_ids))})"
    )
    with connection.cursor() as cursor:
        if article_id is None:
            cursor.execute(sql, term_ids)
        else:
            cursor.execute(f"{sql} AND article_id = %s", [*term_ids, article_id])


def _insert_postings(rows):
    """Insert (term id, article id, score) rows, in the order of the index, by each driver's own bulk
    path: through Django's executemany, 1.9 million rows took 11 s on SQLite, this way 4 s."""
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    columns = f"{table} (term_id, article_id, score)"
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor, cursor.copy(f"COPY {columns} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        connection.connection.executemany(f"INSERT INTO {columns} VALUES (?, ?, ?)", rows)


def _terms_in(field):
    """How many index terms a column holds, in SQL: its spaces, plus one unless it is empty."""
    return Case(
        When(**{field: ""}, then=Value(0)),
        default=Length(field) - Length(Replace(field, Value(" "), Value(""))) + 1,
    )


def _scored_batches(pool, workers, averages):
    """The index rows' scores, as `_score_rows` gives them, a batch at a time; with a pool,
    its workers score the next batch while this process gathers the one before."""
    rows = SearchDocument.objects.order_by("pk").values_list("article_id", "title", "question", "body", "language")
    # Large, so that each worker's share is cut to the best before it travels back.
    size = 20 * BATCH_SIZE

    def batches():
        last_pk = 0
        while batch := list(rows.filter(pk__gt=last_pk)[:size]):
            last_pk = batch[-1][0]
            yield batch

    if pool is None:
        for batch in batches():
            yield _score_rows(batch, averages)
        return
    pending = None
    for batch in batches():
        step = -(-len(batch) // workers)
        started = pool.starmap_async(_score_rows, [(batch[i : i + step], averages) for i in range(0, len(batch), step)])
        if pending is not None:
            yield from pending.get()
        pending = started
    if pending is not None:
        yield from pending.get()


def _score_rows(rows, averages):
    """{(language, term): (articles with the term, scores, article ids of the best)} of index rows
    (article id, title, question, body, language)."""
    scored = {}
    for pk, title, question, body, language in rows:
        for term, score in term_scores(title.split(), question.split(), body.split(), averages[language]).items():
            listed = scored.get((language, term))
            if listed is None:
                listed = scored[language, term] = (array("d"), array("q"))
            listed[0].append(score)
            listed[1].append(pk)
    return {key: (len(scores), *_best(scores, pks)) for key, (scores, pks) in scored.items()}


def _best(scores, pks):
    """(scores, article ids) of the LIST_LENGTH best, and of any other as good as the last of them."""
    if len(scores) <= LIST_LENGTH:
        return scores, pks
    floor = sorted(scores, reverse=True)[LIST_LENGTH - 1]
    kept = [index for index, score in enumerate(scores) if score >= floor]
    return array("d", [scores[index] for index in kept]), array("q", [pks[index] for index in kept])
