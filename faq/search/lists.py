"""The terms' lists (faq/search_index.py): each term's counts and best articles, read for a query
without asking the index."""

import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import Subquery

from ..models import MAYBE_HIDDEN, Article, SearchStatistics, SearchTerm
from ..search_index import MAX_LISTED_TERM_LENGTH


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


def term_counts_of(parsed, language):
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


def listed_wordings(parsed, term_counts, any_term):
    """The wordings (each term alone, with `any_term`) whose every term is listed; None where the lists
    cannot answer the query: a word still being typed, or a term too long to be listed."""
    terms = _all_terms(parsed)
    if parsed.prefix or any(len(term) > MAX_LISTED_TERM_LENGTH for term in terms):
        return None
    wordings = [[term] for term in terms] if any_term else parsed.wordings
    return [wording for wording in wordings if all(term in term_counts for term in wording)]


def categories_of(best):
    """[(slug, name, order, count)] of the rows of `Backend.best`, as `Backend.categories` gives them."""
    counts = Counter((slug, name, order) for _id, slug, name, order in best)
    return [(*category, count) for category, count in sorted(counts.items(), key=lambda item: (item[0][2], item[0][1]))]


def at_least(wordings, term_counts):
    """How many articles have every term of one wording, at least, by the terms' counts alone: a
    wording's terms are in all of their articles but those each term misses, at most."""
    return max(
        sum(term_counts[term].documents for term in wording) - (len(wording) - 1) * term_counts[wording[0]].articles
        for wording in wordings
    )


def maybe_hidden(language):
    """How many articles in `language` readers may not see, at most (through their own index)."""
    return Article.objects.filter(MAYBE_HIDDEN, language=language).count()


def listed_sql(wordings, term_counts, any_term, ranked=False):
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
