"""Steps both checkers share: reading the periods, finding a second enrolment, deciding a refund,
the waiting period of a late or interrupted enrolment."""

from enum import StrEnum

from .decision import Outcome, step


class OtherScheme(StrEnum):
    NONE = "none"
    EMPLOYEE = "employee"
    RESIDENT_ELSEWHERE = "resident_elsewhere"


class EnrolmentReason(StrEnum):
    PERIODS = "periods"
    NO_OTHER_ENROLMENT = "no_other_enrolment"
    OTHER_ENROLMENT_AFTER_YEAR = "other_enrolment_after_year"
    ENROLLED_ELSEWHERE = "enrolled_elsewhere"
    ENROLLED_ELSEWHERE_COVERS_YEAR = "enrolled_elsewhere_covers_year"
    KEEP_EMPLOYEE_ENROLMENT = "keep_employee_enrolment"
    KEEP_USUAL_RESIDENCE = "keep_usual_residence"
    STARTED_BEFORE_TREATMENT = "started_before_treatment"
    SUBSIDY_NOT_REFUNDED = "subsidy_not_refunded"
    CONTINUITY_REWARDS_LOST = "continuity_rewards_lost"
    STARTED_DURING_TREATMENT = "started_during_treatment"
    NO_DOUBLE_BENEFITS = "no_double_benefits"
    WAITING_PERIOD_SET_LOCALLY = "waiting_period_set_locally"
    WAITING_PERIOD_ON_RETURN = "waiting_period_on_return"


def check_other_enrolment(other_scheme, other_start):
    """Facts guard: a second enrolment needs the date it began, and no enrolment has no date."""
    if (other_scheme is OtherScheme.NONE) != (other_start is None):
        raise ValueError("other_start is required exactly when other_scheme is not NONE")


def read_periods(parameters, year):
    """(row, periods, the step that read them) for coverage year `year`."""
    row = parameters.period_row(year)
    periods = row.periods_for(year)
    reason = step(
        EnrolmentReason.PERIODS, "RES-1", cites=(row.citation,),
        year=year, region_code=row.region_code, region_name=row.region_name, **periods.as_figures(),
    )
    return row, periods, reason


def enrolled_elsewhere(other_scheme, other_start, periods):
    """DUP-1: (whether a second enrolment counts for the year, the steps). It counts when it began by the
    last day of the year's treatment period."""
    if other_scheme is OtherScheme.NONE:
        return False, [step(EnrolmentReason.NO_OTHER_ENROLMENT, "DUP-1")]
    if other_start > periods.treatment_end:
        return False, [step(
            EnrolmentReason.OTHER_ENROLMENT_AFTER_YEAR, "DUP-1",
            other_start=other_start, treatment_end=periods.treatment_end,
        )]
    kept = (
        EnrolmentReason.KEEP_EMPLOYEE_ENROLMENT if other_scheme is OtherScheme.EMPLOYEE
        else EnrolmentReason.KEEP_USUAL_RESIDENCE
    )
    # One that began by the first day of cover covers that whole year; a later one began within it.
    enrolled = (
        EnrolmentReason.ENROLLED_ELSEWHERE_COVERS_YEAR if other_start <= periods.treatment_start
        else EnrolmentReason.ENROLLED_ELSEWHERE
    )
    return True, [
        step(enrolled, "DUP-1", other_scheme=other_scheme.value, other_start=other_start),
        step(kept, "DUP-3"),
    ]


def refund_outcome(parameters, year, other_start, periods):
    """DUP-1 and DUP-2: (whether the resident contribution for `year` comes back, the steps)."""
    if other_start < periods.treatment_start:
        row, set_locally = waiting_period(parameters, year)
        return Outcome.REFUND_ELIGIBLE, [
            step(
                EnrolmentReason.STARTED_BEFORE_TREATMENT, "DUP-1",
                other_start=other_start, treatment_start=periods.treatment_start,
            ),
            step(EnrolmentReason.SUBSIDY_NOT_REFUNDED, "DUP-1"),
            set_locally or step(
                EnrolmentReason.WAITING_PERIOD_ON_RETURN, "RES-2", cites=row.citations,
                fixed_months=row.fixed_months, months_per_uncovered_year=row.months_per_uncovered_year,
            ),
            step(EnrolmentReason.CONTINUITY_REWARDS_LOST, "RES-4/5"),
        ]
    return Outcome.REFUND_NOT_ELIGIBLE, [
        step(
            EnrolmentReason.STARTED_DURING_TREATMENT, "DUP-2",
            other_start=other_start, treatment_start=periods.treatment_start,
        ),
        step(EnrolmentReason.NO_DOUBLE_BENEFITS, "DUP-2"),
    ]


def waiting_period(parameters, year):
    """RES-2: (the waiting-period row for `year`, the step saying it was set locally), the step None when a
    national rule applied: each checker tells of the national rule in its own words."""
    row = parameters.waiting_row(year)
    if row.fixed_months is None:
        return row, step(EnrolmentReason.WAITING_PERIOD_SET_LOCALLY, "RES-2", cites=row.citations, year=year)
    return row, None
