"""Article search for readers: `article_search` is the one entry point.

The query goes through the same tokenizer as the articles (faq/tokenizer.py), so both sides meet as
the same index terms: English stems, Chinese character bigrams. Before that, the editors' synonym
groups add other wordings of the query (退费 also searches 退款 and 退保; 交费 also searches 缴费),
and an English word no article contains is corrected to the nearest one that an article does.

The database finds: FTS5 on SQLite, the stored tsvector on PostgreSQL. An article matches when it
has every term of one wording; when no article does, every article that has any term of them
matches. Only `Article.objects.published()` is ever shown, as of the moment the search runs, so the
publishing window needs no job to keep the index current.

The database ranks, in the same way on both: BM25, title above question above body, from each
term's list of its best articles with their scores (faq/search_index.py). At 100,000 articles a
common word matches half of them, and ranking every match cost 50 to 80 ms on SQLite and 150 to
300 ms on PostgreSQL; its list holds the best thousand. Where the lists cannot rank (a word still
being typed), or hold too few for the page, the index ranks every match: bm25() on SQLite, ts_rank
on PostgreSQL (`_Backend.ranked`). Matches are counted only up to COUNT_LIMIT.

The number of queries is fixed: it never grows with the number of results.
"""

import datetime
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from html import unescape
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from . import tokenizer
from .checker_hooks import checker_name, checker_search_texts, checker_start_url
from .markdown import render_markdown
from .models import MAYBE_HIDDEN, Article, SearchStatistics, SearchTerm, SearchWord, SynonymGroup
from .search_index import COLUMN_WEIGHTS, MAX_LISTED_TERM_LENGTH

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_WORDINGS = 8
PAGE_SIZE = 10
# Matches are counted up to this many; past it the total is shown as "more than".
COUNT_LIMIT = 1000
# How many of the index's best matches are checked for a page, at least.
CANDIDATES = 200
OTHER_LANGUAGE_HITS = 3
SNIPPET_LENGTH = 180
# Shorter words have too many near neighbours to correct safely.
MIN_CORRECTED_LENGTH = 4


@dataclass(frozen=True)
class SearchHit:
    article: Article
    title_html: SafeString
    snippet_html: SafeString

    @property
    def snippet_text(self):
        return unescape(strip_tags(self.snippet_html))


@dataclass(frozen=True)
class CategoryFacet:
    slug: str
    name: str
    # None when the matches were too many to count.
    count: int | None
    selected: bool


@dataclass(frozen=True)
class BestBet:
    """A checker that answers the query, shown above the articles."""

    slug: str
    title: str
    url: str


@dataclass(frozen=True)
class OtherLanguageResults:
    """The best answers in the other language, for a reader who may read it too."""

    language: str
    name: str
    total: int
    hits: list
    url: str
    total_capped: bool = False


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: tuple
    total: int
    hits: list
    page: object
    facets: list
    # The total is COUNT_LIMIT, and there are more.
    total_capped: bool = False
    corrected_query: str | None = None
    best_bets: tuple = ()
    other_language: OtherLanguageResults | None = None

    @property
    def searched(self):
        """What the results are for: the corrected query, or the reader's own."""
        return self.corrected_query or self.query


@dataclass(frozen=True)
class _Query:
    """A query ready for the index: its wordings as index terms, the reader's own first."""

    wordings: tuple
    # The reader's last word, still being typed: matched as the start of a word.
    prefix: str | None
    highlight: re.Pattern
    # The reader's own words, without the synonyms: where a snippet starts if it can.
    own_words: re.Pattern

    @property
    def terms(self):
        return self.wordings[0]


def article_search(*, query, language, category_slug=None, page=1, partial=False, as_typed=False, at=None):
    """Published articles in `language` matching `query`, best first, one page of them.

    Also the checkers that answer the query, and the best answers in the other language. An English
    word that no article contains is corrected unless `as_typed`; `partial` treats the last word as
    still being typed (suggestions), and corrects nothing. Any input is safe: the query is cut to
    MAX_QUERY_LENGTH, control characters are dropped, and a query with no usable term runs no
    database query at all.
    """
    query = clean_query(query)
    normalized = tokenizer.normalize(query)
    if not tokenizer.index_terms(normalized):
        return SearchResults(query=query, terms=(), total=0, hits=[], page=None, facets=[])
    at = at or timezone.now()
    synonyms = _synonym_groups()
    # A word still being typed is not a typo.
    corrected = None if as_typed or partial else _corrected(query, normalized)
    if corrected is not None:
        results = _search(corrected, language, category_slug, page, partial, at, synonyms)
        if results.total or (results.other_language and results.other_language.total):
            return replace(results, query=query, corrected_query=corrected)
    return _search(query, language, category_slug, page, partial, at, synonyms)


def clean_query(query):
    """The query as shown back to the reader: control characters dropped, spaces collapsed, cut short."""
    query = str(query)[: MAX_QUERY_LENGTH * 2]
    # Control, format and unassigned characters (NUL included) become spaces.
    query = "".join(" " if unicodedata.category(char).startswith("C") else char for char in query)
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def _search(query, language, category_slug, page, partial, at, synonyms):
    normalized = tokenizer.normalize(query)
    parsed = _parse(normalized, synonyms.get(language, ()), partial)
    found = _Found.of(parsed, language, at)
    total, capped = found.total, found.capped
    if category_slug:
        total, capped = found.count(category_slug)
    result_page = Paginator(_Ranked(found, category_slug, total), PAGE_SIZE).get_page(page)
    hits = [_hit(article, parsed) for article in result_page]
    return SearchResults(
        query=query,
        terms=parsed.terms,
        total=total,
        total_capped=capped,
        hits=hits,
        page=result_page,
        facets=found.facets(category_slug),
        best_bets=_best_bets(parsed, language),
        other_language=_other_language(query, normalized, language, at, partial, synonyms),
    )


def _other_language(query, normalized, language, at, partial, synonyms):
    other = next((code for code, _ in settings.LANGUAGES if code != language), None)
    if other is None:
        return None
    parsed = _parse(normalized, synonyms.get(other, ()), partial)
    found = _Found.of(parsed, other, at, from_lists=True)
    articles = _Ranked(found, None, found.total)[:OTHER_LANGUAGE_HITS] if found.total else []
    with translation.override(other):
        url = reverse("search") + "?" + urlencode({"q": query})
    return OtherLanguageResults(
        language=other,
        # The label is read on this page, so it is in this page's language.
        name=str(dict(settings.LANGUAGES)[other]),
        total=found.total,
        total_capped=found.capped,
        hits=[_hit(article, parsed) for article in articles],
        url=url,
    )


class _Found:
    """What a query matches among the articles readers may see in one language, counted by category
    up to COUNT_LIMIT: past it, counting would cost as much as reading every match, for a number
    nobody needs exactly."""

    def __init__(self, backend, parsed, any_term, language, at, term_counts, rows, more=False, best=None):
        self.backend, self.parsed, self.any_term, self.language, self.at = backend, parsed, any_term, language, at
        self.match = backend.match(parsed, any_term=any_term, language=language)
        # The lists' best visible matches, (id, category slug, ...), where the counts proved many.
        self.term_counts, self.rows, self.best = term_counts, rows, best
        counted = sum(row[3] for row in rows)
        self.capped = more or counted > COUNT_LIMIT
        self.total = COUNT_LIMIT if self.capped else counted

    @classmethod
    def of(cls, parsed, language, at, *, from_lists=False):
        """The articles with every term of one wording; when none has, those with any term.

        Where the terms' counts alone show that more than COUNT_LIMIT articles readers can see match,
        the first page and the categories come from the lists' best matches, and the index is not
        asked: on PostgreSQL it took 15 ms for words in half the articles. With `from_lists`, the
        lists also answer where they hold every article with the terms, and the index is not asked
        where they show that no article has them: on the other language's side, where the words are
        usually rare or missing, the index would cost a pass over the whole language."""
        backend, term_counts = _backend(), _term_counts(parsed, language)

        def categories(any_term):
            """(rows, the lists' best matches where the counts show more than COUNT_LIMIT, else None)"""
            wordings = _listed_wordings(parsed, term_counts, any_term)
            if wordings:
                if from_lists and all(term_counts[term].complete for wording in wordings for term in wording):
                    return backend.categories(_listed_sql(wordings, term_counts, any_term), language, at), None
                if _at_least(wordings, term_counts) > COUNT_LIMIT + _maybe_hidden(language):
                    # The first page, and the categories (without counts), from the best few hundred.
                    best = backend.best(_listed_sql(wordings, term_counts, any_term, ranked=True), language, at)
                    return _categories_of(best), best
            elif from_lists and wordings is not None:
                return [], None
            matches = backend.found(backend.match(parsed, any_term=any_term, language=language), language)
            return backend.categories(matches, language, at), None

        any_term = False
        rows, best = categories(any_term)
        if not rows and best is None and any(len(wording) > 1 for wording in parsed.wordings):
            any_term = True
            rows, best = categories(any_term)
        return cls(backend, parsed, any_term, language, at, term_counts, rows, best is not None, best)

    def facets(self, category_slug):
        # Past the limit the counts by category are of a sample, so they are not shown.
        return [
            CategoryFacet(slug=slug, name=name, count=None if self.capped else count, selected=slug == category_slug)
            for slug, name, _order, count in self.rows
        ]

    def count(self, category_slug):
        """(total, capped) in one category."""
        if not self.capped:
            return next((row[3] for row in self.rows if row[0] == category_slug), 0), False
        matches = self.backend.found(self.match, self.language)
        counted = self.backend.count(matches, self.language, self.at, category_slug)
        return min(counted, COUNT_LIMIT), counted > COUNT_LIMIT


class _Ranked:
    """One page of the ranked results for Paginator, which learns the total from the counts."""

    def __init__(self, found, category_slug, total):
        self.found, self.category_slug, self.total = found, category_slug, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        found, start = self.found, index.start or 0
        ids = found.backend.ranked(found, self.category_slug, start, min(index.stop, self.total) - start)
        articles = Article.objects.select_related("category").in_bulk(ids)
        # An article deleted since its id was read is left out rather than failing the page.
        return [articles[pk] for pk in ids if pk in articles]


def _synonym_groups():
    """{language: [normalized terms of each group]}, in one query."""
    groups = {}
    for group in SynonymGroup.objects.all():
        terms = [tokenizer.normalize(term) for term in group.term_list()]
        groups.setdefault(group.language, []).append(terms)
    return groups


def _term_pattern(term):
    """A synonym term inside the query: anywhere for Chinese; at a word's start for other words."""
    if tokenizer.CJK_CHAR.match(term):
        return re.compile(re.escape(term))
    return re.compile(rf"\b{re.escape(term)}\w*")


def _wordings(normalized, groups):
    """The query and its other wordings by the synonym groups, the reader's own first."""
    wordings = [normalized]
    for group in groups:
        for wording in list(wordings):
            for term in group:
                pattern = _term_pattern(term)
                if pattern.search(wording):
                    for other in group:
                        new = pattern.sub(lambda match, other=other: other, wording)
                        if new not in wordings:
                            wordings.append(new)
                    break
    return wordings[:MAX_WORDINGS]


def _patterns(wording):
    """Regular expressions for the words of a wording as they appear in article text."""
    patterns = set()
    for is_cjk, run in tokenizer.runs(wording):
        if is_cjk and len(run) > 1:
            patterns.update([re.escape(run), *map(re.escape, tokenizer.bigrams(run))])
        elif not is_cjk and len(run) > 1 and run not in tokenizer.ENGLISH_STOP_WORDS:
            patterns.add(rf"\b{re.escape(run)}")
            patterns.add(rf"\b{re.escape(tokenizer.stem(run))}\w*")
    return patterns


def _alternatives(patterns):
    # Longest first, so "insurance" wins over "in" where both match.
    return re.compile("|".join(sorted(patterns, key=len, reverse=True)), re.IGNORECASE)


def _parse(normalized, groups, partial):
    wordings, patterns = [], set()
    for wording in _wordings(normalized, groups):
        terms = tuple(dict.fromkeys(tokenizer.index_terms(wording)))[:MAX_TERMS]
        if terms and terms not in wordings:
            wordings.append(terms)
        patterns |= _patterns(wording)
    prefix = None
    last = list(tokenizer.runs(normalized))[-1:]
    if partial and last and not last[0][0] and last[0][1].isalpha():
        prefix = tokenizer.stem(last[0][1])
    return _Query(
        wordings=tuple(wordings),
        prefix=prefix,
        highlight=_alternatives(patterns),
        own_words=_alternatives(_patterns(normalized) or patterns),
    )


def _corrected(query, normalized):
    """The query with each English word that no article contains replaced by the nearest word that
    one does (Damerau-Levenshtein distance 1, or 2 for longer words), or None if nothing changes."""
    words = [word for word in dict.fromkeys(tokenizer.words(normalized)) if word.isascii() and word.isalpha()]
    if not words:
        return None
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    unknown = [word for word in words if word not in known and len(word) >= MIN_CORRECTED_LENGTH]
    if not unknown:
        return None
    vocabulary = list(SearchWord.objects.values_list("word", flat=True))
    corrected = query
    for word in unknown:
        limit = 1 if len(word) <= 5 else 2
        match = process.extractOne(word, vocabulary, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
        if match:
            corrected = re.sub(rf"\b{re.escape(word)}\b", match[0], corrected, flags=re.IGNORECASE)
    return corrected if corrected != query else None


@lru_cache(maxsize=1)
def _checker_terms():
    """{slug: [index terms of each text that names the checker]}; the texts never change while running."""
    languages = [code for code, _ in settings.LANGUAGES]
    return {
        slug: [frozenset(tokenizer.index_terms(text)) for text in texts]
        for slug, texts in checker_search_texts(languages).items()
    }


def _names_checker(name, wording, prefix):
    """Every term of the checker's name is in the wording, or begins the word still being typed."""
    return name and all(term in wording or (prefix and term.startswith(prefix)) for term in name)


def _best_bets(parsed, language):
    wordings = [frozenset(wording) for wording in parsed.wordings]
    # Too short a beginning would name every checker.
    prefix = parsed.prefix if parsed.prefix and len(parsed.prefix) >= 3 else None
    bets = []
    for slug, names in _checker_terms().items():
        if any(_names_checker(name, wording, prefix) for name in names for wording in wordings):
            with translation.override(language):
                bets.append(BestBet(slug=str(slug), title=str(checker_name(slug)), url=checker_start_url(slug)))
    return tuple(bets)


def _hit(article, parsed):
    return SearchHit(
        article=article,
        title_html=_highlight(article.title, parsed.highlight),
        snippet_html=_snippet(_plain_text(article.body), parsed),
    )


def _highlight(text, pattern) -> SafeString:
    """The text escaped, with <mark> around each match: article text can never add markup."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def _snippet(text, parsed) -> SafeString:
    """About SNIPPET_LENGTH characters of the text around the first of the reader's words (or of
    their synonyms), highlighted."""
    match = parsed.own_words.search(text) or parsed.highlight.search(text)
    start = max(0, match.start() - SNIPPET_LENGTH // 3) if match else 0
    if start:
        # Start at a word in English; Chinese has no spaces to look for, so it starts where it is.
        space = text.find(" ", start, match.start())
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_LENGTH)
    snippet = _highlight(text[start:end], parsed.highlight)
    return mark_safe(("…" if start else "") + snippet + ("…" if end < len(text) else ""))


# A tag of the sanitised HTML render_markdown gives: well-formed, any ">" inside quoted values.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def _plain_text(markdown_text):
    # A regular expression strips tags many times faster than Django's strip_tags (an HTML parser),
    # and every hit on a page needs its article's whole text.
    return " ".join(unescape(_TAG.sub("", render_markdown(markdown_text))).split())


class _Backend:
    """The SQL both databases share. The index finds (and ranks) first, alone; only then is each found
    article checked against what readers may see, through the covering index of migration 0017, so
    that neither step reads an article's long row. Joins go index first: CROSS JOIN keeps SQLite's
    planner to that order."""

    articles = "faq_article"

    def categories(self, matches, language, at):
        """[(slug, name, order, count)] of the first COUNT_LIMIT + 1 visible `matches` (SQL, parameters)."""
        found, found_params = matches
        visible, visible_params = _visible(language, at)
        order = connection.ops.quote_name("order")
        return self._rows(
            f"SELECT category.slug, category.name, category.{order}, COUNT(*) FROM ("
            f"SELECT faq_article.category_id FROM ({found}) AS hit CROSS JOIN {self.articles} "
            f"WHERE faq_article.id = hit.id AND {visible} LIMIT %s"
            ") AS sample JOIN faq_category AS category ON category.id = sample.category_id "
            f"GROUP BY category.id, category.slug, category.name, category.{order} "
            f"ORDER BY category.{order}, category.name",
            [*found_params, *visible_params, COUNT_LIMIT + 1],
        )

    def best(self, ranked, language, at):
        """[(id, category slug, name, order)] of the first CANDIDATES visible articles of `ranked`."""
        ranked_sql, ranked_params = ranked
        visible, visible_params = _visible(language, at)
        order = connection.ops.quote_name("order")
        return self._rows(
            f"SELECT hit.id, category.slug, category.name, category.{order} FROM ({ranked_sql}) AS hit "
            f"CROSS JOIN {self.articles} JOIN faq_category AS category ON category.id = faq_article.category_id "
            f"WHERE faq_article.id = hit.id AND {visible} ORDER BY hit.rank, hit.id LIMIT %s",
            [*ranked_params, *visible_params, CANDIDATES],
        )

    def count(self, matches, language, at, category_slug):
        """The visible `matches` in one category, up to COUNT_LIMIT + 1."""
        found, found_params = matches
        visible, visible_params = _visible(language, at)
        return self._rows(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM ({found}) AS hit CROSS JOIN {self.articles} "
            f"WHERE faq_article.id = hit.id AND {visible} AND {_IN_CATEGORY} LIMIT %s) AS sample",
            [*found_params, *visible_params, category_slug, COUNT_LIMIT + 1],
        )[0][0]

    def ranked(self, found, category_slug, offset, size):
        """The ids of `size` visible matches of `found` from `offset`, best first.

        The terms' lists rank first (`_listed_sql`); a page past the articles they hold goes on with the
        index's ranking of the other matches, so that pages neither repeat nor skip an article.
        Where the lists cannot rank, the index ranks and cuts to the best few hundred, and only
        those are checked; if too few of them are visible (the rest in a draft, out of their window,
        in another category or language), it ranks every match in the language."""
        if size <= 0:
            return []
        if found.best is not None:
            best = [row[0] for row in found.best if not category_slug or row[1] == category_slug]
            if offset + size <= len(best):
                return best[offset : offset + size]
        match, language = found.match, found.language
        visible, visible_params = _visible(language, found.at)
        in_category, category_params = (f" AND {_IN_CATEGORY}", [category_slug]) if category_slug else ("", [])
        checks = f"faq_article.id = hit.id AND {visible}{in_category}"
        checks_params = [*visible_params, *category_params]

        def page(ranked, ranked_params, limit, offset, size, unlisted="", unlisted_params=()):
            return [row[0] for row in self._rows(
                f"SELECT hit.id FROM ({ranked} LIMIT %s) AS hit CROSS JOIN {self.articles} "
                f"WHERE {checks}{unlisted} ORDER BY hit.rank, hit.id LIMIT %s OFFSET %s",
                [*ranked_params, limit, *checks_params, *unlisted_params, size, offset],
            )]

        wordings = _listed_wordings(found.parsed, found.term_counts, found.any_term)
        if not wordings:
            ids = page(*self.ranked_in_index(match, language, narrow=False), max(CANDIDATES, 2 * (offset + size)),
                       offset, size)
            if len(ids) < size:
                ids = page(*self.ranked_in_index(match, language, narrow=True), self.no_limit, offset, size)
            return ids
        listed = (wordings, found.term_counts, found.any_term)
        ranked, ranked_params = _listed_sql(*listed, ranked=True)
        ids = page(ranked, ranked_params, self.no_limit, offset, size)
        if len(ids) == size:
            return ids
        every, every_params = _listed_sql(*listed, ranked=False)
        shown = offset + len(ids) if ids else self._rows(
            f"SELECT COUNT(*) FROM ({every}) AS hit CROSS JOIN {self.articles} WHERE {checks}",
            [*every_params, *checks_params],
        )[0][0]
        return ids + page(
            *self.ranked_in_index(match, language, narrow=True), self.no_limit, max(0, offset - shown), size - len(ids),
            f" AND faq_article.id NOT IN (SELECT id FROM ({every}) AS listed)", every_params,
        )

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


_BM25_WEIGHTS = ", ".join(f"{weight:.1f}" for weight in COLUMN_WEIGHTS)


class _SQLiteBackend(_Backend):
    """FTS5 (migrations 0012, 0017): bm25 with the columns weighted 10 (title), 5 (question), 1 (body);
    the fourth column, the language, only narrows."""

    articles = "faq_article INDEXED BY faq_article_search_filter"
    no_limit = -1

    def match(self, parsed, any_term, language):
        def term(text):
            # Terms are letters and digits only; quoted, no term is read as FTS5 syntax.
            return f'"{text}"*' if text == parsed.prefix else f'"{text}"'

        return "{title question body}: (" + _expression(parsed, any_term, term, " AND ", " OR ") + ")"

    def found(self, match, language):
        return "SELECT rowid AS id FROM faq_search WHERE faq_search MATCH %s", [self._in_language(match, language)]

    def ranked_in_index(self, match, language, narrow):
        # The language costs bm25 a pass over every article of it: only when the first try failed.
        return (
            f"SELECT rowid AS id, bm25(faq_search, {_BM25_WEIGHTS}, 0.0) AS rank FROM faq_search "
            "WHERE faq_search MATCH %s ORDER BY rank",
            [self._in_language(match, language) if narrow else match],
        )

    def _in_language(self, match, language):
        return f'{{language}}: "{language}" AND {match}'


class _PostgresBackend(_Backend):
    """The stored tsvector (migrations 0012, 0017): ts_rank with weights A (title), B (question),
    C (body); the language's lexeme only narrows."""

    no_limit = None  # LIMIT NULL: no limit

    def match(self, parsed, any_term, language):
        def term(text):
            return f"'{text}':*" if text == parsed.prefix else f"'{text}'"

        return _expression(parsed, any_term, term, " & ", " | ")

    def found(self, match, language):
        return f"SELECT article_id AS id FROM faq_searchdocument WHERE vector @@ {self._narrowed}", [
            match, self._language(language)
        ]

    def ranked_in_index(self, match, language, narrow):
        # Negated, so that the best comes first in ascending order, as bm25 does.
        return (
            "SELECT article_id AS id, -ts_rank(vector, to_tsquery('simple', %s)) AS rank FROM faq_searchdocument "
            f"WHERE vector @@ {self._narrowed} ORDER BY rank",
            [match, match, self._language(language)],
        )

    # A subquery, so that the planner cannot see the terms and assumes few matches: seeing that a
    # common word matches half the rows, it reads every row's vector instead of the GIN index.
    _narrowed = "(SELECT to_tsquery('simple', %s) && %s::tsquery)"

    def _language(self, language):
        """The language's lexeme (migration 0017), as a tsquery."""
        return f"'@{language}'"


_IN_CATEGORY = "faq_article.category_id IN (SELECT id FROM faq_category WHERE slug = %s)"


def _visible(language, at):
    """SQL and parameters of the articles readers may see in `language` at `at`:
    Article.objects.published(), the one definition, compiled."""
    sql, params, sentinel = _visible_compiled(connection.vendor, language)
    at = _moment(at)
    return sql, [at if param == sentinel else param for param in params]


# Compiling the queryset took 2 ms, twice a search; the SQL depends only on the language, so it is
# compiled once with a moment no search asks for, which each search then replaces with its own.
_SENTINEL_MOMENT = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


@lru_cache(maxsize=8)
def _visible_compiled(vendor, language):
    query = Article.objects.published(at=_SENTINEL_MOMENT).filter(language=language).query
    sql, params = query.where.as_sql(query.get_compiler(connection=connection), connection)
    return sql, tuple(params), _moment(_SENTINEL_MOMENT)


def _moment(at):
    """`at` as the database driver takes it for the window's fields."""
    return Article._meta.get_field("publish_at").get_db_prep_value(at, connection)


def _all_terms(parsed):
    return list(dict.fromkeys(term for wording in parsed.wordings for term in wording))


@dataclass(frozen=True)
class _TermCount:
    id: int
    # Articles in the language with the term, and in all.
    documents: int
    articles: int
    # Every article with the term is in its list.
    complete: bool


def _term_counts(parsed, language):
    """{term: _TermCount} of the query's terms that some article in `language` has, from the terms'
    lists (faq/search_index.py)."""
    wanted = [term for term in _all_terms(parsed) if len(term) <= MAX_LISTED_TERM_LENGTH]
    if not wanted:
        return {}
    articles = SearchStatistics.objects.filter(language=language).values("articles")[:1]
    terms = SearchTerm.objects.filter(language=language, term__in=wanted, documents__gt=0)
    return {
        term: _TermCount(term_id, documents, count, floor is None)
        for term, term_id, documents, count, floor in terms.annotate(articles=Subquery(articles)).values_list(
            "term", "id", "documents", "articles", "floor"
        )
    }


def _listed_wordings(parsed, term_counts, any_term):
    """The wordings (each term alone, with `any_term`) whose every term is listed; None where the lists
    cannot answer the query: a word still being typed, or a term too long to be listed."""
    terms = _all_terms(parsed)
    if parsed.prefix or any(len(term) > MAX_LISTED_TERM_LENGTH for term in terms):
        return None
    wordings = [[term] for term in terms] if any_term else parsed.wordings
    return [wording for wording in wordings if all(term in term_counts for term in wording)]


def _categories_of(best):
    """[(slug, name, order, count)] of the rows of `_Backend.best`, as `_Backend.categories` gives them."""
    counts = Counter((slug, name, order) for _id, slug, name, order in best)
    return [(*category, count) for category, count in sorted(counts.items(), key=lambda item: (item[0][2], item[0][1]))]


def _at_least(wordings, term_counts):
    """How many articles have every term of one wording, at least, by the terms' counts alone: a
    wording's terms are in all of their articles but those each term misses, at most."""
    return max(
        sum(term_counts[term].documents for term in wording) - (len(wording) - 1) * term_counts[wording[0]].articles
        for wording in wordings
    )


def _maybe_hidden(language):
    """How many articles in `language` readers may not see, at most (through their own index)."""
    return Article.objects.filter(MAYBE_HIDDEN, language=language).count()


def _listed_sql(wordings, term_counts, any_term, ranked=False):
    """SQL and parameters of the articles listed under every term of one wording (under any term, with
    `any_term`): for a common word, its best; with `ranked`, best first, each term's score in the article
    times the term's rarity, summed, as bm25() does."""
    ids = {term: term_counts[term].id for wording in wordings for term in wording}
    select, select_params = "article_id AS id", []
    if ranked:
        weights = []
        for term, term_id in ids.items():
            count = term_counts[term]
            weights.append("WHEN %s THEN %s")
            select_params += [term_id, math.log(1 + (count.articles - count.documents + 0.5) / (count.documents + 0.5))]
        select += f", -SUM(score * CASE term_id {' '.join(weights)} END) AS rank"
    having, having_params = "", []
    if not any_term:
        having = "HAVING " + " OR ".join(
            f"SUM(CASE WHEN term_id IN ({', '.join(['%s'] * len(wording))}) THEN 1 ELSE 0 END) = %s"
            for wording in wordings
        )
        for wording in wordings:
            having_params += [*(ids[term] for term in wording), len(wording)]
    return (
        f"SELECT {select} FROM faq_searchposting WHERE term_id IN ({', '.join(['%s'] * len(ids))}) "
        f"GROUP BY article_id {having}" + (" ORDER BY rank, id" if ranked else ""),
        [*select_params, *ids.values(), *having_params],
    )


def _expression(parsed, any_term, term, all_of, any_of):
    """Any wording with all its terms; or, with `any_term`, any term of any wording."""
    if any_term:
        return any_of.join(term(text) for text in dict.fromkeys(t for wording in parsed.wordings for t in wording))
    return any_of.join("(" + all_of.join(map(term, wording)) + ")" for wording in parsed.wordings)


def _backend():
    return _PostgresBackend() if connection.vendor == "postgresql" else _SQLiteBackend()
