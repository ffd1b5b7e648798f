"""The checkers' questions. One form per checker validates query strings for the pages and the API alike."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .rules.enrolment import OtherScheme
from .rules.pay_again import PayAgainFacts
from .rules.refund import RefundFacts
from .selectors import region_choices
from .wording import OTHER_SCHEMES

DATE_EXAMPLE = "2026-03-01"
NOT_A_DATE = _("Enter a real date as year-month-day, for example %(example)s.") % {"example": DATE_EXAMPLE}
PICK_ONE = _("Choose one of the answers listed.")
YES_NO = {"yes": _("Yes"), "no": _("No")}
ANSWER_LABELS = {
    "year": _("Coverage year"),
    "paid": _("Already paid"),
    "other_scheme": _("Other enrolment"),
    "other_start": _("Other enrolment started"),
    "region": _("Region"),
    "as_of": _("Answer as of"),
}


class CheckerForm(forms.Form):
    """Questions both checkers ask. Subclasses add their own and say how the answers become facts."""

    year = forms.IntegerField(
        label=_("Which coverage year is this about?"),
        help_text=_("The year the insurance covers, for example 2027 for the payment made in autumn 2026."),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
        error_messages={
            "required": _("Enter the coverage year, for example 2027."),
            "invalid": _("Enter the coverage year as a number, for example 2027."),
            "min_value": _("Enter a coverage year from 2000 to 2100."),
            "max_value": _("Enter a coverage year from 2000 to 2100."),
        },
    )
    other_scheme = forms.ChoiceField(
        label=_("Are you also enrolled in another medical insurance scheme?"),
        choices=list(OTHER_SCHEMES.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether you are also enrolled in another scheme."),
            "invalid_choice": PICK_ONE,
        },
    )
    other_start = forms.DateField(
        label=_("When did the other enrolment start?"),
        help_text=_("Only if you answered yes above. The first day of the job's insurance or of the other area's."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": NOT_A_DATE},
    )
    region = forms.ChoiceField(
        label=_("Your region, if it is listed"),
        help_text=_("Some regions set their own payment period. If yours is not listed, keep the usual periods."),
        required=False,
        error_messages={
            "invalid_choice": _(
                "We have no periods for that region. Choose one from the list, or keep the usual periods."
            ),
        },
    )

    layout_fields = ("year", "other_scheme", "other_start", "region")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_names = dict(region_choices())
        self.fields["region"].choices = [("", _("Usual periods (most regions)")), *self.region_names.items()]
        # The template writes the <form> tag and an unnamed button, so only answers reach the query string.
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.order_fields(self.layout_fields)
        self.helper.layout = Layout(*self.layout_fields, *self.extra_layout())

    def extra_layout(self):
        return []

    def clean(self):
        cleaned = super().clean()
        scheme = cleaned.get("other_scheme")
        if scheme == OtherScheme.NONE.value:
            cleaned["other_start"] = None
        elif scheme and "other_start" not in self.errors and cleaned.get("other_start") is None:
            self.add_error("other_start", _("Enter the date your other enrolment started."))
        return cleaned

    def other_enrolment(self):
        return OtherScheme(self.cleaned_data["other_scheme"]), self.cleaned_data["other_start"]

    def answer_date(self, today):
        return today

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
        if name == "other_scheme":
            return OTHER_SCHEMES[value]
        if name == "region":
            return self.region_names.get(value, _("Usual periods"))
        if name == "paid":
            return YES_NO[value]
        if hasattr(value, "isoformat"):
            return date_format(value)
        return str(value)


class RefundForm(CheckerForm):
    def facts(self):
        scheme, start = self.other_enrolment()
        return RefundFacts(year=self.cleaned_data["year"], other_scheme=scheme, other_start=start)


class PayAgainForm(CheckerForm):
    paid = forms.ChoiceField(
        label=_("Have you already paid resident medical insurance for that year?"),
        choices=list(YES_NO.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you have already paid for that year."), "invalid_choice": PICK_ONE},
    )
    as_of = forms.DateField(
        label=_("Answer as of"),
        help_text=_("The link you followed asks about this day. Leave it empty to get the answer for today."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": NOT_A_DATE},
    )

    layout_fields = ("year", "paid", "other_scheme", "other_start", "region")

    def extra_layout(self):
        # Readers are not asked for a date; it is shown only when a link brought one along.
        asked = self.data.get("as_of") if self.is_bound else self.initial.get("as_of")
        return [Field("as_of")] if asked else []

    def answer_date(self, today):
        return self.cleaned_data["as_of"] or today

    def facts(self):
        scheme, start = self.other_enrolment()
        return PayAgainFacts(
            year=self.cleaned_data["year"], paid=self.cleaned_data["paid"] == "yes", other_scheme=scheme,
            other_start=start,
        )
