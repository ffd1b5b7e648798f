"""Pay-again checker rules, one row per clause and date boundary (coverage year 2026, national periods:
collection 2025-09-01..2025-12-31, treatment 2026-01-01..2026-12-31)."""

from datetime import date

import pytest

from policy.rules.citations import Citation, Confidence
from policy.rules.decision import Outcome
from policy.rules.enrolment import OtherScheme
from policy.rules.parameters import NATIONAL, NoParameterRow, Parameters, PeriodRow
from policy.rules.pay_again import PayAgainFacts, decide
from policy.rules.periods import DayInYear

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
            False, EMPLOYEE, date(2026, 12, 31), AS_OF, Outcome.GAP_NOT_FILLED,
            id="DUP-2 RES-2 unpaid, other starts later in the year than a late payment's benefits",
        ),
        pytest.param(
            False, EMPLOYEE, date(2026, 12, 31), date(2026, 9, 30), Outcome.UNCOVERED_UNTIL_OTHER_START,
            id="DUP-2 RES-2 unpaid, other starts the day after a late payment's benefits",
        ),
        pytest.param(
            False, EMPLOYEE, date(2026, 1, 1), date(2025, 10, 1), Outcome.NO_NEED_TO_PAY,
            id="DUP-1 unpaid, other starts on the first day of cover",
        ),
        pytest.param(
            False, EMPLOYEE, date(2026, 1, 2), date(2025, 10, 1), Outcome.UNCOVERED_UNTIL_OTHER_START,
            id="DUP-2 unpaid, other starts the second day of cover",
        ),
        pytest.param(
            False, EMPLOYEE, date(2026, 11, 26), AS_OF, Outcome.NO_NEED_TO_PAY, id="DUP-1 unpaid, other starts today"
        ),
        pytest.param(
            False, EMPLOYEE, date(2026, 11, 27), AS_OF, Outcome.GAP_NOT_FILLED,
            id="DUP-2 RES-2 unpaid, other starts tomorrow",
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
            False, NONE, None, date(2026, 9, 30), Outcome.CAN_PAY_WITH_WAITING_PERIOD,
            id="RES-2 benefits would start 2026-12-30, within the cover",
        ),
        pytest.param(
            False, NONE, None, date(2026, 10, 1), Outcome.PAY_NEXT_YEAR_INSTEAD,
            id="RES-2 benefits would start 2027-01-01, after the cover",
        ),
        pytest.param(
            False, NONE, None, date(2026, 12, 31), Outcome.PAY_NEXT_YEAR_INSTEAD, id="RES-2 last day of treatment"
        ),
        pytest.param(False, NONE, None, date(2027, 1, 1), Outcome.YEAR_CLOSED, id="RES-1 day after treatment ends"),
    ],
)
def test_pay_again_outcome(paid, scheme, other_start, as_of, outcome):
    facts = PayAgainFacts(2026, paid, scheme, other_start, last_year_covered=True)
    assert decide(facts, as_of, NATIONAL).outcome is outcome


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
    decision = decide(PayAgainFacts(year, False, NONE, last_year_covered=True), date(year, 2, 1), NATIONAL)
    assert decision.outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD
    assert decision.figures.get("waiting_period_months") == months
    assert [reason.code for reason in decision.reasons][-len(codes):] == codes


def test_late_payment_reasons_and_citations():
    decision = decide(PayAgainFacts(2026, False, NONE, last_year_covered=True), date(2026, 2, 1), NATIONAL)
    assert [reason.code for reason in decision.reasons] == [
        "periods", "no_other_enrolment", "after_collection", "fixed_waiting_period", "variable_waiting_period",
    ]
    assert [citation.clause for citation in decision.citations] == ["RES-1", "DUP-1", "RES-2", "RES-3"]
    assert decision.figures["waiting_period_months"] == 3
    assert decision.figures["waiting_months_per_uncovered_year"] == 1


def test_can_pay_says_until_when():
    decision = decide(PayAgainFacts(2026, False, NONE, last_year_covered=True), date(2025, 10, 1), NATIONAL)
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


@pytest.mark.parametrize(
    "as_of, benefits_from",
    [
        pytest.param(date(2026, 1, 1), date(2026, 4, 1), id="RES-2 day after collection: 3 months later"),
        pytest.param(date(2026, 5, 31), date(2026, 8, 31), id="RES-2 same day of the month"),
        pytest.param(date(2026, 6, 30), date(2026, 9, 30), id="RES-2 30th to 30th"),
        pytest.param(date(2026, 9, 30), date(2026, 12, 30), id="RES-2 issue example: 2026-09-30"),
    ],
)
def test_late_payment_says_from_when_benefits_start(as_of, benefits_from):
    decision = decide(PayAgainFacts(2026, False, NONE, last_year_covered=True), as_of, NATIONAL)
    assert decision.outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD
    assert decision.figures["benefits_from"] == benefits_from


@pytest.mark.parametrize(
    "as_of, benefits_from, reason",
    [
        pytest.param(date(2026, 10, 1), date(2027, 1, 1), "next_year_open_now", id="RES-1 RES-2 2026-10-01"),
        pytest.param(date(2026, 11, 30), date(2027, 2, 28), "next_year_open_now", id="RES-1 RES-2 month's last day"),
        pytest.param(date(2026, 12, 31), date(2027, 3, 31), "next_year_open_now", id="RES-1 RES-2 last day of both"),
    ],
)
def test_pay_next_year_instead_gives_its_figures(as_of, benefits_from, reason):
    decision = decide(PayAgainFacts(2026, False, NONE), as_of, NATIONAL)
    assert decision.outcome is Outcome.PAY_NEXT_YEAR_INSTEAD
    assert decision.figures["waiting_period_months"] == 3
    assert decision.figures["benefits_from"] == benefits_from
    assert decision.figures["next_year"] == 2027
    assert decision.figures["next_year_pay_until"] == date(2026, 12, 31)
    assert [step.code for step in decision.reasons][-3:] == [
        "late_payment_buys_nothing", reason, "next_year_waiting_period",
    ]
    # RES-2: the year asked goes without cover, so the next one follows a break.
    assert decision.figures["next_year_benefits_from"] == date(2027, 4, 1)


def test_pay_next_year_instead_after_the_next_collection_closed_says_so():
    """RES-1 local periods: Shaanxi pays until Dec 20, so on Dec 25 next year's payment period is over too."""
    row = PeriodRow(
        2025, 2027, DayInYear(9, 1, -1), DayInYear(12, 20, -1), DayInYear(1, 1), DayInYear(12, 31),
        citation=Citation("RES-1", Confidence.L, title="Local notice"), region_code="610000", region_name="陕西",
    )
    parameters = Parameters(periods=(row,), waiting=NATIONAL.waiting, region_code="610000")
    decision = decide(PayAgainFacts(2026, False, NONE), date(2026, 12, 25), parameters)
    assert decision.outcome is Outcome.PAY_NEXT_YEAR_INSTEAD
    assert [reason.code for reason in decision.reasons][-2:] == ["next_year_late_too", "next_year_waiting_period"]
    assert decision.figures["next_year_pay_until"] == date(2026, 12, 20)
    assert decision.figures["next_year_benefits_from"] == date(2027, 4, 1)


def test_pay_next_year_instead_answers_from_the_latest_reviewed_rules():
    """RES-1: no reviewed periods for 2028 yet: the answer uses 2027's and says so, rather than fail."""
    decision = decide(PayAgainFacts(2027, False, NONE), date(2027, 12, 1), NATIONAL)
    assert decision.outcome is Outcome.PAY_NEXT_YEAR_INSTEAD
    assert decision.figures["next_year"] == 2028
    assert "rules_not_yet_confirmed" in [reason.code for reason in decision.reasons]


def test_a_year_far_ahead_still_has_no_rules():
    """RES-1: only the years a reader can pay for now are answered from the latest reviewed rules."""
    with pytest.raises(NoParameterRow):
        decide(PayAgainFacts(2029, False, NONE), date(2027, 12, 1), NATIONAL)


UNCOVERED = Outcome.UNCOVERED_UNTIL_OTHER_START


@pytest.mark.parametrize(
    "other_start, as_of, outcome, benefits_from, codes",
    [
        pytest.param(
            date(2026, 6, 1), date(2025, 10, 1), UNCOVERED, date(2026, 1, 1),
            ["uncovered_until_other_start", "within_collection", "no_refund_once_cover_began"],
            id="DUP-2 RES-1 job from June, asked in the payment period",
        ),
        pytest.param(
            date(2026, 12, 1), date(2026, 3, 1), UNCOVERED, date(2026, 6, 1),
            ["uncovered_until_other_start", "after_collection", "fixed_waiting_period", "variable_waiting_period",
             "no_refund_once_cover_began"],
            id="DUP-2 RES-2 job from December, asked in March",
        ),
        pytest.param(
            date(2026, 12, 1), date(2026, 9, 15), Outcome.GAP_NOT_FILLED, date(2026, 12, 15),
            ["uncovered_until_other_start", "after_collection", "fixed_waiting_period", "variable_waiting_period",
             "resident_benefits_not_before_other_start", "no_refund_once_cover_began"],
            id="DUP-2 RES-2 paying now would not fill the gap",
        ),
        pytest.param(
            date(2026, 6, 1), date(2025, 8, 1), UNCOVERED, None,
            ["uncovered_until_other_start", "collection_not_open", "no_refund_once_cover_began"],
            id="DUP-2 RES-1 before payment opens",
        ),
    ],
)
def test_uncovered_until_other_start_says_what_paying_now_gives_and_costs(
    other_start, as_of, outcome, benefits_from, codes
):
    decision = decide(PayAgainFacts(2026, False, EMPLOYEE, other_start, last_year_covered=True), as_of, NATIONAL)
    assert decision.outcome is outcome
    assert decision.figures["other_start"] == other_start
    assert decision.figures.get("benefits_from") == benefits_from
    assert [reason.code for reason in decision.reasons][1:] == codes


@pytest.mark.parametrize(
    "other_start, code",
    [
        pytest.param(date(2025, 12, 1), "enrolled_elsewhere_covers_year", id="DUP-1 began before the year"),
        pytest.param(date(2026, 1, 1), "enrolled_elsewhere_covers_year", id="DUP-1 began on the first day"),
        pytest.param(date(2026, 5, 1), "enrolled_elsewhere", id="DUP-1 began within the year"),
    ],
)
def test_another_enrolment_before_the_year_covers_it(other_start, code):
    decision = decide(PayAgainFacts(2026, False, EMPLOYEE, other_start), AS_OF, NATIONAL)
    assert decision.outcome is Outcome.NO_NEED_TO_PAY
    assert decision.reasons[1].code == code
