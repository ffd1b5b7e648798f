"""The checkers' questions. One form per checker validates query strings for the pages and the API alike."""

import json
import re
import unicodedata
from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, LayoutObject
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .flow import ASKED, FollowUp, applicable
from .models import RegionalPeriod, RequiredYearsRule
from .rules.between_jobs import NOT_OWN_WISH, BetweenJobsFacts, WhyLeaving
from .rules.card_use import CardUseFacts, Cause, Relation, Scheme, ThirdPartyPaid, Use
from .rules.enrolment import OtherScheme
from .rules.pay_again import MAX_YEARS_WITHOUT_COVER, PayAgainFacts
from .rules.refund import RefundFacts
from .rules.retirement import Month, RetirementCategory, RetirementFacts, plain
from .selectors import region_choices, regions_counting_local_years
from .widgets import DatePartsWidget
from .wording.base import month_text
from .wording.between_jobs import WHY_LABELS
from .wording.card_use import CAUSE_LABELS, RELATION_LABELS, SCHEME_LABELS, THIRD_PARTY_PAID_LABELS, USE_LABELS
from .wording.enrolment import OTHER_SCHEME_LABELS
from .wording.retirement import CATEGORY_LABELS

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


class EnrolmentForm(CheckerForm):
    """Questions the pay-again and refund checkers share."""

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
    other_scheme = radio(
        OTHER_SCHEME_LABELS, _("Say whether you are also enrolled in another scheme."),
        label=_("Are you also enrolled in another medical insurance scheme?"),
    )
    other_start = date_field(
        _("When did the other enrolment start?"),
        _("The first day of the job's insurance or of the other area's. For example, 1 12 2025."),
    )
    region = periods_region_field()

    layout_fields = ("year", "other_scheme", "other_start", "region")
    follow_ups = (
        FollowUp(
            "other_start", {"other_scheme": tuple(scheme for scheme in OtherScheme if scheme is not OtherScheme.NONE)},
            _("Enter the date your other enrolment started."),
        ),
    )
    region_model = RegionalPeriod
    region_blank = _("Usual periods (most regions)")

    def other_enrolment(self):
        return OtherScheme(self.cleaned_data["other_scheme"]), self.cleaned_data["other_start"]

    def summary_values(self):
        return {"year": self.cleaned_data["year"]}


class RefundForm(DatedForm, EnrolmentForm):
    def facts(self):
        scheme, start = self.other_enrolment()
        return RefundFacts(year=self.cleaned_data["year"], other_scheme=scheme, other_start=start)


class PayAgainForm(DatedForm, EnrolmentForm):
    paid = radio(
        YES_NO, _("Say whether you have already paid for that year."),
        label=_("Have you already paid resident medical insurance for that year?"),
    )

    last_year_covered = radio(
        YES_NO, required=False,
        label=_("Did you have medical insurance in the year before that coverage year?"),
        help_text=_("Resident or employee medical insurance, anywhere in China. A break in cover brings a waiting "
                    "period, even when you pay on time."),
    )
    years_without_cover = forms.IntegerField(
        label=_("For how many years in a row did you have no medical insurance?"),
        help_text=_("Whole years, counting back from the year before the one you asked about. Empty: 1."),
        required=False,
        min_value=1,
        max_value=MAX_YEARS_WITHOUT_COVER,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
        error_messages={
            "invalid": _("Enter the years as a whole number, for example 1 or 2."),
            "min_value": _("Enter at least 1 year."),
            "max_value": _(
                "For a break of more than %(limit_value)s years, ask your local medical insurance office: the "
                "waiting period is then a year or longer."
            ),
        },
    )

    layout_fields = (
        "year", "paid", "other_scheme", "other_start", "last_year_covered", "years_without_cover", "region",
    )
    # Asked of those who have not paid; the rules say when the answer depends on it (policy/rules/pay_again.py).
    follow_ups = (
        *EnrolmentForm.follow_ups,
        FollowUp("last_year_covered", {"paid": ("no",)}),
        FollowUp("years_without_cover", {"last_year_covered": ("no",)}),
    )

    def facts(self):
        scheme, start = self.other_enrolment()
        covered = self.cleaned_data["last_year_covered"]
        return PayAgainFacts(
            year=self.cleaned_data["year"], paid=self.cleaned_data["paid"] == "yes", other_scheme=scheme,
            other_start=start, last_year_covered=None if not covered else covered == "yes",
            years_without_cover=self.cleaned_data["years_without_cover"] or 1,
        )


FIRST_BIRTH_MONTH = Month(1930, 1)
LAST_BIRTH_MONTH = Month(2015, 12)


class MonthField(forms.CharField):
    """A month as YYYY-MM."""

    default_error_messages = {
        "invalid": _("Enter your birth month and year as numbers, for example 6 and 1975."),
        "out_of_range": _(
            "Enter a birth month from %(first)s to %(last)s: the checker covers people born in those years."
        ),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        month = Month(int(match[1]), int(match[2]))
        if not FIRST_BIRTH_MONTH <= month <= LAST_BIRTH_MONTH:
            raise ValidationError(
                self.error_messages["out_of_range"], code="out_of_range",
                params={"first": FIRST_BIRTH_MONTH, "last": LAST_BIRTH_MONTH},
            )
        return month


class YearsField(forms.DecimalField):
    def to_python(self, value):
        value = super().to_python(value)
        # "-0" is a number like any other, but a reader should never be told they have "-0 years".
        return value.copy_abs() if value is not None and value.is_zero() else value


def years_field(label, help_text, required_message="", **kwargs):
    return YearsField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=60,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
        error_messages={
            "required": required_message,
            "invalid": _("Enter the years as a number, for example 18 or 18.5."),
            "min_value": _("Enter a number of years from 0 to 60."),
            "max_value": _("Enter a number of years from 0 to 60."),
            "max_decimal_places": _("Use at most 2 decimal places, for example 18.25."),
        },
        **kwargs,
    )


class RetirementForm(DatedForm):
    category = radio(
        CATEGORY_LABELS, _("Say which retirement age applied to you before the reform."),
        label=_("Which retirement age applied to you before the 2025 reform?"),
    )
    birth_month = MonthField(
        label=_("When were you born?"),
        help_text=_("For example, 6 1975."),
        widget=DatePartsWidget(parts=("month", "year"), autocomplete={"month": "bday-month", "year": "bday-year"}),
        error_messages={"required": _("Enter the month and year you were born, for example 6 1975.")},
    )
    years_paid = years_field(
        _("How many years of employee medical insurance do you have?"),
        _("All regions together, including deemed years (years before contributions began that count as paid). "
          "Half years are fine, for example 18.5."),
        _("Enter your years of employee medical insurance, for example 18 or 18.5."),
    )
    years_local = years_field(
        _("How many of those years were paid in your region?"),
        _("Your region counts the years actually paid there, not deemed years. For example, 10 or 12.5."),
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Where will you draw your medical insurance benefits?"),
        help_text=_("Each region sets the years it requires. If yours is not listed, we tell you what to ask."),
        required=False,
        error_messages={
            "invalid_choice": _("We have no figures for that region. Choose one from the list, or “not listed”."),
        },
    )

    # The region comes before the years paid there: the question names it and only some regions need it.
    layout_fields = ("category", "birth_month", "years_paid", "region", "years_local")
    # Asked only where a region counts the years paid there (EMP-2); left empty, the rules say when it is
    # needed after all, for the retirement month asked about.
    follow_ups = (FollowUp("years_local", {"region": lambda form: form.local_years_regions}),)
    region_model = RequiredYearsRule
    region_blank = _("My region is not listed")

    @cached_property
    def local_years_regions(self):
        """Codes of the regions with a minimum of years paid locally, read when first needed."""
        return regions_counting_local_years()

    def clean(self):
        cleaned = super().clean()
        paid, local = cleaned.get("years_paid"), cleaned.get("years_local")
        if paid is not None and local is not None and local > paid:
            self.add_error("years_local", _(
                "Years paid in your region cannot be more than your years in total (%(years)s)."
            ) % {"years": plain(paid)})
        return cleaned

    def facts(self):
        data = self.cleaned_data
        return RetirementFacts(
            RetirementCategory(data["category"]), data["birth_month"], data["years_paid"], data["years_local"]
        )

    def summary_values(self):
        return {"years_paid": plain(self.cleaned_data["years_paid"]), "region_name": self.region_name()}


class CardUseForm(DatedForm):
    """Two questions, then the follow-ups the answers call for."""

    scheme = radio(
        SCHEME_LABELS, _("Say which medical insurance you have."),
        label=_("Which medical insurance is your card for?"),
        help_text=_("Employee insurance comes with a job, or a flexible worker pays it themselves; resident "
                    "insurance you pay yourself once a year."),
    )
    use = radio(
        USE_LABELS, _("Say what you want the card to pay for."),
        label=_("What do you want your medical insurance card to pay for?"),
    )
    relation = radio(RELATION_LABELS, required=False, label=_("How is the relative related to you?"))
    cause = radio(CAUSE_LABELS, required=False, label=_("What is the treatment for?"))
    third_party_paid = radio(
        THIRD_PARTY_PAID_LABELS, required=False, label=_("Has the person responsible paid for the treatment?"),
    )
    designated = radio(
        YES_NO, required=False,
        label=_("Is the hospital or pharmacy designated for medical insurance?"),
        help_text=_("Designated ones show the medical insurance sign, or are listed in your medical insurance app."),
    )

    layout_fields = ("scheme", "use", "relation", "cause", "third_party_paid", "designated")

    # Resident insurance has no personal account, so for it whose costs they are does not matter (FAM-1).
    follow_ups = (
        FollowUp(
            "relation", {"scheme": (Scheme.EMPLOYEE, Scheme.FLEXIBLE), "use": (Use.RELATIVE,)},
            _("Say how the relative is related to you."),
        ),
        FollowUp("cause", {"use": (Use.TREATMENT,)}, _("Say what the treatment is for.")),
        FollowUp(
            "third_party_paid", {"cause": (Cause.THIRD_PARTY,)}, _("Say whether the person responsible has paid."),
        ),
        FollowUp("designated", {"use": (Use.TREATMENT,)}, _("Say whether the hospital or pharmacy is designated.")),
    )

    def facts(self):
        data = self.cleaned_data
        return CardUseFacts(
            scheme=Scheme(data["scheme"]),
            use=Use(data["use"]),
            relation=data["relation"] and Relation(data["relation"]),
            cause=data["cause"] and Cause(data["cause"]),
            designated=None if data["designated"] is None else data["designated"] == "yes",
            third_party_paid=data["third_party_paid"] and ThirdPartyPaid(data["third_party_paid"]),
        )


FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


class BetweenJobsForm(DatedForm):
    last_day = date_field(
        _("What is the last day of your job?"),
        _("The last day you are employed, as your employer's certificate gives it. For example, 30 11 2026."),
        _("Enter the last day of your job, for example 30 11 2026."),
    )
    why = radio(WHY_LABELS, _("Say how your job is ending."), label=_("How is your job ending?"))
    unemployment_years = forms.IntegerField(
        label=_("For how many whole years were you and your employers paying unemployment insurance?"),
        help_text=_("All your jobs together, before this one ended; your social insurance record shows them. "
                    "Less than a year: 0."),
        required=False,
        min_value=0,
        max_value=60,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
        error_messages={
            "invalid": _("Enter the years as a whole number, for example 0, 3 or 12."),
            "min_value": _("Enter a number of years from 0 to 60."),
            "max_value": _("Enter a number of years from 0 to 60."),
        },
    )
    next_job_start = date_field(
        _("When does your next job start, if you know?"),
        _("The first day of a job that enrols you in employee medical insurance. Leave empty if you do not know. "
          "For example, 1 1 2027."),
    )
    region = periods_region_field()

    layout_fields = ("last_day", "why", "unemployment_years", "next_job_start", "region")
    # A resignation of one's own wish gets no benefit however many years were paid (UNE-1, UNE-2).
    follow_ups = (
        FollowUp(
            "unemployment_years", {"why": tuple(NOT_OWN_WISH)},
            _("Enter your years of unemployment insurance, for example 3. Less than a year: 0."),
        ),
    )
    region_model = RegionalPeriod
    region_blank = _("Usual periods (most regions)")

    def clean(self):
        cleaned = super().clean()
        for name in ("last_day", "next_job_start", "as_of"):
            day = cleaned.get(name)
            # The rules count months and coverage years on from these days, within the years our rows know.
            if day and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, _("Enter a date from %(first)s to %(last)s.") % {
                    "first": FIRST_DAY.year, "last": LAST_DAY.year,
                })
        last_day, next_job_start = cleaned.get("last_day"), cleaned.get("next_job_start")
        if last_day and next_job_start and next_job_start <= last_day:
            self.add_error("next_job_start", _("Your next job must start after the last day of this one."))
        return cleaned

    def facts(self):
        data = self.cleaned_data
        return BetweenJobsFacts(data["last_day"], WhyLeaving(data["why"]), data["unemployment_years"],
                                data["next_job_start"])
