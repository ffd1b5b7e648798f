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
on PostgreSQL (`Backend.ranked`). Matches are counted only up to COUNT_LIMIT.

The package by job: parsing.py reads the query, backends.py and ranking.py find and rank (the SQL of
each database), lists.py reads the terms' lists, presenting.py shapes what the page shows.

The number of queries is fixed: it never grows with the number of results.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone, translation

from .. import tokenizer
from .parsing import MAX_QUERY_LENGTH, clean_query, parse, spelling_corrected, synonym_groups
from .presenting import OtherLanguageResults, SearchResults, best_bets, hit
from .ranking import Found, Ranked

__all__ = ["MAX_QUERY_LENGTH", "PAGE_SIZE", "SearchResults", "article_search", "clean_query"]

PAGE_SIZE = 10
OTHER_LANGUAGE_HITS = 3


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
    synonyms = synonym_groups()
    # A word still being typed is not a typo.
    corrected = None if as_typed or partial else spelling_corrected(query, normalized)
    if corrected is not None:
        results = _search(corrected, language, category_slug, page, partial, at, synonyms)
        if results.total or (results.other_language and results.other_language.total):
            return replace(results, query=query, corrected_query=corrected)
    return _search(query, language, category_slug, page, partial, at, synonyms)


def _search(query, language, category_slug, page, partial, at, synonyms):
    normalized = tokenizer.normalize(query)
    parsed = parse(normalized, synonyms.get(language, ()), partial)
    found = Found.of(parsed, language, at)
    total, capped = found.total, found.capped
    if category_slug:
        total, capped = found.count(category_slug)
    result_page = Paginator(Ranked(found, category_slug, total), PAGE_SIZE).get_page(page)
    hits = [hit(article, parsed) for article in result_page]
    return SearchResults(
        query=query,
        terms=parsed.terms,
        total=total,
        total_capped=capped,
        hits=hits,
        page=result_page,
        facets=found.facets(category_slug),
        best_bets=best_bets(parsed, language),
        other_language=_other_language(query, normalized, language, at, partial, synonyms),
    )


def _other_language(query, normalized, language, at, partial, synonyms):
    other = next((code for code, _ in settings.LANGUAGES if code != language), None)
    if other is None:
        return None
    parsed = parse(normalized, synonyms.get(other, ()), partial)
    found = Found.of(parsed, other, at, from_lists=True)
    articles = Ranked(found, None, found.total)[:OTHER_LANGUAGE_HITS] if found.total else []
    with translation.override(other):
        url = reverse("search") + "?" + urlencode({"q": query})
    return OtherLanguageResults(
        language=other,
        # The label is read on this page, so it is in this page's language.
        name=str(dict(settings.LANGUAGES)[other]),
        total=found.total,
        total_capped=found.capped,
        hits=[hit(article, parsed) for article in articles],
        url=url,
    )
