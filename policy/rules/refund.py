"""Checker "refund": can the resident contribution for a coverage year be refunded?"""

from dataclasses import dataclass
from datetime import date

from .decision import Decision, Outcome
from .enrolment import (
    PERIOD_FIGURES,
    REFUND_FIGURES,
    OtherScheme,
    check_other_enrolment,
    enrolled_elsewhere,
    read_periods,
    refund_outcome,
)

FIGURES = {**PERIOD_FIGURES, **REFUND_FIGURES}


@dataclass(frozen=True)
class RefundFacts:
    year: int
    other_scheme: OtherScheme
    other_start: date | None = None

    def __post_init__(self):
        check_other_enrolment(self.other_scheme, self.other_start)


def decide(facts, as_of, parameters):
    _, periods, reasons, figures = read_periods(parameters, facts.year, as_of)
    elsewhere, found = enrolled_elsewhere(facts.other_scheme, facts.other_start, periods, as_of)
    reasons += found
    outcome = Outcome.NO_DUPLICATE
    if elsewhere:
        outcome, refund, refund_figures = refund_outcome(parameters, facts.year, facts.other_start, periods, as_of)
        reasons += refund
        figures.update(refund_figures)
    return Decision.of(outcome, reasons, as_of, figures)
