"""Article search for readers: `article_search` is the one entry point.

What matches is the same on every database: an article matches a term when the term appears in its
title, question or body (case-insensitive), so Chinese is found by any substring of two or more
characters and English by parts of words. Results are ordered by how many of the query's terms an
article contains, then by where they appear (title above question above body; for English terms a
whole-word match counts more than a part of a word), then by the database's own text rank.

The database only makes finding candidates fast:

- SQLite: an FTS5 table with the trigram tokenizer (migration 0005). Trigrams need three
  characters, so two-character terms (most Chinese words) fall back to LIKE on the published set.
- PostgreSQL: GIN trigram indexes (pg_trgm) serve the LIKE matches, and SearchRank over weighted
  title (A), question (B) and body (C) orders articles that tie.

Only `Article.objects.published()` in the reader's language is ever searched.
"""

import re
import unicodedata
from dataclasses import dataclass
from html import unescape

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .markdown import render_markdown
from .models import Article

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MIN_TERM_LENGTH = 2
PAGE_SIZE = 10
SNIPPET_LENGTH = 180
FIELDS = ("title", "question", "body")
INDEX_TABLE = "faq_article_search"

# Dropped from English queries that have other words, so "how do I get a refund" ranks by "refund".
ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from get got had has have how if in is it its me my no not of on "
    "or our so than that the their them then there they this to was we what when where which who why will with "
    "you your".split()
)
_TERM = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class SearchHit:
    article: Article
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class CategoryFacet:
    slug: str
    name: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: tuple[str, ...]
    total: int
    hits: list[SearchHit]
    page: Page | None
    facets: list[CategoryFacet]


def article_search(*, query, language, category_slug=None, page=1) -> SearchResults:
    """Published articles in `language` matching `query`, best first, one page of them.

    Any input is safe: the query is cut to MAX_QUERY_LENGTH, control characters are dropped, and a
    query with no usable term runs no database query at all.
    """
    query, terms = _clean(query)
    if not terms:
        return SearchResults(query=query, terms=(), total=0, hits=[], page=None, facets=[])

    backend = _backend()
    matches = (
        Article.objects.published()
        .filter(language=language)
        .filter(backend.candidates(terms))
        .annotate(coverage=_coverage(terms))
        .filter(coverage__gt=0)
    )
    facet_rows = (
        matches.values("category__slug", "category__name", "category__order")
        .annotate(count=Count("pk"))
        .order_by("category__order", "category__name")
    )
    facets = [
        CategoryFacet(
            slug=row["category__slug"],
            name=row["category__name"],
            count=row["count"],
            selected=row["category__slug"] == category_slug,
        )
        for row in facet_rows
    ]
    if category_slug:
        matches = matches.filter(category__slug=category_slug)
    ranked = (
        matches.select_related("category")
        .annotate(
            **{f"{field}_score": _field_score(backend, field, terms) for field in FIELDS},
            text_rank=backend.text_rank(terms),
        )
        .order_by("-coverage", "-title_score", "-question_score", "-body_score", "-text_rank", "title", "pk")
    )
    result_page = Paginator(ranked, PAGE_SIZE).get_page(page)
    pattern = _highlight_pattern(terms)
    hits = [
        SearchHit(
            article=article,
            title_html=_highlight(article.title, pattern),
            snippet_html=_snippet(_plain_text(article.body), pattern),
        )
        for article in result_page
    ]
    return SearchResults(
        query=query, terms=terms, total=result_page.paginator.count, hits=hits, page=result_page, facets=facets
    )


def _clean(query):
    """The query as shown back to the reader, and the terms searched for."""
    query = unicodedata.normalize("NFKC", str(query)[: MAX_QUERY_LENGTH * 2])
    # Control, format and unassigned characters (NUL included) become spaces.
    query = "".join(" " if unicodedata.category(char).startswith("C") else char for char in query)
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    terms = []
    for term in _TERM.findall(query.lower()):
        if len(term) >= MIN_TERM_LENGTH and term not in terms:
            terms.append(term)
    content = [term for term in terms if term not in ENGLISH_STOP_WORDS]
    return query, tuple((content or terms)[:MAX_TERMS])


def _contains(term):
    return Q(title__icontains=term) | Q(question__icontains=term) | Q(body__icontains=term)


def _coverage(terms):
    """How many of the terms the article contains anywhere."""
    return sum(
        (Case(When(_contains(term), then=Value(1)), default=Value(0), output_field=IntegerField()) for term in terms),
        start=Value(0),
    )


def _field_score(backend, field, terms):
    """Per term: 2 for a whole English word in the field, 1 for a part of a word or any Chinese match."""
    scores = []
    for term in terms:
        whens = []
        word = backend.word_regex(term)
        if word:
            whens.append(When(**{f"{field}__iregex": word, "then": Value(2)}))
        whens.append(When(**{f"{field}__icontains": term, "then": Value(1)}))
        scores.append(Case(*whens, default=Value(0), output_field=IntegerField()))
    return sum(scores, start=Value(0))


def _highlight_pattern(terms):
    # Longest first, so "insurance" wins over "in" where both match.
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in alternatives), re.IGNORECASE)


def _highlight(text, pattern) -> SafeString:
    """The text escaped, with <mark> around each match: article text can never add markup."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def _snippet(text, pattern) -> SafeString:
    """About SNIPPET_LENGTH characters of the text around its first match, highlighted."""
    match = pattern.search(text)
    start = max(0, match.start() - SNIPPET_LENGTH // 3) if match else 0
    if start:
        # Start at a word in English; Chinese has no spaces to look for, so it starts where it is.
        space = text.find(" ", start, match.start())
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_LENGTH)
    snippet = _highlight(text[start:end], pattern)
    return mark_safe(("…" if start else "") + snippet + ("…" if end < len(text) else ""))


def _plain_text(markdown_text):
    return " ".join(unescape(strip_tags(render_markdown(markdown_text))).split())


class _Backend:
    """Any database: LIKE for every term, no word matches, no text rank."""

    def candidates(self, terms):
        condition = Q()
        for term in terms:
            condition |= _contains(term)
        return condition

    def word_regex(self, term):
        return None

    def text_rank(self, terms):
        return Value(0.0, output_field=FloatField())

    def index_article(self, article):
        """Bring the article's entry in the search index up to date (where the database needs it)."""

    def unindex_article(self, pk):
        """Remove an article's entry from the search index (where the database needs it)."""

    def rebuild_index(self):
        """Rebuild the whole search index from the articles table (where the database needs it)."""


class _SQLiteBackend(_Backend):
    def candidates(self, terms):
        long_terms = [term for term in terms if len(term) >= 3]
        condition = Q()
        if long_terms:
            condition |= Q(pk__in=RawSQL(f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH %s", [
                _fts_query(long_terms)
            ]))
        for term in terms:
            if len(term) < 3:
                condition |= _contains(term)
        return condition

    def word_regex(self, term):
        # Django evaluates REGEXP on SQLite with Python's re module; the term is only letters and digits.
        return rf"\b{term}\b" if _ASCII_WORD.fullmatch(term) else None

    def text_rank(self, terms):
        long_terms = [term for term in terms if len(term) >= 3]
        if not long_terms:
            return super().text_rank(terms)
        # bm25 is lower for better matches; the weights favour title, then question, then body.
        return RawSQL(
            f"COALESCE((SELECT -bm25({INDEX_TABLE}, 10.0, 5.0, 1.0) FROM {INDEX_TABLE} "
            f"WHERE {INDEX_TABLE} MATCH %s AND rowid = faq_article.id), 0.0)",
            [_fts_query(long_terms)],
            output_field=FloatField(),
        )

    def index_article(self, article):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = %s", [article.pk])
            cursor.execute(
                f"INSERT INTO {INDEX_TABLE} (rowid, title, question, body) VALUES (%s, %s, %s, %s)",
                [article.pk, article.title, article.question, article.body],
            )

    def unindex_article(self, pk):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = %s", [pk])

    def rebuild_index(self):
        if INDEX_TABLE not in connection.introspection.table_names():
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX_TABLE}")
            cursor.execute(
                f"INSERT INTO {INDEX_TABLE} (rowid, title, question, body) "
                "SELECT id, title, question, body FROM faq_article"
            )


class _PostgresBackend(_Backend):
    def word_regex(self, term):
        # PostgreSQL's regular expressions mark word boundaries with \y; the term is only letters and digits.
        return rf"\y{term}\y" if _ASCII_WORD.fullmatch(term) else None

    def text_rank(self, terms):
        vector = (
            SearchVector("title", weight="A", config="simple")
            + SearchVector("question", weight="B", config="simple")
            + SearchVector("body", weight="C", config="simple")
        )
        query = SearchQuery(terms[0], config="simple")
        for term in terms[1:]:
            query |= SearchQuery(term, config="simple")
        return SearchRank(vector, query)


def _fts_query(terms):
    """An FTS5 query that ORs the terms, each a quoted string so none is read as FTS5 syntax."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _backend():
    if connection.vendor == "sqlite":
        return _SQLiteBackend()
    if connection.vendor == "postgresql":
        return _PostgresBackend()
    return _Backend()


def search_index_update(article):
    _backend().index_article(article)


def search_index_remove(pk):
    _backend().unindex_article(pk)


def search_index_rebuild():
    _backend().rebuild_index()
