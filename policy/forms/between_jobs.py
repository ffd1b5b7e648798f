"""The between-jobs checker's questions."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from ..flow import FollowUp
from ..models import RegionalPeriod
from ..rules.between_jobs import NOT_OWN_WISH, BetweenJobsFacts, WhyLeaving
from ..wording.between_jobs import WHY_LABELS
from .base import (
    DatedForm,
    date_field,
    periods_region_field,
    radio,
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
