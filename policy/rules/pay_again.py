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
from .periods import months_after


class PayAgainReason(StrEnum):
    PAID_ONCE_PER_YEAR = "paid_once_per_year"
    COLLECTION_NOT_OPEN = "collection_not_open"
    WITHIN_COLLECTION = "within_collection"
    AFTER_COLLECTION = "after_collection"
    FIXED_WAITING_PERIOD = "fixed_waiting_period"
    VARIABLE_WAITING_PERIOD = "variable_waiting_period"
    AFTER_TREATMENT = "after_treatment"
    LATE_PAYMENT_BUYS_NOTHING = "late_payment_buys_nothing"
    NEXT_YEAR_OPEN_NOW = "next_year_open_now"
    NEXT_YEAR_OPENS_LATER = "next_year_opens_later"
    NEXT_YEAR_LATE_TOO = "next_year_late_too"
    UNCOVERED_UNTIL_OTHER_START = "uncovered_until_other_start"
    RESIDENT_BENEFITS_NOT_BEFORE_OTHER_START = "resident_benefits_not_before_other_start"
    NO_REFUND_ONCE_COVER_BEGAN = "no_refund_once_cover_began"


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
    if not facts.paid and facts.other_scheme is not OtherScheme.NONE and _starts_later_in_year(
        facts.other_start, periods, as_of
    ):
        gap, gap_figures = _uncovered_until_other_start(facts, as_of, parameters, row, periods)
        return Decision.of(Outcome.UNCOVERED_UNTIL_OTHER_START, reasons + gap, as_of, {**figures, **gap_figures})
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
        late, waiting_figures = _late_waiting_period(parameters, facts.year, as_of)
        reasons += late
        figures.update(waiting_figures)
        benefits_from = waiting_figures.get("benefits_from")
        if benefits_from is not None and benefits_from > periods.treatment_end:
            # RES-2: the waiting period outlasts the cover, so the payment would buy nothing.
            outcome = Outcome.PAY_NEXT_YEAR_INSTEAD
            reasons.append(step(
                PayAgainReason.LATE_PAYMENT_BUYS_NOTHING, "RES-2", benefits_from=benefits_from,
                treatment_end=periods.treatment_end,
            ))
            next_year, next_figures = _next_year(parameters, facts.year + 1, as_of)
            reasons.append(next_year)
            figures.update(next_figures)
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


def _late_waiting_period(parameters, year, as_of):
    """RES-2 and RES-3 for a payment made on `as_of`: (the steps, the waiting-period figures, with the day
    benefits would start)."""
    row, set_locally = waiting_period(parameters, year)
    if set_locally:
        return [set_locally], {}
    return [
        step(PayAgainReason.FIXED_WAITING_PERIOD, "RES-2", cites=row.citations, months=row.fixed_months),
        step(
            PayAgainReason.VARIABLE_WAITING_PERIOD, "RES-3", cites=row.citations,
            months_per_year=row.months_per_uncovered_year,
        ),
    ], {
        "waiting_period_months": row.fixed_months,
        "waiting_months_per_uncovered_year": row.months_per_uncovered_year,
        "benefits_from": months_after(as_of, row.fixed_months),
    }


def _next_year(parameters, year, as_of):
    """RES-1 for the next coverage year: (whether it can be paid today, or from when, the figures)."""
    row = parameters.period_row(year)
    periods = row.periods_for(year)
    dates = {
        "cites": (row.citation,), "year": year, "collection_start": periods.collection_start,
        "collection_end": periods.collection_end, "treatment_start": periods.treatment_start,
    }
    if as_of < periods.collection_start:
        code = PayAgainReason.NEXT_YEAR_OPENS_LATER
    elif as_of <= periods.collection_end:
        code = PayAgainReason.NEXT_YEAR_OPEN_NOW
    else:
        code = PayAgainReason.NEXT_YEAR_LATE_TOO
    return step(code, "RES-1", **dates), {
        "next_year": year,
        "next_year_pay_from": periods.collection_start,
        "next_year_pay_until": periods.collection_end,
    }


def _starts_later_in_year(other_start, periods, as_of):
    """The other enrolment covers the year only when it began by the year's first day or by today;
    one that begins later in the year (a job starting in the autumn) leaves the months before it uncovered."""
    return periods.treatment_start < other_start <= periods.treatment_end and other_start > as_of


def _uncovered_until_other_start(facts, as_of, parameters, row, periods):
    """No cover until the other enrolment starts: what paying resident insurance now would give, and cost.
    (the steps, the figures)."""
    reasons = [step(
        PayAgainReason.UNCOVERED_UNTIL_OTHER_START, "DUP-1", other_scheme=facts.other_scheme.value,
        other_start=facts.other_start, as_of=as_of,
    )]
    figures = {"other_start": facts.other_start}
    outcome, timing = _timing(as_of, periods, row.citation)
    reasons.append(timing)
    benefits_from = None
    if outcome is Outcome.CAN_PAY:
        benefits_from = figures["benefits_from"] = periods.treatment_start
    elif outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD:
        late, waiting_figures = _late_waiting_period(parameters, facts.year, as_of)
        reasons += late
        figures.update(waiting_figures)
        benefits_from = waiting_figures.get("benefits_from")
    if benefits_from is not None and benefits_from >= facts.other_start:
        reasons.append(step(
            PayAgainReason.RESIDENT_BENEFITS_NOT_BEFORE_OTHER_START, "RES-2",
            benefits_from=benefits_from, other_start=facts.other_start,
        ))
    reasons.append(step(
        PayAgainReason.NO_REFUND_ONCE_COVER_BEGAN, "DUP-2",
        treatment_start=periods.treatment_start, other_start=facts.other_start,
    ))
    return reasons, figures
