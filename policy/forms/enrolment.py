"""The enrolment checker's questions, and those of the two checkers built on them: a refund, paying again."""


from django import forms
from django.utils.translation import gettext_lazy as _

from ..flow import FollowUp
from ..models import RegionalPeriod
from ..rules.enrolment import OtherScheme
from ..rules.pay_again import MAX_YEARS_WITHOUT_COVER, PayAgainFacts
from ..rules.refund import RefundFacts
from ..wording.enrolment import OTHER_SCHEME_LABELS
from .base import YES_NO, CheckerForm, DatedForm, date_field, periods_region_field, radio


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
