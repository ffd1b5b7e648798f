"""Checker "refund": can the resident contribution for a coverage year be refunded?"""

from dataclasses import dataclass
from datetime import date

from .decision import Outcome, Trace
from .enrolment import OtherScheme, check_other_enrolment, enrolled_elsewhere, read_periods, refund_outcome


@dataclass(frozen=True)
class RefundFacts:
    year: int
    other_scheme: OtherScheme
    other_start: date | None = None

    def __post_init__(self):
        check_other_enrolment(self.other_scheme, self.other_start)


def decide(facts, as_of, parameters):
    trace = Trace()
    _, periods = read_periods(trace, parameters, facts.year)
    if not enrolled_elsewhere(trace, facts.other_scheme, facts.other_start, periods):
        return trace.decide(Outcome.NO_DUPLICATE, as_of)
    return trace.decide(refund_outcome(trace, parameters, facts.year, facts.other_start, periods), as_of)
