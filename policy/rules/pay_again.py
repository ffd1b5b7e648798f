"""Checker "pay-again": should this person pay the resident medical insurance for a coverage year?"""

from dataclasses import dataclass
from datetime import date

from .decision import Outcome, Trace
from .enrolment import OtherScheme, check_other_enrolment, enrolled_elsewhere, read_periods, refund_outcome


@dataclass(frozen=True)
class PayAgainFacts:
    year: int
    paid: bool
    other_scheme: OtherScheme
    other_start: date | None = None

    def __post_init__(self):
        check_other_enrolment(self.other_scheme, self.other_start)


def decide(facts, as_of, parameters):
    trace = Trace()
    row, periods = read_periods(trace, parameters, facts.year)
    if facts.paid:
        trace.step("paid_once_per_year", "DUP-1", year=facts.year)
        if not enrolled_elsewhere(trace, facts.other_scheme, facts.other_start, periods):
            return trace.decide(Outcome.ALREADY_PAID, as_of)
        return trace.decide(refund_outcome(trace, parameters, facts.year, facts.other_start, periods), as_of)

    if enrolled_elsewhere(trace, facts.other_scheme, facts.other_start, periods):
        trace.step("no_double_benefits", "DUP-2")
        return trace.decide(Outcome.NO_NEED_TO_PAY, as_of)

    timing = {"cites": (row.citation,), "as_of": as_of}
    if as_of < periods.collection_start:
        trace.step("collection_not_open", "RES-1", collection_start=periods.collection_start, **timing)
        return trace.decide(Outcome.COLLECTION_NOT_OPEN, as_of)
    if as_of <= periods.collection_end:
        trace.step("within_collection", "RES-1", collection_end=periods.collection_end, **timing)
        return trace.decide(Outcome.CAN_PAY, as_of)
    if as_of <= periods.treatment_end:
        trace.step("after_collection", "RES-1", collection_end=periods.collection_end, **timing)
        _late_waiting_period(trace, parameters, facts.year)
        return trace.decide(Outcome.CAN_PAY_WITH_WAITING_PERIOD, as_of)
    trace.step("after_treatment", "RES-1", treatment_end=periods.treatment_end, **timing)
    return trace.decide(Outcome.YEAR_CLOSED, as_of)


def _late_waiting_period(trace, parameters, year):
    row = parameters.waiting_row(year)
    if row.fixed_months is None:
        trace.step("waiting_period_set_locally", "RES-2", cites=row.citations, year=year)
        return
    trace.step("fixed_waiting_period", "RES-2", cites=row.citations, months=row.fixed_months)
    trace.step("variable_waiting_period", "RES-3", cites=row.citations, months_per_year=row.months_per_uncovered_year)
    trace.figures["waiting_period_months"] = row.fixed_months
    trace.figures["waiting_months_per_uncovered_year"] = row.months_per_uncovered_year
