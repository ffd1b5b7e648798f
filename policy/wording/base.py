"""How the checkers' words are filled in: months, ages and dates as the reader's language writes them."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MONTH_FIGURES = {"retirement_month", "original_month"}


def month_text(month):
    """"2031-05" as the reader's language writes a month, e.g. "May 2031"."""
    year, number = month.split("-")
    return date_format(date(int(year), int(number), 1), "YEAR_MONTH_FORMAT")


def age_text(years, months):
    if not months:
        return _("%(years)s years") % {"years": years}
    return ngettext(
        "%(years)s years and %(months)s month", "%(years)s years and %(months)s months", months
    ) % {"years": years, "months": months}


def _format(key, value):
    if key in MONTH_FIGURES:
        return month_text(value)
    if key == "retirement_age":
        return age_text(**value)
    return date_format(value, "DATE_FORMAT") if hasattr(value, "isoformat") else value


def formatted(values):
    return {key: _format(key, value) for key, value in values.items()}


def by_date(key, past, future):
    """Words that say a date in `key` in the past tense once it is on or before the answer's date, else in the
    future tense: a job starting next week has not begun yet."""

    def words(params):
        return render(past if params[key] <= params["as_of"] else future, params)

    return words


def render(text, values):
    """A sentence filled in with `values`. A function words the values itself (choosing a sentence, or
    writing a figure its own way); a translatable string takes them formatted."""
    return text(values) if callable(text) else text % formatted(values)
