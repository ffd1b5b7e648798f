"""Each checker's operation in the API's document, read from what the checker itself declares: its form's
fields and choices, its follow-ups, the outcomes and reasons its wording modules word, the figures its rules
declare. Nothing here names a checker's field, value or outcome; only the lines and links every answer may
add are named here, as policy/wording present() and policy/api.py add them."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from policy.checkers import CHECKERS, LEADS_TO
from policy.forms import MonthField
from policy.rules.citations import Confidence
from policy.rules.figures import Figure
from policy.services import checker_form
from policy.wording import checker_outcomes, checker_reasons

from .examples import CHECKER_EXAMPLES
from .shapes import DATE, MONTH, YEARS, answer_schema, error_responses, field_errors

FIGURE_SCHEMAS = {
    Figure.DATE: DATE,
    Figure.WHOLE: {"type": "integer"},
    Figure.YEARS: YEARS,
    Figure.MONTH: MONTH,
    Figure.AGE: {
        "type": "object", "required": ["years", "months"],
        "properties": {"years": {"type": "integer"}, "months": {"type": "integer", "minimum": 0, "maximum": 11}},
    },
    Figure.RANGE: {
        "type": "object", "required": ["min", "max"],
        "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}},
    },
    Figure.REQUIRED_YEARS_ROWS: {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["first_day", "last_day", "men_years", "women_years", "min_local_years"],
            "properties": {
                "first_day": DATE, "last_day": {"oneOf": [DATE, {"type": "null"}]},
                "men_years": YEARS, "women_years": YEARS, "min_local_years": {"oneOf": [YEARS, {"type": "null"}]},
            },
        },
    },
}
IGNORED = "Any value, while the question does not apply: it is ignored."
EMPTY = {"type": "string", "const": "", "description": "Empty: as if not given."}
# Lines of words the answer adds when its decision carries the figure they are made from (policy/wording).
LINES = {
    "retirement_month": ("retirement", "The statutory retirement month and age, in a sentence."),
    "benefits_from": ("benefits_line", "The day benefits would start, in a sentence."),
}


def checker_path(checker):
    return reverse("policy_api:checker", args=[checker.slug])


def checker_operations():
    """{path: path item}: one GET per checker."""
    return {checker_path(checker): {"get": _operation(checker)} for checker in CHECKERS.values()}


def _operation(checker):
    form = checker_form(checker=checker)
    follow_ups = {follow_up.name: follow_up for follow_up in form.follow_ups}
    example = CHECKER_EXAMPLES[checker.slug]
    parameters = [
        parameter(name, field, example, follow_ups.get(name) and follow_ups[name].conditions(form))
        for name, field in form.fields.items()
    ]
    slug = str(checker.slug)
    return {
        "operationId": "checker_" + slug.replace("-", "_"),
        "summary": str(checker.title),
        "tags": ["checkers"],
        "parameters": [*parameters, {"$ref": "#/components/parameters/AcceptLanguage"}],
        "responses": {
            "200": {
                "description": "The answer.",
                "headers": {"Content-Language": {"$ref": "#/components/headers/ContentLanguage"}},
                "content": {"application/json": {"schema": _answer(checker, form)}},
            },
            "400": {
                "description": "An answer is missing or not valid, or the rules cannot answer from these answers: "
                               "the messages say what to change, on the question concerned.",
                "content": {"application/json": {"schema": field_errors(list(form.fields))}},
            },
            **error_responses(),
        },
    }


def parameter(name, field, example, conditions=None):
    """A query parameter read by a form field, with its value in the operation's example, if it has one."""
    description = " ".join(str(text) for text in (field.label, field.help_text) if text)
    choices = field_choices(field)
    if choices:
        listed = _("; ").join(_("%(value)s: %(label)s") % {"value": f"`{value}`", "label": label}
                              for value, label in choices.items())
        description += " " + _("Choices: %(choices)s.") % {"choices": listed}
    found = {"name": name, "in": "query", "required": field.required and not conditions,
             "description": description, "schema": field_schema(field, choices)}
    if conditions:
        when = _(" and ").join(
            _("%(question)s is %(values)s") % {
                "question": f"`{parent}`", "values": _(" or ").join(f"`{value}`" for value in values),
            }
            for parent, values in conditions.items()
        )
        found["description"] += " " + _("Asked only when %(when)s; otherwise ignored.") % {"when": when}
        found["x-follow-up"] = {"when": conditions}
        # A question that does not apply is not read at all: any value is taken, and ignored.
        found["schema"] = {"anyOf": [found["schema"], {"type": "string", "description": IGNORED}]}
    elif not field.required:
        found["schema"] = {"anyOf": [found["schema"], EMPTY]}
    if name in example:
        found["example"] = example[name]
    return found


def field_choices(field):
    if not isinstance(field, forms.ChoiceField):
        return {}
    return {str(value): str(label) for value, label in field.choices if value != ""}


def field_schema(field, choices):
    if choices:
        return {"type": "string", "enum": list(choices)}
    if isinstance(field, forms.IntegerField):
        return {key: value for key, value in (
            ("type", "integer"), ("minimum", field.min_value), ("maximum", field.max_value),
        ) if value is not None}
    if isinstance(field, forms.DecimalField):
        return {"type": "number", "minimum": field.min_value, "maximum": field.max_value}
    if isinstance(field, forms.DateField):
        return DATE
    if isinstance(field, MonthField):
        return MONTH
    return {"type": "string"}


def _answer(checker, form):
    figures = {name: FIGURE_SCHEMAS[kind] for name, kind in checker.figures.items()}
    lines = {LINES[name][0]: {"type": "string", "description": LINES[name][1]} for name in figures if name in LINES}
    links = {}
    if "next_year" in figures:
        links["next_year_answer"] = {
            "type": "string", "description": "The API address of the answer for the next coverage year.",
        }
    if checker.slug in LEADS_TO:
        links["related_checker"] = {
            "type": "string", "enum": [checker_path(CHECKERS[LEADS_TO[checker.slug]])],
            "description": "The API address of the checker the answers call for next.",
        }
    inputs = {name: {"type": "string"} for name in form.fields}
    return answer_schema(
        checker=str(checker.slug),
        outcomes=[outcome.value for outcome in checker_outcomes(checker.slug)],
        reasons=[str(code) for code in checker_reasons(checker.slug)],
        confidences=[confidence.value for confidence in Confidence],
        inputs=inputs,
        optional={**figures, **lines, **links},
    )
