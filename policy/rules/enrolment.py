"""Steps both checkers share: reading the periods, finding a second enrolment, deciding a refund."""

from enum import Enum

from .decision import Outcome


class OtherScheme(Enum):
    NONE = "none"
    EMPLOYEE = "employee"
    RESIDENT_ELSEWHERE = "resident_elsewhere"


def check_other_enrolment(other_scheme, other_start):
    """Facts guard: a second enrolment needs the date it began, and no enrolment has no date."""
    if (other_scheme is OtherScheme.NONE) != (other_start is None):
        raise ValueError("other_start is required exactly when other_scheme is not NONE")


def read_periods(trace, parameters, year):
    row = parameters.period_row(year)
    periods = row.periods_for(year)
    trace.step(
        "periods", "RES-1", cites=(row.citation,),
        year=year, region_code=row.region_code, region_name=row.region_name, **periods.as_figures(),
    )
    trace.figures.update(periods.as_figures())
    return row, periods


def enrolled_elsewhere(trace, other_scheme, other_start, periods):
    """DUP-1: a second enrolment counts for year Y when it began by the last day of Y's treatment period."""
    if other_scheme is OtherScheme.NONE:
        trace.step("no_other_enrolment", "DUP-1")
        return False
    if other_start > periods.treatment_end:
        trace.step("other_enrolment_after_year", "DUP-1", other_start=other_start, treatment_end=periods.treatment_end)
        return False
    # One that began by the first day of cover covers that whole year; a later one began within it.
    code = "enrolled_elsewhere_covers_year" if other_start <= periods.treatment_start else "enrolled_elsewhere"
    trace.step(code, "DUP-1", other_scheme=other_scheme.value, other_start=other_start)
    if other_scheme is OtherScheme.EMPLOYEE:
        trace.step("keep_employee_enrolment", "DUP-3")
    else:
        trace.step("keep_usual_residence", "DUP-3")
    return True


def refund_outcome(trace, parameters, year, other_start, periods):
    """DUP-1 and DUP-2: whether the resident contribution for `year` comes back."""
    if other_start < periods.treatment_start:
        trace.step(
            "started_before_treatment", "DUP-1", other_start=other_start, treatment_start=periods.treatment_start
        )
        trace.step("subsidy_not_refunded", "DUP-1")
        warn_waiting_on_return(trace, parameters, year)
        trace.step("continuity_rewards_lost", "RES-4/5")
        return Outcome.REFUND_ELIGIBLE
    trace.step("started_during_treatment", "DUP-2", other_start=other_start, treatment_start=periods.treatment_start)
    trace.step("no_double_benefits", "DUP-2")
    return Outcome.REFUND_NOT_ELIGIBLE


def warn_waiting_on_return(trace, parameters, year):
    row = parameters.waiting_row(year)
    if row.fixed_months is None:
        trace.step("waiting_period_set_locally", "RES-2", cites=row.citations, year=year)
    else:
        trace.step(
            "waiting_period_on_return", "RES-2", cites=row.citations,
            fixed_months=row.fixed_months, months_per_uncovered_year=row.months_per_uncovered_year,
        )
