"""The reader's query read for the index: cleaned, its other wordings by the synonym groups, its
English words corrected to words some article has."""

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from serving.per_version import kept_per_version

from .. import tokenizer
from ..models import SearchWord, SynonymGroup

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_WORDINGS = 8


# Shorter words have too many near neighbours to correct safely.
MIN_CORRECTED_LENGTH = 4


@dataclass(frozen=True)
class Query:
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


def clean_query(query):
    """The query as shown back to the reader: control characters dropped, spaces collapsed, cut short."""
    query = str(query)[: MAX_QUERY_LENGTH * 2]
    # Control, format and unassigned characters (NUL included) become spaces.
    query = "".join(" " if unicodedata.category(char).startswith("C") else char for char in query)
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


@kept_per_version
def synonym_groups():
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


def parse(normalized, groups, partial):
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
    return Query(
        wordings=tuple(wordings),
        prefix=prefix,
        highlight=_alternatives(patterns),
        own_words=_alternatives(_patterns(normalized) or patterns),
    )


def spelling_corrected(query, normalized):
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
