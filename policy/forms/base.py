"""What every checker's form shares: the answers' labels, fields, the follow-up groups and the form itself.
One form per checker (in this package) validates query strings for the pages and the API alike."""

import json
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, LayoutObject
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.forms import BoundField
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..flow import ASKED, applicable
from ..rules.retirement import Month
from ..selectors import region_choices
from ..widgets import DatePartsWidget
from ..wording.base import month_text

NOT_A_DATE = _("Enter a real date: day, month and year, for example 1 3 2026.")


PICK_ONE = _("Choose one of the answers listed.")


YES_NO = {"yes": _("Yes"), "no": _("No")}


ANSWER_LABELS = {
    "year": _("Coverage year"),
    "paid": _("Already paid"),
    "last_year_covered": _("Insured the year before"),
    "years_without_cover": _("Years without cover"),
    "other_scheme": _("Other enrolment"),
    "other_start": _("Other enrolment started"),
    "region": _("Region"),
    "as_of": _("Answer as of"),
    "category": _("Old retirement age"),
    "birth_month": _("Birth month"),
    "years_paid": _("Years paid"),
    "years_local": _("Years paid in the region"),
    "scheme": _("Your medical insurance"),
    "use": _("Card used for"),
    "relation": _("Relative"),
    "cause": _("Treatment for"),
    "third_party_paid": _("Person responsible has paid"),
    "designated": _("Designated hospital or pharmacy"),
    "last_day": _("Last day of the job"),
    "why": _("How the job ended"),
    "unemployment_years": _("Years of unemployment insurance"),
    "next_job_start": _("Next job starts"),
}


def as_typed_in_ascii(answers):
    """Answers with full-width characters (２０２６, ２０２５－１２－０１, as Chinese keyboards type them) read as
    ASCII, for every field at once. NFKC changes nothing else a checker accepts."""
    if answers is None:
        return None
    if isinstance(answers, QueryDict):
        normalised = QueryDict(mutable=True)
        for name, values in answers.lists():
            normalised.setlist(name, [unicodedata.normalize("NFKC", value) for value in values])
        return normalised
    return {name: unicodedata.normalize("NFKC", value) if isinstance(value, str) else value
            for name, value in answers.items()}


def radio(labels, required_message="", **kwargs):
    """Radio buttons for the answers `labels` words, keyed by the rules' enum members or by plain values."""
    return forms.ChoiceField(
        choices=[(str(value), label) for value, label in labels.items()],
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": PICK_ONE},
        **kwargs,
    )


def date_field(label, help_text, required_message=""):
    """A date typed in three boxes, optional unless it has a message for when it is missing; query strings
    carry it as year-month-day."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=bool(required_message),
        widget=DatePartsWidget(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": NOT_A_DATE, "required": required_message},
    )


def periods_region_field():
    """The region whose resident-insurance periods apply (RegionalPeriod rows)."""
    return forms.ChoiceField(
        label=_("Your region, if it is listed"),
        help_text=_("Some regions set their own payment period. If yours is not listed, keep the usual periods."),
        required=False,
        error_messages={
            "invalid_choice": _(
                "We have no periods for that region. Choose one from the list, or keep the usual periods."
            ),
        },
    )


class AnchoredBoundField(BoundField):
    @property
    def anchor(self):
        """Where links to this question land: its input, its first box, or the first of its radio buttons."""
        if hasattr(self.field.widget, "anchor_id"):
            return self.field.widget.anchor_id(self.auto_id)
        return self.id_for_label or f"{self.auto_id}_0"


class FollowUpGroup(LayoutObject):
    """A follow-up question in a fieldset the script shows and hides by its conditions. Hidden, the fieldset
    is disabled too, so its inputs send nothing: not even `asked`, which tells the server it was shown."""

    template = "policy/layout/follow_up.html"

    def __init__(self, name, conditions, applies):
        self.fields = [name]
        self.name = name
        self.conditions = json.dumps(conditions)
        self.applies = applies

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(self.template, {"group": self, "fields": fields, "asked": ASKED})


class CheckerForm(forms.Form):
    """What every checker's questions share: a GET form drawn by crispy, follow-ups, a canonical query,
    "Your answers".

    Subclasses list their questions in `layout_fields`, their follow-up questions in `follow_ups` (after
    the questions they follow), and say how the answers become facts. Forms that ask for a region name
    the table its choices come from; the service reads it (policy/services.py), and the form never reads
    the database when it is made.
    """

    bound_field_class = AnchoredBoundField
    layout_fields = ()
    follow_ups = ()
    region_model = None
    region_blank = ""

    def __init__(self, data=None, *args, initial=None, regions=None, **kwargs):
        """`regions`: (code, name) of the regions to offer, as the service read them; without them the
        form reads its table itself, when the choices are first needed."""
        super().__init__(as_typed_in_ascii(data), *args, initial=as_typed_in_ascii(initial), **kwargs)
        self.regions = regions
        if self.region_model:
            self.fields["region"].choices = self._region_field_choices
        self.order_fields(self.layout_fields)
        # None: every question; a list of names: only those, as a step after the answers so far.
        self.step = None

    @property
    def helper(self):
        """Built when the page draws the form, after validation: which follow-ups show depends on the answers."""
        helper = FormHelper()
        # The template writes the <form> tag and an unnamed button, so only answers reach the query string.
        helper.form_tag = False
        helper.form_method = "get"
        helper.disable_csrf = True
        helper.field_template = "policy/layout/question.html"
        helper.layout = Layout(*self._layout())
        return helper

    def _layout(self):
        applies = self.applicable_follow_ups()
        follow_ups = {follow_up.name: follow_up for follow_up in self.follow_ups}
        shown = []
        for name in self.fields:
            follow_up = follow_ups.get(name)
            if self.step is not None:
                # A step shows its questions, and the follow-ups they may reveal; the page carries the rest.
                reveals = follow_up and name not in applies and set(follow_up.when) & set(self.step)
                if name not in self.step and not reveals:
                    continue
            elif not self.asks(name):
                continue
            shown.append(FollowUpGroup(name, follow_up.conditions(self), name in applies) if follow_up else name)
        return shown

    def asks(self, name):
        """Whether the page asks this question; subclasses leave out those a reader is not asked."""
        return True

    def applicable_follow_ups(self):
        """Names of the follow-ups the answers call for: the valid answers once checked, else those the page
        was opened with."""
        if not self.is_bound:
            return applicable(self, self.initial)
        self.is_valid()  # validates once; cleaned_data then holds the valid answers, whatever else is wrong
        return applicable(self, self.cleaned_data)

    def clean(self):
        cleaned = super().clean()
        applies = applicable(self, cleaned)
        for follow_up in self.follow_ups:
            if follow_up.name not in applies:
                # An answer to a question that does not apply is ignored, even one that is not valid.
                cleaned[follow_up.name] = None
                self.errors.pop(follow_up.name, None)
            elif follow_up.missing and follow_up.name not in self.errors and cleaned.get(follow_up.name) in (None, ""):
                self.add_error(follow_up.name, follow_up.missing)
        return cleaned

    @cached_property
    def region_names(self):
        if not self.region_model:
            return {}
        return dict(region_choices(self.region_model) if self.regions is None else self.regions)

    def _region_field_choices(self):
        return [("", self.region_blank), *self.region_names.items()]

    def answer_date(self, today):
        return today

    def region_name(self):
        region = self.cleaned_data.get("region", "")
        return self.region_names.get(region, region)

    def summary_values(self):
        """Answers the one-sentence answer names."""
        return {}

    def query(self):
        """The answers as a canonical query string dict: what a shareable URL needs, nothing else."""
        values = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                values[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return values

    def answers(self):
        """(field name, short label, answer as shown) for "Your answers", in question order."""
        rows = []
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value not in (None, "") or name == "region":
                rows.append((name, ANSWER_LABELS[name], self._shown(name, value)))
        return rows

    def _shown(self, name, value):
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField):
            return dict(field.choices)[value]
        if isinstance(value, Month):
            return month_text(str(value))
        if hasattr(value, "isoformat"):
            return date_format(value)
        return str(value)


class DatedForm(CheckerForm):
    """A checker whose answer depends on the day asked: readers get today's, a shared link may bring a date."""

    as_of = date_field(
        _("Answer as of"),
        _("The link you followed asks about this day. Empty the boxes to get the answer for today. "
          "For example, 1 3 2026."),
    )

    def asks(self, name):
        # Readers are not asked for a date; it is shown only when a link brought it along.
        if name != "as_of":
            return True
        return bool(self.data.get("as_of") if self.is_bound else self.initial.get("as_of"))

    def answer_date(self, today):
        return self.cleaned_data["as_of"] or today
