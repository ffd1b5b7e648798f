"""Card-use checker rules: every outcome, named by the clause that decides it."""

from datetime import date

import pytest

from policy.rules.card_use import (
    NATIONAL_FAMILY_USE,
    CardUseFacts,
    Cause,
    Relation,
    Scheme,
    ThirdPartyPaid,
    Use,
    decide,
)
from policy.rules.decision import Outcome

TODAY = date(2026, 5, 1)


EMPLOYEE = Scheme.EMPLOYEE
RESIDENT = Scheme.RESIDENT


def treatment(cause, designated=True, paid=None, scheme=EMPLOYEE):
    return CardUseFacts(scheme, Use.TREATMENT, cause=cause, designated=designated, third_party_paid=paid)


def relative(relation, scheme=EMPLOYEE):
    return CardUseFacts(scheme, Use.RELATIVE, relation=relation)


@pytest.mark.parametrize(
    "facts, as_of, outcome, clause",
    [
        pytest.param(CardUseFacts(EMPLOYEE, Use.CASH), TODAY, Outcome.PROHIBITED, "CASH-1", id="CASH-1 cashing out"),
        pytest.param(
            CardUseFacts(RESIDENT, Use.CASH), TODAY, Outcome.PROHIBITED, "CASH-1", id="CASH-1 resident cashing out"
        ),
        pytest.param(
            relative(None, RESIDENT), TODAY, Outcome.NO_PERSONAL_ACCOUNT, "FAM-1", id="FAM-1 resident: no account"
        ),
        pytest.param(
            relative(Relation.SPOUSE, RESIDENT), TODAY, Outcome.NO_PERSONAL_ACCOUNT, "FAM-2",
            id="FAM-2 resident spouse: no account, relative may pay the premium",
        ),
        pytest.param(
            relative(Relation.SIBLING), date(2023, 12, 31), Outcome.NOT_ALLOWED, "FAM-2",
            id="FAM-2 sibling the day before 2024",
        ),
        pytest.param(
            relative(Relation.SIBLING), date(2024, 1, 1), Outcome.DEPENDS_ON_PROVINCE, "FAM-2",
            id="FAM-2 sibling 2024-01-01 depends on province",
        ),
        pytest.param(
            relative(Relation.GRANDPARENT), date(2024, 12, 8), Outcome.DEPENDS_ON_PROVINCE, "FAM-2",
            id="FAM-2 grandparent 2024-12-08 depends on province",
        ),
        pytest.param(
            relative(Relation.OTHER), date(2024, 6, 1), Outcome.NOT_ALLOWED, "FAM-2", id="FAM-2 other in 2024 never"
        ),
        pytest.param(
            relative(Relation.SPOUSE), date(2024, 6, 1), Outcome.ALLOWED, "FAM-1", id="FAM-1 spouse in 2024"
        ),
        pytest.param(
            treatment(Cause.ILLNESS, scheme=RESIDENT), TODAY, Outcome.COVERED, "PAY-1", id="PAY-1 resident illness"
        ),
        pytest.param(
            treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.NO, scheme=RESIDENT), TODAY, Outcome.FUND_PAYS_FIRST,
            "PAY-2", id="PAY-2 resident third party does not pay",
        ),
        pytest.param(relative(Relation.SPOUSE), TODAY, Outcome.ALLOWED, "FAM-1", id="FAM-1 spouse"),
        pytest.param(relative(Relation.PARENT), date(2021, 4, 1), Outcome.ALLOWED, "FAM-1", id="FAM-1 parent 2021-04"),
        pytest.param(
            relative(Relation.CHILD), date(2021, 3, 31), Outcome.NOT_ALLOWED, "FAM-1", id="FAM-1 child before 2021-04"
        ),
        pytest.param(relative(Relation.SIBLING), TODAY, Outcome.ALLOWED, "FAM-2", id="FAM-2 sibling"),
        pytest.param(
            relative(Relation.GRANDPARENT), date(2024, 12, 9), Outcome.ALLOWED, "FAM-2", id="FAM-2 grandparent 12-09"
        ),
        pytest.param(
            relative(Relation.GRANDCHILD), date(2024, 12, 8), Outcome.DEPENDS_ON_PROVINCE, "FAM-2",
            id="FAM-2 grandchild the day before all provinces",
        ),
        pytest.param(relative(Relation.OTHER), TODAY, Outcome.NOT_ALLOWED, "FAM-2", id="FAM-2 other never"),
        pytest.param(treatment(Cause.ILLNESS), TODAY, Outcome.COVERED, "PAY-1", id="PAY-1 illness, designated"),
        pytest.param(
            treatment(Cause.ILLNESS, designated=False), TODAY, Outcome.NOT_COVERED, "PAY-1", id="PAY-1 not designated"
        ),
        pytest.param(
            treatment(Cause.EMERGENCY, designated=False), TODAY, Outcome.COVERED, "PAY-1",
            id="PAY-1 emergency, not designated",
        ),
        pytest.param(treatment(Cause.WORK_INJURY), TODAY, Outcome.NOT_COVERED, "PAY-2", id="PAY-2 work injury"),
        pytest.param(treatment(Cause.PUBLIC_HEALTH), TODAY, Outcome.NOT_COVERED, "PAY-2", id="PAY-2 public health"),
        pytest.param(treatment(Cause.ABROAD), TODAY, Outcome.NOT_COVERED, "PAY-2", id="PAY-2 abroad"),
        pytest.param(
            treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.YES), TODAY, Outcome.NOT_COVERED, "PAY-2",
            id="PAY-2 third party paid",
        ),
        pytest.param(
            treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.NO), TODAY, Outcome.FUND_PAYS_FIRST, "PAY-2",
            id="PAY-2 third party does not pay",
        ),
        pytest.param(
            treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.UNKNOWN), TODAY, Outcome.FUND_PAYS_FIRST, "PAY-2",
            id="PAY-2 third party unknown",
        ),
        pytest.param(
            treatment(Cause.THIRD_PARTY, designated=False, paid=ThirdPartyPaid.NO), TODAY, Outcome.NOT_COVERED,
            "PAY-1", id="PAY-1 third party, not designated",
        ),
    ],
)
def test_card_use_outcome(facts, as_of, outcome, clause):
    decision = decide(facts, as_of, NATIONAL_FAMILY_USE)
    assert decision.outcome is outcome
    assert clause in {reason.clause for reason in decision.reasons}
    assert decision.citations


def test_cashing_out_lists_the_penalties_from_the_fund_regulation_and_the_law():
    decision = decide(CardUseFacts(EMPLOYEE, Use.CASH), TODAY, NATIONAL_FAMILY_USE)
    assert [reason.code for reason in decision.reasons] == [
        "cash_out_prohibited", "losses_returned_settlement_suspended", "fraud_fine", "fraud_prosecution",
    ]
    assert decision.figures == {"suspension_months": {"min": 3, "max": 12}, "fine_times": {"min": 2, "max": 5}}
    assert [(citation.source.value, citation.article) for citation in decision.citations] == [
        ("fund-regulation", 19), ("fund-regulation", 41), ("social-insurance-law", 88),
    ]
    assert not decision.needs_local_check


def test_family_use_rests_on_secondary_sources_so_the_reader_checks_locally():
    decision = decide(relative(Relation.SPOUSE), TODAY, NATIONAL_FAMILY_USE)
    assert [reason.code for reason in decision.reasons] == [
        "close_relatives_allowed", "family_use_limits", "relatives_premiums", "family_wallet_across_provinces",
    ]
    assert decision.needs_local_check


def test_before_december_2024_a_spouse_is_allowed_but_premiums_are_not_mentioned():
    decision = decide(relative(Relation.SPOUSE), date(2023, 1, 1), NATIONAL_FAMILY_USE)
    assert "relatives_premiums" not in [reason.code for reason in decision.reasons]


def test_not_yet_in_force_says_from_when():
    reason = decide(relative(Relation.SIBLING), date(2023, 12, 31), NATIONAL_FAMILY_USE).reasons[0]
    assert (reason.code, reason.params["in_force_from"]) == ("near_relatives_not_yet", date(2024, 12, 9))


def test_during_2024_near_relatives_depend_on_the_province_and_say_the_window():
    reason = decide(relative(Relation.SIBLING), date(2024, 6, 1), NATIONAL_FAMILY_USE).reasons[0]
    assert reason.code == "near_relatives_rolling_out"
    assert (reason.params["rollout_from"], reason.params["in_force_from"]) == (date(2024, 1, 1), date(2024, 12, 9))


@pytest.mark.parametrize(
    "as_of, code",
    [
        pytest.param(date(2024, 12, 9), "relative_pays_your_premium", id="FAM-2 from 2024-12-09"),
        pytest.param(date(2024, 12, 8), "relative_premium_not_yet", id="FAM-2 before 2024-12-09"),
    ],
)
def test_resident_insurance_has_no_account_but_a_relative_may_pay_the_premium(as_of, code):
    decision = decide(relative(None, RESIDENT), as_of, NATIONAL_FAMILY_USE)
    assert [reason.code for reason in decision.reasons] == ["resident_no_personal_account", code, "card_not_to_be_lent"]
    assert decision.reasons[1].params["in_force_from"] == date(2024, 12, 9)


@pytest.mark.parametrize(
    "facts, outcome",
    [
        pytest.param(treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.YES), Outcome.NOT_COVERED, id="PAY-2 paid"),
        pytest.param(treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.NO), Outcome.FUND_PAYS_FIRST, id="PAY-2 no"),
        pytest.param(
            treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.UNKNOWN), Outcome.FUND_PAYS_FIRST, id="PAY-2 unknown"
        ),
        pytest.param(
            treatment(Cause.THIRD_PARTY, designated=False, paid=ThirdPartyPaid.NO), Outcome.NOT_COVERED,
            id="PAY-1 PAY-2 not designated",
        ),
    ],
)
def test_every_third_party_outcome_cites_article_30_first(facts, outcome):
    decision = decide(facts, TODAY, NATIONAL_FAMILY_USE)
    assert decision.outcome is outcome
    assert decision.reasons[0].code == "third_party_liable"
    cited = [(citation.source.value, citation.article) for citation in decision.citations]
    assert ("social-insurance-law", 30) in cited


def test_third_party_who_does_not_pay_the_fund_pays_first_and_recovers():
    decision = decide(treatment(Cause.THIRD_PARTY, paid=ThirdPartyPaid.NO), TODAY, NATIONAL_FAMILY_USE)
    assert [reason.code for reason in decision.reasons] == [
        "third_party_liable", "settled_at_designated", "third_party_not_paying", "fund_recovers",
    ]
    assert [citation.article for citation in decision.citations] == [30, 28, 29]
    assert not decision.needs_local_check


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"use": Use.RELATIVE}, id="relative without relation"),
        pytest.param({"use": Use.CASH, "relation": Relation.SPOUSE}, id="cash with a relation"),
        pytest.param({"scheme": RESIDENT, "use": Use.CASH, "relation": Relation.SPOUSE}, id="resident cash, relation"),
        pytest.param({"use": Use.TREATMENT, "cause": Cause.ILLNESS}, id="treatment without designated"),
        pytest.param({"use": Use.TREATMENT, "cause": Cause.THIRD_PARTY, "designated": True}, id="no third_party_paid"),
        pytest.param(
            {"use": Use.TREATMENT, "cause": Cause.ILLNESS, "designated": True, "third_party_paid": ThirdPartyPaid.NO},
            id="third_party_paid without a third party",
        ),
    ],
)
def test_facts_refuse_follow_ups_that_do_not_fit(fields):
    with pytest.raises(ValueError):
        CardUseFacts(**{"scheme": EMPLOYEE, **fields})
