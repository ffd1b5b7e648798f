"""Pay-again checker rules, one row per clause and date boundary (coverage year 2026, national periods:
collection 2025-09-01..2025-12-31, treatment 2026-01-01..2026-12-31)."""

from datetime import date

import pytest

from policy.rules.decision import Outcome
from policy.rules.enrolment import OtherScheme
from policy.rules.parameters import NATIONAL
from policy.rules.pay_again import PayAgainFacts, decide

NONE = OtherScheme.NONE
EMPLOYEE = OtherScheme.EMPLOYEE
ELSEWHERE = OtherScheme.RESIDENT_ELSEWHERE
AS_OF = date(2026, 11, 26)


@pytest.mark.parametrize(
    "paid, scheme, other_start, as_of, outcome",
    [
        pytest.param(True, NONE, None, AS_OF, Outcome.ALREADY_PAID, id="DUP-1 paid, no second enrolment"),
        pytest.param(True, EMPLOYEE, date(2027, 1, 1), AS_OF, Outcome.ALREADY_PAID, id="DUP-1 paid, other after year"),
        pytest.param(
            True, EMPLOYEE, date(2025, 12, 31), AS_OF, Outcome.REFUND_ELIGIBLE, id="DUP-1 paid, other before treatment"
        ),
        pytest.param(
            True, ELSEWHERE, date(2026, 1, 1), AS_OF, Outcome.REFUND_NOT_ELIGIBLE, id="DUP-2 paid, other in treatment"
        ),
        pytest.param(
            False, EMPLOYEE, date(2026, 12, 31), AS_OF, Outcome.NO_NEED_TO_PAY, id="DUP-2 unpaid, other by year end"
        ),
        pytest.param(
            False, ELSEWHERE, date(2024, 5, 1), AS_OF, Outcome.NO_NEED_TO_PAY, id="DUP-3 unpaid, other area earlier"
        ),
        pytest.param(
            False, EMPLOYEE, date(2027, 1, 1), date(2025, 10, 1), Outcome.CAN_PAY, id="DUP-1 unpaid, other after year"
        ),
        pytest.param(
            False, NONE, None, date(2025, 8, 31), Outcome.COLLECTION_NOT_OPEN, id="RES-1 day before collection opens"
        ),
        pytest.param(False, NONE, None, date(2025, 9, 1), Outcome.CAN_PAY, id="RES-1 first day of collection"),
        pytest.param(False, NONE, None, date(2025, 12, 31), Outcome.CAN_PAY, id="RES-1 last day of collection"),
        pytest.param(
            False, NONE, None, date(2026, 1, 1), Outcome.CAN_PAY_WITH_WAITING_PERIOD, id="RES-2 day after collection"
        ),
        pytest.param(
            False, NONE, None, date(2026, 12, 31), Outcome.CAN_PAY_WITH_WAITING_PERIOD, id="RES-2 last day of treatment"
        ),
        pytest.param(False, NONE, None, date(2027, 1, 1), Outcome.YEAR_CLOSED, id="RES-1 day after treatment ends"),
    ],
)
def test_pay_again_outcome(paid, scheme, other_start, as_of, outcome):
    assert decide(PayAgainFacts(2026, paid, scheme, other_start), as_of, NATIONAL).outcome is outcome


@pytest.mark.parametrize(
    "year, months, codes",
    [
        pytest.param(2024, None, ["waiting_period_set_locally"], id="RES-2 2024 has no national waiting period"),
        pytest.param(
            2025, 3, ["fixed_waiting_period", "variable_waiting_period"], id="RES-2 RES-3 2025 waits 3 months and more"
        ),
    ],
)
def test_late_payment_waiting_period_follows_the_rule_in_force(year, months, codes):
    decision = decide(PayAgainFacts(year, False, NONE), date(year, 2, 1), NATIONAL)
    assert decision.outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD
    assert decision.figures.get("waiting_period_months") == months
    assert [reason.code for reason in decision.reasons][-len(codes):] == codes


def test_late_payment_reasons_and_citations():
    decision = decide(PayAgainFacts(2026, False, NONE), date(2026, 2, 1), NATIONAL)
    assert [reason.code for reason in decision.reasons] == [
        "periods", "no_other_enrolment", "after_collection", "fixed_waiting_period", "variable_waiting_period",
    ]
    assert [citation.clause for citation in decision.citations] == ["RES-1", "DUP-1", "RES-2", "RES-3"]
    assert decision.figures["waiting_period_months"] == 3
    assert decision.figures["waiting_months_per_uncovered_year"] == 1


def test_can_pay_says_until_when():
    decision = decide(PayAgainFacts(2026, False, NONE), date(2025, 10, 1), NATIONAL)
    within = decision.reasons[-1]
    assert (within.code, within.params["collection_end"]) == ("within_collection", date(2025, 12, 31))


def test_paid_ignores_the_date_it_is_asked():
    for as_of in (date(2025, 1, 1), date(2030, 1, 1)):
        assert decide(PayAgainFacts(2026, True, NONE), as_of, NATIONAL).outcome is Outcome.ALREADY_PAID


def test_no_need_to_pay_keeps_the_employee_enrolment():
    decision = decide(PayAgainFacts(2026, False, EMPLOYEE, date(2026, 5, 1)), AS_OF, NATIONAL)
    assert [reason.code for reason in decision.reasons] == [
        "periods", "enrolled_elsewhere", "keep_employee_enrolment", "no_double_benefits",
    ]
