"""Reads the checkers need from the database."""

from faq.models import Article

from .models import RegionalPeriod
from .rules.parameters import NATIONAL, NATIONAL_WAITING, Parameters


def region_choices():
    """(code, name) for every region with rows, named as its latest row names it."""
    names = {}
    for code, name in RegionalPeriod.objects.order_by("region_code", "-effective_from_year").values_list(
        "region_code", "region_name"
    ):
        names.setdefault(code, name)
    return sorted(names.items(), key=lambda item: item[1])


def parameters_for(region_code):
    """The national parameters, or a region's own periods with the national waiting period."""
    if not region_code:
        return NATIONAL
    rows = RegionalPeriod.objects.filter(region_code=region_code)
    return Parameters(
        periods=tuple(row.as_period_row() for row in rows), waiting=NATIONAL_WAITING, region_code=region_code
    )


def related_articles(checker_slug):
    return Article.objects.published().filter(checker=checker_slug).select_related("category")
