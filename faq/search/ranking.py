"""What a query matches among the articles readers may see, counted up to COUNT_LIMIT, and its pages
best first."""



from ..models import Article
from .backends import database_backend
from .lists import at_least, categories_of, listed_sql, listed_wordings, maybe_hidden, term_counts_of
from .presenting import CategoryFacet

# Matches are counted up to this many; past it the total is shown as "more than".
COUNT_LIMIT = 1000


class Found:
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
        backend, term_counts = database_backend(), term_counts_of(parsed, language)

        def categories(any_term):
            """(rows, the lists' best matches where the counts show more than COUNT_LIMIT, else None)"""
            wordings = listed_wordings(parsed, term_counts, any_term)
            if wordings:
                if from_lists and all(term_counts[term].complete for wording in wordings for term in wording):
                    listed = listed_sql(wordings, term_counts, any_term)
                    return backend.categories(listed, language, at, COUNT_LIMIT + 1), None
                if at_least(wordings, term_counts) > COUNT_LIMIT + maybe_hidden(language):
                    # The first page, and the categories (without counts), from the best few hundred.
                    best = backend.best(listed_sql(wordings, term_counts, any_term, ranked=True), language, at)
                    return categories_of(best), best
            elif from_lists and wordings is not None:
                return [], None
            matches = backend.found(backend.match(parsed, any_term=any_term, language=language), language)
            return backend.categories(matches, language, at, COUNT_LIMIT + 1), None

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
        counted = self.backend.count(matches, self.language, self.at, category_slug, COUNT_LIMIT + 1)
        return min(counted, COUNT_LIMIT), counted > COUNT_LIMIT


class Ranked:
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
