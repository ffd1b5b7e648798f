"""The search index's tables (written only by faq/search_index.py) and the editors' synonym groups."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import CleanTextModel

from .articles import Article


class SearchDocument(models.Model):
    """An article as the search index sees it: its text as index terms (faq/tokenizer.py).

    The database indexes these columns: an FTS5 table kept in step by triggers on SQLite, a stored,
    GIN-indexed tsvector column on PostgreSQL (migration 0012). Only faq/search_index.py writes here.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document",
    )
    title = models.TextField()
    question = models.TextField()
    body = models.TextField()
    # The article's language, so that the index itself narrows a search to one language.
    language = models.CharField(max_length=10)

    def __str__(self):
        return str(self.article_id)


class SearchStatistics(models.Model):
    """The indexed articles of one language and their length in index terms, kept by faq/search_index.py:
    the average length a term's score is measured against, and the count its rarity is measured in."""

    language = models.CharField(max_length=10, unique=True)
    articles = models.PositiveIntegerField(default=0)
    length = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return self.language

    @property
    def average_length(self):
        return self.length / self.articles if self.articles else 0


class SearchTerm(models.Model):
    """An index term of one language: how many articles have it, and the best of them by score.

    Its SearchPosting rows list every article that has it or, once it is common, only those scoring
    at least `floor`: readers see the first pages of a common word without every match being ranked
    (faq/search/). Only faq/search_index.py writes here.
    """

    language = models.CharField(max_length=10)
    term = models.TextField()
    documents = models.PositiveIntegerField(default=0)
    # None while every article with the term is listed.
    floor = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="faq_searchterm_language_term")]

    def __str__(self):
        return f"{self.term} ({self.language})"


class SearchPosting(models.Model):
    """One article listed under a term, with the term's score in it (BM25 without the rarity)."""

    # Derived rows, written only by faq/search_index.py and replaced whole by a rebuild, so without the
    # database's checks: at commit, PostgreSQL's checks of a rebuild's 1.9 million rows took 8 s. The one
    # index is by term, which a rebuild writes in order; a second, by article, written out of order,
    # doubled its time. An article's rows are found by its terms and deleted with its index row
    # (faq/signals.py); a row left behind by a bypass names no article a search can join, and the
    # next rebuild drops it.
    term = models.ForeignKey(
        SearchTerm, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    article = models.ForeignKey(
        Article, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    score = models.FloatField()

    class Meta:
        # Covering: a search reads its terms' lists from the index alone.
        indexes = [models.Index(fields=["term", "article", "score"], name="faq_searchposting_term")]

    def __str__(self):
        return f"{self.term_id}: {self.article_id}"


class SearchWord(models.Model):
    """A word some article contains, as written: the vocabulary typos are corrected to."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.word


class SynonymGroup(CleanTextModel):
    """Terms readers use for the same thing: a search for one also finds the others."""

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, db_index=True,
        help_text=_("The language of the articles these terms find."),
    )
    terms = models.TextField(
        _("terms"),
        help_text=_("Two or more terms that mean the same, separated by commas, e.g. “退费, 退款, 退保” or "
                    "“refund, reimbursement, money back”. A term also matches inside longer words: "
                    "with “缴, 交”, a search for 交费 finds 缴费."),
    )

    class Meta:
        ordering = ["language", "terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self):
        return " = ".join(self.term_list())

    def term_list(self):
        """The terms as written, in order, without blanks and repeats."""
        terms = []
        for term in re.split(r"[,，、\n]", self.terms):
            term = " ".join(term.split())
            if term and term.casefold() not in (known.casefold() for known in terms):
                terms.append(term)
        return terms

    def clean(self):
        super().clean()
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two different terms, separated by commas.")})
        self.terms = ", ".join(self.term_list())
