"""What a search shows: its results, each hit's highlighted title and snippet, and the checkers that
answer the query."""

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from django.conf import settings
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .. import tokenizer
from ..checker_hooks import checker_name, checker_search_texts, checker_start_url
from ..markdown import render_markdown
from ..models import Article

SNIPPET_LENGTH = 180


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


def best_bets(parsed, language):
    wordings = [frozenset(wording) for wording in parsed.wordings]
    # Too short a beginning would name every checker.
    prefix = parsed.prefix if parsed.prefix and len(parsed.prefix) >= 3 else None
    bets = []
    for slug, names in _checker_terms().items():
        if any(_names_checker(name, wording, prefix) for name in names for wording in wordings):
            with translation.override(language):
                bets.append(BestBet(slug=str(slug), title=str(checker_name(slug)), url=checker_start_url(slug)))
    return tuple(bets)


def hit(article, parsed):
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
