"""Runs a checker on a query string: the one path pages and API share.

The form validates the answers and turns them into facts; this chooses the dated parameters for the
region asked about, runs the rules on the day asked about, and reports what the rules cannot decide
on the answer concerned.
"""

import functools

from django.utils import timezone

from .checkers import get_checker
from .flow import ASKED
from .rules.decision import CannotDecide
from .selectors import region_choices
from .wording import cannot_decide_message


def checker_form(*, checker, data=None, initial=None):
    """The checker's questions, offering the regions its dated rows cover."""
    model = checker.form_class.region_model
    return checker.form_class(data, initial=initial, regions=region_choices(model) if model else None)


def checker_params(request, checker):
    """The parameters a checker's pages and API take: its questions (a date also as its day, month and year
    boxes), and the follow-ups a page has shown."""
    found = get_checker(checker)
    return _form_params(found.form_class) if found else set()


@functools.cache
def _form_params(form_class):
    names = {ASKED}
    for name, field in form_class.base_fields.items():
        names |= {name, *(name + suffix for suffix in getattr(field.widget, "widgets_names", ()))}
    return frozenset(names)


def checker_run(*, checker, data):
    """(form, decision); decision is None when the form holds errors, including facts the rules cannot answer."""
    form = checker_form(checker=checker, data=data)
    if not form.is_valid():
        return form, None
    parameters = checker.parameters(form.cleaned_data.get("region", ""))
    try:
        decision = checker.decide(form.facts(), form.answer_date(timezone.localdate()), parameters)
    except CannotDecide as error:
        form.add_error(error.field, cannot_decide_message(error, form.region_name()))
        return form, None
    return form, decision


def next_year_query(form, decision):
    """The answers for the next coverage year, when the answer sends the reader there; else None."""
    figures = decision.figures
    if "next_year" not in figures:
        return None
    # The year asked goes without cover, so the next one follows a break (RES-2).
    return {
        **form.query(), "year": str(figures["next_year"]), "last_year_covered": "no",
        "years_without_cover": str(figures["next_year_years_without_cover"]),
    }
