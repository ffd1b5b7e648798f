"""Checker "pay-again": should this person pay the resident medical insurance for a coverage year?"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .decision import Decision, Outcome, step
from .enrolment import EnrolmentReason as Shared
from .enrolment import (
    OtherScheme,
    check_other_enrolment,
    enrolled_elsewhere,
    read_periods,
    refund_outcome,
    waiting_period,
)


class PayAgainReason(StrEnum):
    PAID_ONCE_PER_YEAR = "paid_once_per_year"
    COLLECTION_NOT_OPEN = "collection_not_open"
    WITHIN_COLLECTION = "within_collection"
    AFTER_COLLECTION = "after_collection"
    FIXED_WAITING_PERIOD = "fixed_waiting_period"
    VARIABLE_WAITING_PERIOD = "variable_waiting_period"
    AFTER_TREATMENT = "after_treatment"


@dataclass(frozen=True)
class PayAgainFacts:
    year: int
    paid: bool
    other_scheme: OtherScheme
    other_start: date | None = None

    def __post_init__(self):
        check_other_enrolment(self.other_scheme, self.other_start)


def decide(facts, as_of, parameters):
    row, periods, read = read_periods(parameters, facts.year)
    figures = periods.as_figures()
    reasons = [read]
    if facts.paid:
        reasons.append(step(PayAgainReason.PAID_ONCE_PER_YEAR, "DUP-1", year=facts.year))
    elsewhere, found = enrolled_elsewhere(facts.other_scheme, facts.other_start, periods)
    reasons += found
    if facts.paid:
        outcome = Outcome.ALREADY_PAID
        if elsewhere:
            outcome, refund = refund_outcome(parameters, facts.year, facts.other_start, periods)
            reasons += refund
        return Decision.of(outcome, reasons, as_of, figures)
    if elsewhere:
        reasons.append(step(Shared.NO_DOUBLE_BENEFITS, "DUP-2"))
        return Decision.of(Outcome.NO_NEED_TO_PAY, reasons, as_of, figures)

    outcome, timing = _timing(as_of, periods, row.citation)
    reasons.append(timing)
    if outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD:
        late, waiting_figures = _late_waiting_period(parameters, facts.year)
        reasons += late
        figures.update(waiting_figures)
    return Decision.of(outcome, reasons, as_of, figures)


def _timing(as_of, periods, citation):
    """RES-1: where `as_of` falls in the year's periods: (outcome, the step)."""
    timing = {"cites": (citation,), "as_of": as_of}
    if as_of < periods.collection_start:
        return Outcome.COLLECTION_NOT_OPEN, step(
            PayAgainReason.COLLECTION_NOT_OPEN, "RES-1", collection_start=periods.collection_start, **timing
        )
    if as_of <= periods.collection_end:
        return Outcome.CAN_PAY, step(
            PayAgainReason.WITHIN_COLLECTION, "RES-1", collection_end=periods.collection_end, **timing
        )
    if as_of <= periods.treatment_end:
        return Outcome.CAN_PAY_WITH_WAITING_PERIOD, step(
            PayAgainReason.AFTER_COLLECTION, "RES-1", collection_end=periods.collection_end, **timing
        )
    return Outcome.YEAR_CLOSED, step(
        PayAgainReason.AFTER_TREATMENT, "RES-1", treatment_end=periods.treatment_end, **timing
    )


def _late_waiting_period(parameters, year):
    """RES-2 and RES-3 for a late payment: (the steps, the waiting-period figures)."""
    row, set_locally = waiting_period(parameters, year)
    if set_locally:
        return [set_locally], {}
    return [
        step(PayAgainReason.FIXED_WAITING_PERIOD, "RES-2", cites=row.citations, months=row.fixed_months),
        step(
            PayAgainReason.VARIABLE_WAITING_PERIOD, "RES-3", cites=row.citations,
            months_per_year=row.months_per_uncovered_year,
        ),
    ], {"waiting_period_months": row.fixed_months, "waiting_months_per_uncovered_year": row.months_per_uncovered_year}
