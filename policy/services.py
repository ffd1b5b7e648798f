"""Runs a checker on a query string: the one path pages and API share."""

from django.utils import timezone

from .rules.parameters import ParameterError
from .selectors import parameters_for
from .wording import parameter_error_message


def run_checker(checker, data):
    """(form, decision); decision is None when the form holds errors, including years no rule covers."""
    form = checker.form_class(data)
    if not form.is_valid():
        return form, None
    region = form.cleaned_data["region"]
    try:
        decision = checker.decide(form.facts(), form.answer_date(timezone.localdate()), parameters_for(region))
    except ParameterError as error:
        form.add_error("year", parameter_error_message(error, form.region_names.get(region, region)))
        return form, None
    return form, decision
