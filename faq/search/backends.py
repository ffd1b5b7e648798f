"""The SQL of each database: FTS5 and bm25 on SQLite, the stored tsvector and ts_rank on PostgreSQL."""

import datetime
from functools import lru_cache

from django.db import connection

from ..models import Article
from ..search_index import COLUMN_WEIGHTS
from .lists import listed_sql, listed_wordings

# How many of the index's best matches are checked for a page, at least.
CANDIDATES = 200


class Backend:
    """The SQL both databases share. The index finds (and ranks) first, alone; only then is each found
    article checked against what readers may see, through the covering index of migration 0017, so
    that neither step reads an article's long row. Joins go index first: CROSS JOIN keeps SQLite's
    planner to that order."""

    articles = "faq_article"

    def categories(self, matches, language, at, limit):
        """[(slug, name, order, count)] of the first `limit` visible `matches` (SQL, parameters)."""
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
            [*found_params, *visible_params, limit],
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

    def count(self, matches, language, at, category_slug, limit):
        """The visible `matches` in one category, up to `limit`."""
        found, found_params = matches
        visible, visible_params = _visible(language, at)
        return self._rows(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM ({found}) AS hit CROSS JOIN {self.articles} "
            f"WHERE faq_article.id = hit.id AND {visible} AND {_IN_CATEGORY} LIMIT %s) AS sample",
            [*found_params, *visible_params, category_slug, limit],
        )[0][0]

    def ranked(self, found, category_slug, offset, size):
        """The ids of `size` visible matches of `found` from `offset`, best first.

        The terms' lists rank first (`listed_sql`); a page past the articles they hold goes on with the
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

        wordings = listed_wordings(found.parsed, found.term_counts, found.any_term)
        if not wordings:
            ids = page(*self.ranked_in_index(match, language, narrow=False), max(CANDIDATES, 2 * (offset + size)),
                       offset, size)
            if len(ids) < size:
                ids = page(*self.ranked_in_index(match, language, narrow=True), self.no_limit, offset, size)
            return ids
        listed = (wordings, found.term_counts, found.any_term)
        ranked, ranked_params = listed_sql(*listed, ranked=True)
        ids = page(ranked, ranked_params, self.no_limit, offset, size)
        if len(ids) == size:
            return ids
        every, every_params = listed_sql(*listed, ranked=False)
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


class SQLiteBackend(Backend):
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


class PostgresBackend(Backend):
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


def _expression(parsed, any_term, term, all_of, any_of):
    """Any wording with all its terms; or, with `any_term`, any term of any wording."""
    if any_term:
        return any_of.join(term(text) for text in dict.fromkeys(t for wording in parsed.wordings for t in wording))
    return any_of.join("(" + all_of.join(map(term, wording)) + ")" for wording in parsed.wordings)


def database_backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
