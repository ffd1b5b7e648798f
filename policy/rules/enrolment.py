"""Steps both checkers share: reading the periods, finding a second enrolment, deciding a refund,
the waiting period of a late or interrupted enrolment."""

from enum import StrEnum

from .decision import Outcome, step
from .figures import Figure


class OtherScheme(StrEnum):
    NONE = "none"
    EMPLOYEE = "employee"
    # Employee medical insurance paid by the person themselves (灵活就业人员参加职工医保, UNE-7).
    FLEXIBLE = "flexible"
    RESIDENT_ELSEWHERE = "resident_elsewhere"


EMPLOYEE_SCHEMES = frozenset({OtherScheme.EMPLOYEE, OtherScheme.FLEXIBLE})


# The figures of a coverage year's periods (read_periods), and of a refund's waiting period (refund_outcome).
PERIOD_FIGURES = {
    "collection_start": Figure.DATE, "collection_end": Figure.DATE,
    "treatment_start": Figure.DATE, "treatment_end": Figure.DATE, "rules_year": Figure.WHOLE,
}
REFUND_FIGURES = {"waiting_period_months": Figure.WHOLE, "waiting_months_per_uncovered_year": Figure.WHOLE}

class EnrolmentReason(StrEnum):
    PERIODS = "periods"
    RULES_NOT_YET_CONFIRMED = "rules_not_yet_confirmed"
    NO_OTHER_ENROLMENT = "no_other_enrolment"
    OTHER_ENROLMENT_AFTER_YEAR = "other_enrolment_after_year"
    ENROLLED_ELSEWHERE = "enrolled_elsewhere"
    ENROLLED_ELSEWHERE_COVERS_YEAR = "enrolled_elsewhere_covers_year"
    KEEP_EMPLOYEE_ENROLMENT = "keep_employee_enrolment"
    KEEP_USUAL_RESIDENCE = "keep_usual_residence"
    FLEXIBLE_WORKER_PAYS_BOTH_SHARES = "flexible_worker_pays_both_shares"
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


def read_periods(parameters, year, as_of):
    """(row, periods, the steps that read them, figures) for coverage year `year`.

    A year ahead that no reviewed row reaches yet is answered from the latest reviewed rules; the steps
    and the figure `rules_year` say which year's rules were used.
    """
    row, rules_year = parameters.period_rules(year, as_of)
    _, waiting_year = parameters.waiting_rules(year, as_of)
    periods = row.periods_for(year)
    steps = [step(
        EnrolmentReason.PERIODS, "RES-1", cites=(row.citation,),
        year=year, region_code=row.region_code, region_name=row.region_name, **periods.as_figures(),
    )]
    figures = periods.as_figures()
    rules_year = min(rules_year, waiting_year)
    if rules_year != year:
        steps.append(step(
            EnrolmentReason.RULES_NOT_YET_CONFIRMED, "RES-1", cites=(row.citation,), year=year, rules_year=rules_year,
        ))
        figures["rules_year"] = rules_year
    return row, periods, steps, figures


def enrolled_elsewhere(other_scheme, other_start, periods, as_of):
    """DUP-1: (whether a second enrolment counts for the year, the steps). It counts when it began by the
    last day of the year's treatment period."""
    if other_scheme is OtherScheme.NONE:
        return False, [step(EnrolmentReason.NO_OTHER_ENROLMENT, "DUP-1")]
    if other_start > periods.treatment_end:
        return False, [step(
            EnrolmentReason.OTHER_ENROLMENT_AFTER_YEAR, "DUP-1",
            other_start=other_start, treatment_end=periods.treatment_end, as_of=as_of,
        )]
    kept = (
        EnrolmentReason.KEEP_EMPLOYEE_ENROLMENT if other_scheme in EMPLOYEE_SCHEMES
        else EnrolmentReason.KEEP_USUAL_RESIDENCE
    )
    # One that began by the first day of cover covers that whole year; a later one began within it.
    enrolled = (
        EnrolmentReason.ENROLLED_ELSEWHERE_COVERS_YEAR if other_start <= periods.treatment_start
        else EnrolmentReason.ENROLLED_ELSEWHERE
    )
    return True, [
        step(enrolled, "DUP-1", other_scheme=other_scheme.value, other_start=other_start, as_of=as_of),
        step(kept, "DUP-3"),
        *flexible_worker(other_scheme),
    ]


def flexible_worker(other_scheme):
    """UNE-7: a flexible worker's employee insurance lasts only while they pay both shares themselves."""
    if other_scheme is not OtherScheme.FLEXIBLE:
        return []
    return [step(EnrolmentReason.FLEXIBLE_WORKER_PAYS_BOTH_SHARES, "UNE-7")]


def refund_outcome(parameters, year, other_start, periods, as_of):
    """DUP-1 and DUP-2: (whether the resident contribution for `year` comes back, the steps, the figures)."""
    if other_start < periods.treatment_start:
        row, set_locally = waiting_period(parameters, year, as_of)
        figures = {}
        if not set_locally:
            figures = {
                "waiting_period_months": row.fixed_months,
                "waiting_months_per_uncovered_year": row.months_per_uncovered_year,
            }
        return Outcome.REFUND_ELIGIBLE, [
            step(
                EnrolmentReason.STARTED_BEFORE_TREATMENT, "DUP-1",
                other_start=other_start, treatment_start=periods.treatment_start, as_of=as_of,
            ),
            step(EnrolmentReason.SUBSIDY_NOT_REFUNDED, "DUP-1"),
            # RES-2, RES-3: said before anyone cancels, since cancelling is what starts the break.
            set_locally or step(
                EnrolmentReason.WAITING_PERIOD_ON_RETURN, "RES-2", cites=row.citations,
                fixed_months=row.fixed_months, months_per_uncovered_year=row.months_per_uncovered_year,
            ),
            step(EnrolmentReason.CONTINUITY_REWARDS_LOST, "RES-4/5"),
        ], figures
    return Outcome.REFUND_NOT_ELIGIBLE, [
        step(
            EnrolmentReason.STARTED_DURING_TREATMENT, "DUP-2",
            other_start=other_start, treatment_start=periods.treatment_start, as_of=as_of,
        ),
        step(EnrolmentReason.NO_DOUBLE_BENEFITS, "DUP-2"),
    ], {}


def waiting_period(parameters, year, as_of):
    """RES-2: (the waiting-period row for `year`, the step saying it was set locally), the step None when a
    national rule applied: each checker tells of the national rule in its own words."""
    row = parameters.waiting_row(year, as_of)
    if row.fixed_months is None:
        return row, step(EnrolmentReason.WAITING_PERIOD_SET_LOCALLY, "RES-2", cites=row.citations, year=year)
    return row, None
