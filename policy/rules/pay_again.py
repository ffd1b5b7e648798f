"""Checker "pay-again": should this person pay the resident medical insurance for a coverage year?"""

from dataclasses import dataclass
from datetime import date

from .decision import Outcome, Trace
from .enrolment import OtherScheme, check_other_enrolment, enrolled_elsewhere, read_periods, refund_outcome
from .periods import months_after


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

    if facts.other_scheme is not OtherScheme.NONE and _starts_later_in_year(facts.other_start, periods, as_of):
        return _uncovered_until_other_start(trace, facts, as_of, parameters, row, periods)
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
        benefits_from = _late_waiting_period(trace, parameters, facts.year, as_of)
        if benefits_from is not None and benefits_from > periods.treatment_end:
            trace.step("late_payment_buys_nothing", "RES-2", benefits_from=benefits_from, **periods.as_figures())
            _next_year(trace, parameters, facts.year + 1, as_of)
            return trace.decide(Outcome.PAY_NEXT_YEAR_INSTEAD, as_of)
        return trace.decide(Outcome.CAN_PAY_WITH_WAITING_PERIOD, as_of)
    trace.step("after_treatment", "RES-1", treatment_end=periods.treatment_end, **timing)
    return trace.decide(Outcome.YEAR_CLOSED, as_of)


def _starts_later_in_year(other_start, periods, as_of):
    """The other enrolment covers the year only when it began by the year's first day or by today;
    one that begins later in the year (a job starting in the autumn) leaves the months before it uncovered."""
    return periods.treatment_start < other_start <= periods.treatment_end and other_start > as_of


def _uncovered_until_other_start(trace, facts, as_of, parameters, row, periods):
    """No cover until the other enrolment starts: what paying resident insurance now would give, and cost."""
    trace.step("uncovered_until_other_start", "DUP-1", other_scheme=facts.other_scheme.value,
               other_start=facts.other_start, as_of=as_of)
    trace.figures["other_start"] = facts.other_start
    timing = {"cites": (row.citation,), "as_of": as_of}
    if as_of < periods.collection_start:
        trace.step("collection_not_open", "RES-1", collection_start=periods.collection_start, **timing)
        benefits_from = periods.treatment_start
    elif as_of <= periods.collection_end:
        trace.step("within_collection", "RES-1", collection_end=periods.collection_end, **timing)
        benefits_from = periods.treatment_start
        trace.figures["benefits_from"] = benefits_from
    else:
        trace.step("after_collection", "RES-1", collection_end=periods.collection_end, **timing)
        benefits_from = _late_waiting_period(trace, parameters, facts.year, as_of)
    if benefits_from is not None and benefits_from >= facts.other_start:
        trace.step("resident_benefits_not_before_other_start", "RES-2",
                   benefits_from=benefits_from, other_start=facts.other_start)
    trace.step("no_refund_once_cover_began", "DUP-2", treatment_start=periods.treatment_start,
               other_start=facts.other_start)
    return trace.decide(Outcome.UNCOVERED_UNTIL_OTHER_START, as_of)


def _late_waiting_period(trace, parameters, year, as_of):
    """RES-2 and RES-3 for a payment made today; returns the first day of benefits, None where set locally."""
    row = parameters.waiting_row(year)
    if row.fixed_months is None:
        trace.step("waiting_period_set_locally", "RES-2", cites=row.citations, year=year)
        return None
    benefits_from = months_after(as_of, row.fixed_months)
    trace.step("fixed_waiting_period", "RES-2", cites=row.citations, months=row.fixed_months)
    trace.step("variable_waiting_period", "RES-3", cites=row.citations, months_per_year=row.months_per_uncovered_year)
    trace.figures["waiting_period_months"] = row.fixed_months
    trace.figures["waiting_months_per_uncovered_year"] = row.months_per_uncovered_year
    trace.figures["benefits_from"] = benefits_from
    return benefits_from


def _next_year(trace, parameters, year, as_of):
    """RES-1 for the next coverage year: whether it can be paid today, or from when, and until when."""
    row = parameters.period_row(year)
    periods = row.periods_for(year)
    trace.figures.update(next_year=year, next_year_pay_from=periods.collection_start,
                         next_year_pay_until=periods.collection_end)
    dates = {"cites": (row.citation,), "year": year, "collection_start": periods.collection_start,
             "collection_end": periods.collection_end, "treatment_start": periods.treatment_start}
    if as_of < periods.collection_start:
        trace.step("next_year_opens_later", "RES-1", **dates)
    elif as_of <= periods.collection_end:
        trace.step("next_year_open_now", "RES-1", **dates)
    else:
        trace.step("next_year_late_too", "RES-1", **dates)
