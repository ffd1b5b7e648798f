"""What every checker returns: the outcome, the steps taken, the sources read, the figures.

Each checker declares the codes of its steps as a StrEnum next to its rules; the Django side words
each member (policy/wording/<checker>.py).
"""

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .citations import CLAUSES, Citation


class Outcome(Enum):
    NO_DUPLICATE = "no_duplicate"
    REFUND_ELIGIBLE = "refund_eligible"
    REFUND_NOT_ELIGIBLE = "refund_not_eligible"
    ALREADY_PAID = "already_paid"
    NO_NEED_TO_PAY = "no_need_to_pay"
    COLLECTION_NOT_OPEN = "collection_not_open"
    CAN_PAY = "can_pay"
    CAN_PAY_AFTER_BREAK = "can_pay_after_break"
    CAN_PAY_WITH_WAITING_PERIOD = "can_pay_with_waiting_period"
    PAY_NEXT_YEAR_INSTEAD = "pay_next_year_instead"
    UNCOVERED_UNTIL_OTHER_START = "uncovered_until_other_start"
    GAP_NOT_FILLED = "gap_not_filled"
    YEAR_CLOSED = "year_closed"
    NO_MORE_PREMIUMS = "no_more_premiums"
    PAY_UP_TO_REQUIRED_YEARS = "pay_up_to_required_years"
    CHECK_LOCALLY = "check_locally"
    PROHIBITED = "prohibited"
    ALLOWED = "allowed"
    NOT_ALLOWED = "not_allowed"
    DEPENDS_ON_PROVINCE = "depends_on_province"
    NO_PERSONAL_ACCOUNT = "no_personal_account"
    COVERED = "covered"
    NOT_COVERED = "not_covered"
    FUND_PAYS_FIRST = "fund_pays_first"


class CannotDecide(Exception):
    """The rules cannot answer from these facts; `field` names the answer the reader should change or add."""

    field = ""


@dataclass(frozen=True)
class Reason:
    """One step the rules took: what they found (a member of the checker's reason enum), under which
    clause, with which figures, and the sources it read."""

    code: Enum
    clause: str
    params: dict = field(default_factory=dict)
    citations: tuple[Citation, ...] = field(default=(), compare=False, repr=False)


def step(code, clause, *, cites=None, **params):
    """A step under `clause`; it reads the clause's sources unless `cites` names the rows it read instead."""
    return Reason(code, clause, params, CLAUSES[clause] if cites is None else tuple(cites))


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    citations: tuple[Citation, ...]
    figures: dict
    as_of: date

    @classmethod
    def of(cls, outcome, reasons, as_of, figures=None):
        """The decision the steps led to, citing each source they read once, in the order first read."""
        citations = dict.fromkeys(citation for reason in reasons for citation in reason.citations)
        return cls(outcome, tuple(reasons), tuple(citations), dict(figures or {}), as_of)

    @property
    def needs_local_check(self):
        return any(citation.confidence.below_primary for citation in self.citations)
