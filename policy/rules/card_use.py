"""Checker "card-use": what may the employee medical insurance card and its personal account pay for?

CASH-1 cashing out, FAM-1..3 relatives' costs, PAY-1 and PAY-2 which treatment the fund pays.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .decision import Decision, Outcome, step
from .figures import Figure


class Scheme(StrEnum):
    """Which medical insurance the card belongs to: only employee insurance has a personal account."""

    EMPLOYEE = "employee"
    # Employee insurance a flexible worker pays themselves (UNE-7): whether it has a personal account is local.
    FLEXIBLE = "flexible"
    RESIDENT = "resident"


class Use(StrEnum):
    CASH = "cash"
    RELATIVE = "relative"
    TREATMENT = "treatment"


class Relation(StrEnum):
    SPOUSE = "spouse"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    OTHER = "other"


class Cause(StrEnum):
    ILLNESS = "illness"
    EMERGENCY = "emergency"
    WORK_INJURY = "work_injury"
    THIRD_PARTY = "third_party"
    PUBLIC_HEALTH = "public_health"
    ABROAD = "abroad"


class ThirdPartyPaid(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class CardUseReason(StrEnum):
    CASH_OUT_PROHIBITED = "cash_out_prohibited"
    LOSSES_RETURNED_SETTLEMENT_SUSPENDED = "losses_returned_settlement_suspended"
    FRAUD_FINE = "fraud_fine"
    FRAUD_PROSECUTION = "fraud_prosecution"
    RELATION_NOT_COVERED = "relation_not_covered"
    CARD_NOT_TO_BE_LENT = "card_not_to_be_lent"
    CLOSE_RELATIVES_NOT_YET = "close_relatives_not_yet"
    NEAR_RELATIVES_NOT_YET = "near_relatives_not_yet"
    CLOSE_RELATIVES_ALLOWED = "close_relatives_allowed"
    NEAR_RELATIVES_ALLOWED = "near_relatives_allowed"
    FAMILY_USE_LIMITS = "family_use_limits"
    RELATIVES_PREMIUMS = "relatives_premiums"
    FAMILY_WALLET_ACROSS_PROVINCES = "family_wallet_across_provinces"
    WORK_INJURY_FUND_PAYS = "work_injury_fund_pays"
    PUBLIC_HEALTH_EXCLUDED = "public_health_excluded"
    ABROAD_EXCLUDED = "abroad_excluded"
    NOT_DESIGNATED = "not_designated"
    SETTLED_AT_DESIGNATED = "settled_at_designated"
    EMERGENCY_ANYWHERE = "emergency_anywhere"
    THIRD_PARTY_PAID = "third_party_paid"
    THIRD_PARTY_NOT_PAYING = "third_party_not_paying"
    THIRD_PARTY_UNKNOWN = "third_party_unknown"
    FUND_RECOVERS = "fund_recovers"
    LISTED_DRUGS_AND_TREATMENT = "listed_drugs_and_treatment"
    OLDER_LOCAL_EXCLUSIONS = "older_local_exclusions"
    NEAR_RELATIVES_ROLLING_OUT = "near_relatives_rolling_out"
    RESIDENT_NO_PERSONAL_ACCOUNT = "resident_no_personal_account"
    RELATIVE_PAYS_YOUR_PREMIUM = "relative_pays_your_premium"
    RELATIVE_PREMIUM_NOT_YET = "relative_premium_not_yet"
    THIRD_PARTY_LIABLE = "third_party_liable"
    FLEXIBLE_WORKER_ACCOUNT_SET_LOCALLY = "flexible_worker_account_set_locally"


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
FIGURES = {"suspension_months": Figure.RANGE, "fine_times": Figure.RANGE}

# SIL Art. 30: what the fund never pays, whoever treats the person.
EXCLUDED_CAUSES = {
    Cause.WORK_INJURY: CardUseReason.WORK_INJURY_FUND_PAYS,
    Cause.PUBLIC_HEALTH: CardUseReason.PUBLIC_HEALTH_EXCLUDED,
    Cause.ABROAD: CardUseReason.ABROAD_EXCLUDED,
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
        if self.use is Use.RELATIVE and self.scheme is not Scheme.RESIDENT and self.relation is None:
            raise ValueError("relation is required for use RELATIVE with employee insurance")
        if treatment != (self.cause is not None) or treatment != (self.designated is not None):
            raise ValueError("cause and designated are required exactly when use is TREATMENT")
        if (self.cause is Cause.THIRD_PARTY) != (self.third_party_paid is not None):
            raise ValueError("third_party_paid is required exactly when cause is THIRD_PARTY")


def decide(facts, as_of, parameters):
    figures = {}
    if facts.use is Use.CASH:
        outcome, reasons = _cash()
        figures = {"suspension_months": SUSPENSION_MONTHS, "fine_times": FINE_TIMES}
    elif facts.use is Use.RELATIVE and facts.scheme is Scheme.RESIDENT:
        outcome, reasons = _no_personal_account(as_of, parameters)
    elif facts.use is Use.RELATIVE:
        outcome, reasons = _relative(facts.relation, as_of, parameters)
        if facts.scheme is Scheme.FLEXIBLE:
            reasons.insert(0, step(CardUseReason.FLEXIBLE_WORKER_ACCOUNT_SET_LOCALLY, "UNE-7"))
    else:
        outcome, reasons = _treatment(facts)
    return Decision.of(outcome, reasons, as_of, figures)


def _cash():
    return Outcome.PROHIBITED, [
        step(CardUseReason.CASH_OUT_PROHIBITED, "CASH-1"),
        step(CardUseReason.LOSSES_RETURNED_SETTLEMENT_SUSPENDED, "CASH-1", **SUSPENSION_MONTHS),
        step(CardUseReason.FRAUD_FINE, "CASH-1", **FINE_TIMES),
        step(CardUseReason.FRAUD_PROSECUTION, "CASH-1"),
    ]


def _no_personal_account(as_of, family_use):
    """FAM-1 and FAM-2: resident insurance has no personal account; a relative's employee account may help."""
    premium = (
        CardUseReason.RELATIVE_PAYS_YOUR_PREMIUM if as_of >= family_use.near_relatives_from
        else CardUseReason.RELATIVE_PREMIUM_NOT_YET
    )
    return Outcome.NO_PERSONAL_ACCOUNT, [
        step(CardUseReason.RESIDENT_NO_PERSONAL_ACCOUNT, "FAM-1"),
        step(premium, "FAM-2", in_force_from=family_use.near_relatives_from, as_of=as_of),
        step(CardUseReason.CARD_NOT_TO_BE_LENT, "CASH-1"),
    ]


def _relative(relation, as_of, family_use):
    not_lent = step(CardUseReason.CARD_NOT_TO_BE_LENT, "CASH-1")
    if relation in CLOSE_RELATIVES:
        clause, since = "FAM-1", family_use.close_relatives_from
        not_yet, allowed = CardUseReason.CLOSE_RELATIVES_NOT_YET, CardUseReason.CLOSE_RELATIVES_ALLOWED
    elif relation in NEAR_RELATIVES:
        clause, since = "FAM-2", family_use.near_relatives_from
        not_yet, allowed = CardUseReason.NEAR_RELATIVES_NOT_YET, CardUseReason.NEAR_RELATIVES_ALLOWED
    else:
        return Outcome.NOT_ALLOWED, [step(CardUseReason.RELATION_NOT_COVERED, "FAM-2"), not_lent]
    if relation in NEAR_RELATIVES and family_use.near_relatives_rollout_from <= as_of < since:
        return Outcome.DEPENDS_ON_PROVINCE, [step(
            CardUseReason.NEAR_RELATIVES_ROLLING_OUT, clause, rollout_from=family_use.near_relatives_rollout_from,
            in_force_from=since, as_of=as_of,
        ), not_lent]
    if as_of < since:
        return Outcome.NOT_ALLOWED, [step(not_yet, clause, in_force_from=since, as_of=as_of), not_lent]
    reasons = [step(allowed, clause, in_force_from=since), step(CardUseReason.FAMILY_USE_LIMITS, "FAM-1")]
    if as_of >= family_use.near_relatives_from:
        reasons.append(step(CardUseReason.RELATIVES_PREMIUMS, "FAM-2", in_force_from=family_use.near_relatives_from))
    reasons.append(step(CardUseReason.FAMILY_WALLET_ACROSS_PROVINCES, "FAM-3"))
    return Outcome.ALLOWED, reasons


def _treatment(facts):
    cause = facts.cause
    # SIL Art. 30: whatever else applies, the person responsible is the one who owes these costs.
    liable = [step(CardUseReason.THIRD_PARTY_LIABLE, "PAY-2")] if cause is Cause.THIRD_PARTY else []
    if cause in EXCLUDED_CAUSES:
        return Outcome.NOT_COVERED, [step(EXCLUDED_CAUSES[cause], "PAY-2")]
    if not facts.designated and cause is not Cause.EMERGENCY:
        return Outcome.NOT_COVERED, [*liable, step(CardUseReason.NOT_DESIGNATED, "PAY-1")]
    where = CardUseReason.SETTLED_AT_DESIGNATED if facts.designated else CardUseReason.EMERGENCY_ANYWHERE
    reasons = [*liable, step(where, "PAY-1")]
    if cause is Cause.THIRD_PARTY:
        if facts.third_party_paid is ThirdPartyPaid.YES:
            return Outcome.NOT_COVERED, [*reasons, step(CardUseReason.THIRD_PARTY_PAID, "PAY-2")]
        unpaid = (
            CardUseReason.THIRD_PARTY_NOT_PAYING if facts.third_party_paid is ThirdPartyPaid.NO
            else CardUseReason.THIRD_PARTY_UNKNOWN
        )
        return Outcome.FUND_PAYS_FIRST, [*reasons, step(unpaid, "PAY-2"), step(CardUseReason.FUND_RECOVERS, "PAY-2")]
    return Outcome.COVERED, [
        *reasons,
        step(CardUseReason.LISTED_DRUGS_AND_TREATMENT, "PAY-1"),
        step(CardUseReason.OLDER_LOCAL_EXCLUSIONS, "PAY-2"),
    ]
