"""Reads the checkers need from the database."""

from django.utils.translation import get_language

from faq.models import Article
from serving.per_version import kept_per_version

from .models import RegionalPeriod, RequiredYearsRule
from .rules.parameters import NATIONAL, NATIONAL_WAITING, ParameterError, Parameters
from .rules.retirement import NO_REGION, RequiredYears


@kept_per_version
def region_choices(model=RegionalPeriod):
    """(code, name) for every region with rows of `model`, named as its latest row names it in the reader's language."""
    first_field = model.span_fields[0]
    names = {}
    for row in model.objects.order_by("region_code", f"-{first_field}").only(
        "region_code", "region_name", "region_name_zh"
    ):
        names.setdefault(row.region_code, row.in_reader_language("region_name"))
    return sorted(names.items(), key=lambda item: item[1])


@kept_per_version
def regions_counting_local_years():
    """Codes of the regions with a row that sets a minimum of years paid in the region (EMP-2)."""
    return set(
        RequiredYearsRule.objects.filter(min_local_years__isnull=False).values_list("region_code", flat=True)
    )


@kept_per_version
def parameters_for(region_code):
    """The national parameters, or a region's own periods with the national waiting period."""
    if not region_code:
        return NATIONAL
    rows = RegionalPeriod.objects.filter(region_code=region_code)
    return Parameters(
        periods=tuple(row.as_period_row() for row in rows), waiting=NATIONAL_WAITING, region_code=region_code
    )


def years_without_rules(years):
    """[(region name, the coverage years among `years` without reviewed rules)]: first the national rules
    (named "": the usual periods and the waiting period, kept in code), then each region's own periods."""
    gaps = [("", [year for year in years if not _covers(year, NATIONAL.period_row, NATIONAL.waiting_row)])]
    for code, name in region_choices():
        parameters = parameters_for(code)
        gaps.append((name, [year for year in years if not _covers(year, parameters.period_row)]))
    return [(name, missing) for name, missing in gaps if missing]


def _covers(year, *lookups):
    """Whether each row lookup finds one row for `year`."""
    try:
        for lookup in lookups:
            lookup(year)
    except ParameterError:
        return False
    return True


@kept_per_version
def required_years_for(region_code):
    """A region's required-years rows; no region: none, and the checker sends the reader to the local office."""
    if not region_code:
        return NO_REGION
    rows = list(RequiredYearsRule.objects.filter(region_code=region_code))
    return RequiredYears(
        rows=tuple(row.as_required_years_row() for row in rows),
        region_code=region_code,
        region_name=rows[0].in_reader_language("region_name") if rows else region_code,
    )


@kept_per_version
def region_office(model, region_code):
    """The region's own office page, from its newest row that names one: {"url", "region"}, or None.

    The newest, not the row an answer read: readers contact the office as it is today, whatever year they ask about.
    """
    if model is None or not region_code:
        return None
    first_field = model.span_fields[0]
    row = model.objects.filter(region_code=region_code).exclude(office_url="").order_by(f"-{first_field}").first()
    if row is None:
        return None
    return {"url": row.office_url, "region": row.in_reader_language("region_name")}


@kept_per_version
def related_articles(checker_slug, language=None):
    """Published articles offering the checker, one version of each: the reader's language where it has one.

    An article with no version in the reader's language is still offered, after the others, in its own
    language (the page marks it), so no reader is left without the explanation behind an answer.
    """
    language = language or get_language()
    chosen = {}
    for article in Article.objects.published().filter(checker_links__checker=checker_slug).select_related("category"):
        original = article.translation_of_id or article.pk
        if original not in chosen or article.language == language:
            chosen[original] = article
    return sorted(chosen.values(), key=lambda article: (article.language != language, article.title))
