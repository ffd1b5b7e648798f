"""Words for the retirement checker."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..rules.decision import Outcome
from ..rules.retirement import LocalYearsNeeded, RetirementCategory, RetirementReason
from .base import age_text, formatted, month_text, render

INTRO = _(
    "Find out when you reach the new retirement age, and whether you stop paying employee medical "
    "insurance then or must first pay up to the years your region requires."
)

NEEDS = [
    _("your birth month, and your old retirement age (60, 55 or 50)"),
    _("how many years of employee medical insurance you have, including deemed years"),
    _("your region, and how many of your years were paid there"),
]

CATEGORY_LABELS = {
    RetirementCategory.MALE_60: _("Man (old retirement age 60)"),
    RetirementCategory.FEMALE_55: _("Woman with old retirement age 55 (usually managerial or professional posts)"),
    RetirementCategory.FEMALE_50: _("Woman with old retirement age 50 (usually worker posts)"),
}

OUTCOME_TITLES = {
    Outcome.NO_MORE_PREMIUMS: _("No more premiums after you retire"),
    Outcome.PAY_UP_TO_REQUIRED_YEARS: _("Pay up to the required years"),
    Outcome.CHECK_LOCALLY: _("Ask your local office for the years you need"),
}

def _retired(values):
    """Whether the retirement month has begun by the answer's date: the words then say it in the past."""
    year, month = values["retirement_month"].split("-")
    return date(int(year), int(month), 1) <= values["as_of"]


def _by_retirement(past, future):
    def words(values):
        return render(past if _retired(values) else future, values)

    return words


def _count(years):
    """The number ngettext chooses a plural by, for years written as "1" or "18.5"."""
    return 1 if Decimal(years) == 1 else 2


def _no_more_premiums(values):
    if _retired(values):
        text = ngettext(
            "No: your %(years_paid)s year meets what %(region_name)s requires, so you have paid no more since you "
            "retired in %(retirement_month)s.",
            "No: your %(years_paid)s years meet what %(region_name)s requires, so you have paid no more since you "
            "retired in %(retirement_month)s.",
            _count(values["years_paid"]),
        )
    else:
        text = ngettext(
            "No: your %(years_paid)s year meets what %(region_name)s requires, so you stop paying when you retire "
            "in %(retirement_month)s.",
            "No: your %(years_paid)s years meet what %(region_name)s requires, so you stop paying when you retire "
            "in %(retirement_month)s.",
            _count(values["years_paid"]),
        )
    return text % formatted(values)


def _pay_up(values):
    if _retired(values):
        text = ngettext(
            "Yes, for a while: you retired in %(retirement_month)s %(shortfall_years)s year short of what "
            "%(region_name)s requires, and may pay it; after that you pay no more.",
            "Yes, for a while: you retired in %(retirement_month)s %(shortfall_years)s years short of what "
            "%(region_name)s requires, and may pay them; after that you pay no more.",
            _count(values["shortfall_years"]),
        )
    else:
        text = ngettext(
            "Yes, for a while: you are %(shortfall_years)s year short of what %(region_name)s requires, and may pay "
            "it when you retire in %(retirement_month)s; after that you pay no more.",
            "Yes, for a while: you are %(shortfall_years)s years short of what %(region_name)s requires, and may pay "
            "them when you retire in %(retirement_month)s; after that you pay no more.",
            _count(values["shortfall_years"]),
        )
    return text % formatted(values)


OUTCOME_SUMMARIES = {
    Outcome.NO_MORE_PREMIUMS: _no_more_premiums,
    Outcome.PAY_UP_TO_REQUIRED_YEARS: _pay_up,
    Outcome.CHECK_LOCALLY: _by_retirement(
        _("It depends on your region: you retired in %(retirement_month)s, and the years you needed before you "
          "stopped paying are set locally, so ask your local medical insurance office."),
        _("It depends on your region: you retire in %(retirement_month)s, and the years you need before you stop "
          "paying are set locally, so ask your local medical insurance office."),
    ),
}

NEXT_STEPS = {
    Outcome.NO_MORE_PREMIUMS: [
        _("Before you retire, ask your medical insurance office to confirm your years, deemed years included."),
        _("Keep your employee medical insurance until you retire, so no gap breaks the count."),
    ],
    Outcome.PAY_UP_TO_REQUIRED_YEARS: [
        _("Ask the medical insurance office where you will draw benefits how to pay the missing years: "
          "in one payment or month by month, and at what rate."),
        _("If you paid in other regions, ask for those years to be transferred: they may count."),
    ],
    Outcome.CHECK_LOCALLY: [
        _("Ask the medical insurance office where you will draw benefits how many years it requires, and whether "
          "deemed years and years paid elsewhere count."),
        _("Bring your contribution record: your medical insurance app or the service counter can print it."),
    ],
}


def _retirement_unchanged(params):
    return _(
        "You reached the old retirement age in %(retirement_month)s, before the reform began in January 2025, "
        "so your retirement age stays %(age)s."
    ) % {**formatted(params), "age": age_text(params["years"], params["months"])}


def _retirement_raised(params):
    if _retired(params):
        text = ngettext(
            "Under the 2025 reform, your old retirement month, %(original_month)s, moved %(delay_months)s month "
            "later: you retired in %(retirement_month)s, at %(age)s.",
            "Under the 2025 reform, your old retirement month, %(original_month)s, moved %(delay_months)s months "
            "later: you retired in %(retirement_month)s, at %(age)s.",
            params["delay_months"],
        )
    else:
        text = ngettext(
            "Under the 2025 reform, your old retirement month, %(original_month)s, moves %(delay_months)s month "
            "later: you retire in %(retirement_month)s, at %(age)s.",
            "Under the 2025 reform, your old retirement month, %(original_month)s, moves %(delay_months)s months "
            "later: you retire in %(retirement_month)s, at %(age)s.",
            params["delay_months"],
        )
    return text % {**formatted(params), "age": age_text(params["years"], params["months"])}


REASONS = {
    RetirementReason.RETIREMENT_RAISED: _retirement_raised,
    RetirementReason.RETIREMENT_UNCHANGED: _retirement_unchanged,
    RetirementReason.ARTICLE_27: _(
        "Article 27 of the Social Insurance Law: if you reach retirement age with the required years of employee "
        "medical insurance, you pay no more premiums and keep your benefits; if you fall short, you may pay up to "
        "the required years. The law sets no national number of years."
    ),
    RetirementReason.REQUIRED_YEARS_SET_LOCALLY: _(
        "Each region sets the number of years itself, so without your region we cannot say how many you need."
    ),
    RetirementReason.NO_REQUIRED_YEARS_FOR_REGION: _(
        "We have no checked figure for the years %(region_name)s requires of someone retiring in "
        "%(retirement_month)s."
    ),
    RetirementReason.KNOWN_REQUIRED_YEARS: _(
        "What we do know: for retirements from %(first_day)s, %(region_name)s requires %(men_years)s years of men "
        "and %(women_years)s years of women."
    ),
    RetirementReason.KNOWN_REQUIRED_YEARS_UNTIL: _(
        "What we do know: for retirements from %(first_day)s to %(last_day)s, %(region_name)s requires "
        "%(men_years)s years of men and %(women_years)s years of women."
    ),
    RetirementReason.KNOWN_MIN_LOCAL_YEARS: _(
        "Of those, at least %(min_local_years)s years must have been actually paid in %(region_name)s."
    ),
    RetirementReason.REQUIRED_YEARS: _(
        "For a retirement in that month, %(region_name)s requires %(required_years)s years of employee medical "
        "insurance."
    ),
    RetirementReason.YEARS_PAID_ENOUGH: lambda params: ngettext(
        "You have %(years_paid)s year, which meets the %(required_years)s required.",
        "You have %(years_paid)s years, which meets the %(required_years)s required.",
        _count(params["years_paid"]),
    ) % params,
    RetirementReason.YEARS_PAID_SHORT: lambda params: ngettext(
        "You have %(years_paid)s year: %(shortfall)s short of the %(required_years)s required.",
        "You have %(years_paid)s years: %(shortfall)s short of the %(required_years)s required.",
        _count(params["years_paid"]),
    ) % params,
    RetirementReason.LOCAL_YEARS_ENOUGH: _(
        "%(region_name)s also asks for at least %(min_local_years)s years paid there, and you have %(years_local)s."
    ),
    RetirementReason.LOCAL_YEARS_SHORT: _(
        "%(region_name)s also asks for at least %(min_local_years)s years paid there; you have %(years_local)s, "
        "%(shortfall)s short."
    ),
    RetirementReason.PENSION_MINIMUM: _(
        "The basic pension has its own minimum: %(years)s years of contributions for someone retiring in %(year)s."
    ),
    RetirementReason.RULES_MAY_CHANGE: _(
        "Your retirement is still ahead, and regions change the years they require: check again closer to the time."
    ),
}

RETIREMENT_LINE = _("Your statutory retirement: %(retirement_month)s, at %(retirement_age)s.")

REQUIRED_YEARS_RECORDED_TWICE = _(
    "The years %(region)s requires are recorded twice for %(month)s, so we cannot answer safely. "
    "Ask your local medical insurance office."
)
LOCAL_YEARS_NEEDED = _(
    "%(region)s also asks for at least %(years)s years paid there. Enter how many of your years were paid "
    "in %(region)s."
)


def cannot_decide_message(error, region_name):
    if isinstance(error, LocalYearsNeeded):
        return LOCAL_YEARS_NEEDED % {"region": region_name, "years": error.min_local_years}
    return REQUIRED_YEARS_RECORDED_TWICE % {"region": region_name, "month": month_text(str(error.month))}
