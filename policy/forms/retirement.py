"""The retirement checker's questions, and its fields of a birth month and of years paid."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..flow import FollowUp
from ..models import RequiredYearsRule
from ..rules.retirement import Month, RetirementCategory, RetirementFacts, plain
from ..selectors import regions_counting_local_years
from ..widgets import DatePartsWidget
from ..wording.retirement import CATEGORY_LABELS
from .base import DatedForm, radio

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
