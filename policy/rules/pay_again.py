"""Checker "pay-again": should this person pay the resident medical insurance for a coverage year?"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .decision import CannotDecide, Decision, Outcome, step
from .enrolment import (
    PERIOD_FIGURES,
    REFUND_FIGURES,
    OtherScheme,
    check_other_enrolment,
    enrolled_elsewhere,
    read_periods,
    refund_outcome,
    waiting_period,
)
from .enrolment import EnrolmentReason as Shared
from .figures import Figure
from .periods import months_after


class PayAgainReason(StrEnum):
    PAID_ONCE_PER_YEAR = "paid_once_per_year"
    COLLECTION_NOT_OPEN = "collection_not_open"
    WITHIN_COLLECTION = "within_collection"
    AFTER_COLLECTION = "after_collection"
    FIXED_WAITING_PERIOD = "fixed_waiting_period"
    BREAK_IN_COVER = "break_in_cover"
    VARIABLE_WAITING_PERIOD = "variable_waiting_period"
    WAITING_PERIOD_EXEMPTIONS = "waiting_period_exemptions"
    AFTER_TREATMENT = "after_treatment"
    LATE_PAYMENT_BUYS_NOTHING = "late_payment_buys_nothing"
    NEXT_YEAR_OPEN_NOW = "next_year_open_now"
    NEXT_YEAR_OPENS_LATER = "next_year_opens_later"
    NEXT_YEAR_LATE_TOO = "next_year_late_too"
    NEXT_YEAR_WAITING_PERIOD = "next_year_waiting_period"
    UNCOVERED_UNTIL_OTHER_START = "uncovered_until_other_start"
    RESIDENT_BENEFITS_NOT_BEFORE_OTHER_START = "resident_benefits_not_before_other_start"
    NO_REFUND_ONCE_COVER_BEGAN = "no_refund_once_cover_began"


# A break this long or longer brings a waiting period of a year or more (RES-3), which the sources do not
# say how to count: readers are sent to their local office instead.
MAX_YEARS_WITHOUT_COVER = 9

# Outcomes that tell the reader to pay for the year asked (or when to): none may when the payment would buy
# nothing, which is why a break in cover must be known before they are given.
PAYING = frozenset({
    Outcome.COLLECTION_NOT_OPEN, Outcome.CAN_PAY, Outcome.CAN_PAY_AFTER_BREAK, Outcome.CAN_PAY_WITH_WAITING_PERIOD,
    Outcome.UNCOVERED_UNTIL_OTHER_START,
})

FIGURES = {
    **PERIOD_FIGURES, **REFUND_FIGURES,
    "other_start": Figure.DATE, "benefits_from": Figure.DATE, "years_without_cover": Figure.WHOLE,
    "next_year": Figure.WHOLE, "next_year_pay_from": Figure.DATE, "next_year_pay_until": Figure.DATE,
    "next_year_years_without_cover": Figure.WHOLE, "next_year_waiting_period_months": Figure.WHOLE,
    "next_year_benefits_from": Figure.DATE,
}


class ContinuityNeeded(CannotDecide):
    """The answer depends on whether the year before the one asked was covered (RES-2), and it was not said."""

    field = "last_year_covered"

    def __init__(self, year):
        self.year = year
        super().__init__(f"say whether coverage year {year - 1} was covered")


@dataclass(frozen=True)
class PayAgainFacts:
    year: int
    paid: bool
    other_scheme: OtherScheme
    other_start: date | None = None
    # Medical insurance of any kind, anywhere, in the year before `year`; None: not said.
    last_year_covered: bool | None = None
    # Whole years in a row without cover just before `year`, when last_year_covered is False.
    years_without_cover: int = 1

    def __post_init__(self):
        check_other_enrolment(self.other_scheme, self.other_start)
        if not 1 <= self.years_without_cover <= MAX_YEARS_WITHOUT_COVER:
            raise ValueError(f"years_without_cover must be 1 to {MAX_YEARS_WITHOUT_COVER}")

    @property
    def break_years(self):
        """Years without cover just before the year asked: 0 when it was covered or not said."""
        return self.years_without_cover if self.last_year_covered is False else 0


def decide(facts, as_of, parameters):
    row, periods, reasons, figures = read_periods(parameters, facts.year, as_of)
    if not facts.paid and facts.other_scheme is not OtherScheme.NONE and _starts_later_in_year(
        facts.other_start, periods, as_of
    ):
        outcome, gap, gap_figures = _uncovered_until_other_start(facts, as_of, parameters, row, periods)
        return Decision.of(outcome, reasons + gap, as_of, {**figures, **gap_figures})
    if facts.paid:
        reasons.append(step(PayAgainReason.PAID_ONCE_PER_YEAR, "DUP-1", year=facts.year))
    elsewhere, found = enrolled_elsewhere(facts.other_scheme, facts.other_start, periods, as_of)
    reasons += found
    if facts.paid:
        outcome = Outcome.ALREADY_PAID
        if elsewhere:
            outcome, refund, refund_figures = refund_outcome(
                parameters, facts.year, facts.other_start, periods, as_of
            )
            reasons += refund
            figures.update(refund_figures)
        return Decision.of(outcome, reasons, as_of, figures)
    if elsewhere:
        reasons.append(step(Shared.NO_DOUBLE_BENEFITS, "DUP-2"))
        return Decision.of(Outcome.NO_NEED_TO_PAY, reasons, as_of, figures)

    outcome, timing = _timing(as_of, periods, row.citation)
    reasons.append(timing)
    if outcome is Outcome.YEAR_CLOSED:
        next_year, next_figures = _next_year(parameters, facts, as_of)
        return Decision.of(outcome, reasons + next_year, as_of, {**figures, **next_figures})
    late = outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD
    waiting, waiting_figures, breaks_matter = _waiting(parameters, facts.year, periods, as_of, late, facts.break_years)
    reasons += waiting
    figures.update(waiting_figures)
    benefits_from = waiting_figures.get("benefits_from")
    if benefits_from is not None and benefits_from > periods.treatment_end:
        # RES-2: the waiting period outlasts the cover, so the payment would buy nothing.
        reasons.append(step(
            PayAgainReason.LATE_PAYMENT_BUYS_NOTHING, "RES-2", benefits_from=benefits_from,
            treatment_end=periods.treatment_end,
        ))
        next_year, next_figures = _next_year(parameters, facts, as_of)
        return Decision.of(Outcome.PAY_NEXT_YEAR_INSTEAD, reasons + next_year, as_of, {**figures, **next_figures})
    if breaks_matter and facts.last_year_covered is None:
        raise ContinuityNeeded(facts.year)
    if outcome is Outcome.CAN_PAY and benefits_from is not None:
        outcome = Outcome.CAN_PAY_AFTER_BREAK
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
            PayAgainReason.AFTER_COLLECTION, "RES-1", collection_end=periods.collection_end,
            treatment_start=periods.treatment_start, **timing
        )
    return Outcome.YEAR_CLOSED, step(
        PayAgainReason.AFTER_TREATMENT, "RES-1", treatment_end=periods.treatment_end, **timing
    )


def _waiting(parameters, year, periods, as_of, late, break_years):
    """RES-2 and RES-3 for a payment for `year` made on `as_of`, late or not, after `break_years` years without
    cover: (the steps, the figures, whether a break in cover would change them).

    The wait runs from the day of payment, and never from before the cover begins: paid within the payment
    period after a break, benefits start that many months after the first day of cover.
    """
    row, set_locally = waiting_period(parameters, year, as_of)
    if set_locally:
        return ([set_locally] if late or break_years else []), {}, False
    extra = row.months_per_uncovered_year * max(break_years - 1, 0)
    months = (row.fixed_months if late or break_years else 0) + extra
    if not months:
        return [], {}, True
    cites = {"cites": row.citations}
    steps = [step(PayAgainReason.FIXED_WAITING_PERIOD, "RES-2", months=row.fixed_months, **cites)] if late else []
    if break_years:
        steps.append(step(
            PayAgainReason.BREAK_IN_COVER, "RES-2", years=break_years, last_year=year - 1,
            fixed_months=row.fixed_months, extra_months=extra, months=months, **cites,
        ))
    steps.append(step(
        PayAgainReason.VARIABLE_WAITING_PERIOD, "RES-3", months_per_year=row.months_per_uncovered_year, **cites,
    ))
    if break_years:
        steps.append(step(PayAgainReason.WAITING_PERIOD_EXEMPTIONS, "RES-2", **cites))
    figures = {
        "waiting_period_months": months,
        "waiting_months_per_uncovered_year": row.months_per_uncovered_year,
        "benefits_from": months_after(max(as_of, periods.treatment_start), months),
    }
    if break_years:
        figures["years_without_cover"] = break_years
    return steps, figures, True


def _next_year(parameters, facts, as_of):
    """RES-1 to RES-3 for the next coverage year, which follows a year without cover: (the steps, the figures),
    none when a payment made today would buy nothing in that year either."""
    year = facts.year + 1
    row, periods, read, _ = read_periods(parameters, year, as_of)
    if as_of > periods.treatment_end:
        return [], {}
    # Not said whether the year before was covered: the year asked alone is a break, the least it can be.
    break_years = min(facts.break_years + 1, MAX_YEARS_WITHOUT_COVER)
    late = as_of > periods.collection_end
    waiting, waiting_figures, _ = _waiting(parameters, year, periods, as_of, late, break_years)
    benefits_from = waiting_figures.get("benefits_from")
    if benefits_from is not None and benefits_from > periods.treatment_end:
        return [], {}
    if as_of < periods.collection_start:
        code = PayAgainReason.NEXT_YEAR_OPENS_LATER
    elif not late:
        code = PayAgainReason.NEXT_YEAR_OPEN_NOW
    else:
        code = PayAgainReason.NEXT_YEAR_LATE_TOO
    steps = [step(
        code, "RES-1", cites=(row.citation,), year=year, collection_start=periods.collection_start,
        collection_end=periods.collection_end, treatment_start=periods.treatment_start,
    ), *read[1:]]
    figures = {
        "next_year": year,
        "next_year_pay_from": periods.collection_start,
        "next_year_pay_until": periods.collection_end,
        "next_year_years_without_cover": break_years,
    }
    if benefits_from is not None:
        steps.append(step(
            PayAgainReason.NEXT_YEAR_WAITING_PERIOD, "RES-2", cites=waiting[0].citations, year=year,
            months=waiting_figures["waiting_period_months"], benefits_from=benefits_from,
        ))
        figures["next_year_waiting_period_months"] = waiting_figures["waiting_period_months"]
        figures["next_year_benefits_from"] = benefits_from
    return steps, figures


def _starts_later_in_year(other_start, periods, as_of):
    """The other enrolment covers the year only when it began by the year's first day or by today;
    one that begins later in the year (a job starting in the autumn) leaves the months before it uncovered."""
    return periods.treatment_start < other_start <= periods.treatment_end and other_start > as_of


def _uncovered_until_other_start(facts, as_of, parameters, row, periods):
    """No cover until the other enrolment starts: what paying resident insurance now would give, and cost.
    (the outcome, the steps, the figures)."""
    reasons = [step(
        PayAgainReason.UNCOVERED_UNTIL_OTHER_START, "DUP-1", other_scheme=facts.other_scheme.value,
        other_start=facts.other_start, as_of=as_of,
    )]
    figures = {"other_start": facts.other_start}
    timing_outcome, timing = _timing(as_of, periods, row.citation)
    reasons.append(timing)
    late = timing_outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD
    waiting, waiting_figures, breaks_matter = _waiting(parameters, facts.year, periods, as_of, late, facts.break_years)
    reasons += waiting
    figures.update(waiting_figures)
    if timing_outcome is Outcome.CAN_PAY and "benefits_from" not in figures:
        figures["benefits_from"] = periods.treatment_start
    benefits_from = figures.get("benefits_from")
    outcome = Outcome.UNCOVERED_UNTIL_OTHER_START
    if benefits_from is not None and benefits_from >= facts.other_start:
        # Paid now, resident insurance would start paying only once the other one has: it fills no gap.
        outcome = Outcome.GAP_NOT_FILLED
        reasons.append(step(
            PayAgainReason.RESIDENT_BENEFITS_NOT_BEFORE_OTHER_START, "RES-2",
            benefits_from=benefits_from, other_start=facts.other_start,
        ))
    elif breaks_matter and facts.last_year_covered is None:
        raise ContinuityNeeded(facts.year)
    reasons.append(step(
        PayAgainReason.NO_REFUND_ONCE_COVER_BEGAN, "DUP-2",
        treatment_start=periods.treatment_start, other_start=facts.other_start, as_of=as_of,
    ))
    return outcome, reasons, figures
