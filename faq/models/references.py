"""Legal references and the lists an article carries: the laws it rests on, the checkers it offers, related articles."""


from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import CleanTextModel
from serving.links import LinkField

from ..checker_hooks import checker_choices, checker_name
from .articles import Article


class LegalReference(CleanTextModel):
    law_name = models.CharField(
        _("law"), max_length=255,
        help_text=_("The full name of the law, regulation or notice, e.g. “Social Insurance Law of the PRC”."),
    )
    article_number = models.CharField(
        _("article"), max_length=100,
        help_text=_("The article as the law numbers it, e.g. “Article 27” or “第二十七条”."),
    )
    text = models.TextField(
        _("text"),
        help_text=_("The article's text as published, shown to readers under the law's name."),
    )
    url = LinkField(
        _("URL"), blank=True, max_length=500,
        help_text=_("Optional link to the official text."),
    )
    checker = models.CharField(
        _("checker"), max_length=40, choices=checker_choices, blank=True,
        help_text=_("Optional: a checker that applies this article of the law to the reader's own case. It is "
                    "linked under the text on every article that cites it."),
    )

    class Meta:
        ordering = ["law_name", "article_number"]
        verbose_name = _("legal reference")
        verbose_name_plural = _("legal references")
        constraints = [
            models.UniqueConstraint(fields=["law_name", "article_number"], name="faq_legalreference_unique_article"),
        ]

    def __str__(self):
        return f"{self.law_name}, {self.article_number}"

    def get_checker_display(self):
        # Django's would list the callable choices again on every call.
        return checker_name(self.checker)


class ArticleListItem(CleanTextModel):
    """A row of one of an article's ordered lists: its legal basis, its checkers, its related articles."""

    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Shown smallest first."),
    )

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class ArticleLegalReference(ArticleListItem):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="legal_reference_links", verbose_name=_("article"),
    )
    legal_reference = models.ForeignKey(
        LegalReference, on_delete=models.PROTECT, related_name="article_links", verbose_name=_("legal reference"),
        help_text=_("Type to search by law or article number."),
    )
    heading = models.CharField(
        _("heading"), max_length=200, blank=True,
        help_text=_("The point of the answer this reference supports, e.g. “After retirement”. Consecutive rows "
                    "with the same heading are shown under it."),
    )

    class Meta(ArticleListItem.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal basis")
        constraints = [
            models.UniqueConstraint(fields=["article", "legal_reference"], name="faq_articlelegalreference_unique"),
        ]

    def __str__(self):
        return str(self.legal_reference)


class ArticleChecker(ArticleListItem):
    """A checker offered under the article ("Check your case"); an article may offer several, in order."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="checker_links", verbose_name=_("article"),
    )
    checker = models.CharField(
        _("checker"), max_length=40, choices=checker_choices,
        help_text=_("An interactive checker offered to readers under the answer (“Check your case”)."),
    )

    class Meta(ArticleListItem.Meta):
        verbose_name = _("checker offered")
        verbose_name_plural = _("checkers offered")
        constraints = [
            models.UniqueConstraint(fields=["article", "checker"], name="faq_articlechecker_unique"),
        ]

    def __str__(self):
        return self.get_checker_display()

    def get_checker_display(self):
        # Django's would list the callable choices again on every call.
        return checker_name(self.checker)


class RelatedArticle(ArticleListItem):
    """A related-article link, kept by title so links can wait for articles not written yet."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links", verbose_name=_("article"),
    )
    title = models.CharField(
        _("title"), max_length=255,
        help_text=_("The related article's exact title. If no article has it yet, the link waits for one."),
    )
    target = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("links to"),
        help_text=_("Filled in automatically when an article with this title exists; you may also pick one."),
    )

    class Meta(ArticleListItem.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "title"], name="faq_relatedarticle_unique_title"),
        ]

    def __str__(self):
        return self.title


class WaitingRelatedTitle(RelatedArticle):
    """Related titles that match no article yet: the editors' to-write list."""

    class Meta:
        proxy = True
        verbose_name = _("related title still waiting for an article")
        verbose_name_plural = _("related titles still waiting for an article")
