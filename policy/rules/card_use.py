"""Checker "card-use": what may the employee medical insurance card and its personal account pay for?

CASH-1 cashing out, FAM-1..3 relatives' costs, PAY-1 and PAY-2 which treatment the fund pays.
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .decision import Outcome, Trace


class Scheme(Enum):
    """Which medical insurance the card belongs to: only employee insurance has a personal account."""

    EMPLOYEE = "employee"
    RESIDENT = "resident"


class Use(Enum):
    CASH = "cash"
    RELATIVE = "relative"
    TREATMENT = "treatment"


class Relation(Enum):
    SPOUSE = "spouse"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    OTHER = "other"


class Cause(Enum):
    ILLNESS = "illness"
    EMERGENCY = "emergency"
    WORK_INJURY = "work_injury"
    THIRD_PARTY = "third_party"
    PUBLIC_HEALTH = "public_health"
    ABROAD = "abroad"


class ThirdPartyPaid(Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


CLOSE_RELATIVES = frozenset({Relation.SPOUSE, Relation.PARENT, Relation.CHILD})
NEAR_RELATIVES = frozenset({Relation.SIBLING, Relation.GRANDPARENT, Relation.GRANDCHILD})


@dataclass(frozen=True)
class FamilyUse:
    """When the personal account began to pay for each circle of relatives, nationally."""

    close_relatives_from: date  # FAM-1: spouse, parents, children
    near_relatives_rollout_from: date  # FAM-2: the first provinces added near relatives
    near_relatives_from: date  # FAM-2: siblings, grandparents, grandchildren, and relatives' resident premiums


# Opinion 14 is dated April 2021 and the day is not confirmed, so the first of the month stands in
# and readers are told "April 2021". FAM-2: provinces joined during 2024, all of them by 2024-12-09.
NATIONAL_FAMILY_USE = FamilyUse(
    close_relatives_from=date(2021, 4, 1),
    near_relatives_rollout_from=date(2024, 1, 1),
    near_relatives_from=date(2024, 12, 9),
)

# CASH-1: Fund Regulation Art. 41 paragraphs 1 and 2.
SUSPENSION_MONTHS = {"min": 3, "max": 12}
FINE_TIMES = {"min": 2, "max": 5}

# SIL Art. 30: what the fund never pays, whoever treats the person.
EXCLUDED_CAUSES = {
    Cause.WORK_INJURY: "work_injury_fund_pays",
    Cause.PUBLIC_HEALTH: "public_health_excluded",
    Cause.ABROAD: "abroad_excluded",
}


@dataclass(frozen=True)
class CardUseFacts:
    scheme: Scheme
    use: Use
    relation: Relation | None = None
    cause: Cause | None = None
    designated: bool | None = None
    third_party_paid: ThirdPartyPaid | None = None

    def __post_init__(self):
        """Facts guard: each follow-up answer is given exactly when its question applies."""
        treatment = self.use is Use.TREATMENT
        if self.use is not Use.RELATIVE and self.relation is not None:
            raise ValueError("relation is only for use RELATIVE")
        # Resident insurance has no personal account, so for it whose costs they are does not matter.
        if self.use is Use.RELATIVE and self.scheme is Scheme.EMPLOYEE and self.relation is None:
            raise ValueError("relation is required for use RELATIVE with employee insurance")
        if treatment != (self.cause is not None) or treatment != (self.designated is not None):
            raise ValueError("cause and designated are required exactly when use is TREATMENT")
        if (self.cause is Cause.THIRD_PARTY) != (self.third_party_paid is not None):
            raise ValueError("third_party_paid is required exactly when cause is THIRD_PARTY")


def decide(facts, as_of, parameters):
    trace = Trace()
    if facts.use is Use.CASH:
        outcome = _cash(trace)
    elif facts.use is Use.RELATIVE and facts.scheme is Scheme.RESIDENT:
        outcome = _no_personal_account(trace, as_of, parameters)
    elif facts.use is Use.RELATIVE:
        outcome = _relative(trace, facts.relation, as_of, parameters)
    else:
        outcome = _treatment(trace, facts)
    return trace.decide(outcome, as_of)


def _cash(trace):
    trace.step("cash_out_prohibited", "CASH-1")
    trace.step("losses_returned_settlement_suspended", "CASH-1", **SUSPENSION_MONTHS)
    trace.step("fraud_fine", "CASH-1", **FINE_TIMES)
    trace.step("fraud_prosecution", "CASH-1")
    trace.figures.update(suspension_months=SUSPENSION_MONTHS, fine_times=FINE_TIMES)
    return Outcome.PROHIBITED


def _no_personal_account(trace, as_of, family_use):
    """FAM-1 and FAM-2: resident insurance has no personal account; a relative's employee account may help."""
    trace.step("resident_no_personal_account", "FAM-1")
    code = "relative_pays_your_premium" if as_of >= family_use.near_relatives_from else "relative_premium_not_yet"
    trace.step(code, "FAM-2", in_force_from=family_use.near_relatives_from, as_of=as_of)
    trace.step("card_not_to_be_lent", "CASH-1")
    return Outcome.NO_PERSONAL_ACCOUNT


def _relative(trace, relation, as_of, family_use):
    if relation in CLOSE_RELATIVES:
        clause, since, circle = "FAM-1", family_use.close_relatives_from, "close_relatives"
    elif relation in NEAR_RELATIVES:
        clause, since, circle = "FAM-2", family_use.near_relatives_from, "near_relatives"
    else:
        trace.step("relation_not_covered", "FAM-2")
        trace.step("card_not_to_be_lent", "CASH-1")
        return Outcome.NOT_ALLOWED
    if circle == "near_relatives" and family_use.near_relatives_rollout_from <= as_of < since:
        trace.step("near_relatives_rolling_out", clause, rollout_from=family_use.near_relatives_rollout_from,
                   in_force_from=since, as_of=as_of)
        trace.step("card_not_to_be_lent", "CASH-1")
        return Outcome.DEPENDS_ON_PROVINCE
    if as_of < since:
        trace.step(f"{circle}_not_yet", clause, in_force_from=since, as_of=as_of)
        trace.step("card_not_to_be_lent", "CASH-1")
        return Outcome.NOT_ALLOWED
    trace.step(f"{circle}_allowed", clause, in_force_from=since)
    trace.step("family_use_limits", "FAM-1")
    if as_of >= family_use.near_relatives_from:
        trace.step("relatives_premiums", "FAM-2", in_force_from=family_use.near_relatives_from)
    trace.step("family_wallet_across_provinces", "FAM-3")
    return Outcome.ALLOWED


def _treatment(trace, facts):
    cause = facts.cause
    if cause is Cause.THIRD_PARTY:
        # SIL Art. 30: whatever else applies, the person responsible is the one who owes these costs.
        trace.step("third_party_liable", "PAY-2")
    if cause in EXCLUDED_CAUSES:
        trace.step(EXCLUDED_CAUSES[cause], "PAY-2")
        return Outcome.NOT_COVERED
    if not facts.designated and cause is not Cause.EMERGENCY:
        trace.step("not_designated", "PAY-1")
        return Outcome.NOT_COVERED
    trace.step("settled_at_designated" if facts.designated else "emergency_anywhere", "PAY-1")
    if cause is Cause.THIRD_PARTY:
        if facts.third_party_paid is ThirdPartyPaid.YES:
            trace.step("third_party_paid", "PAY-2")
            return Outcome.NOT_COVERED
        code = "third_party_not_paying" if facts.third_party_paid is ThirdPartyPaid.NO else "third_party_unknown"
        trace.step(code, "PAY-2")
        trace.step("fund_recovers", "PAY-2")
        return Outcome.FUND_PAYS_FIRST
    trace.step("listed_drugs_and_treatment", "PAY-1")
    trace.step("older_local_exclusions", "PAY-2")
    return Outcome.COVERED
