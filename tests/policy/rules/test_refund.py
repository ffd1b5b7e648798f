"""Refund checker rules, one row per clause and date boundary (coverage year 2026, national periods:
collection 2025-09-01..2025-12-31, treatment 2026-01-01..2026-12-31)."""

from datetime import date

import pytest

from policy.rules.citations import Confidence
from policy.rules.decision import Outcome
from policy.rules.enrolment import OtherScheme
from policy.rules.parameters import NATIONAL, NoParameterRow
from policy.rules.refund import RefundFacts, decide

AS_OF = date(2026, 11, 26)
EMPLOYEE = OtherScheme.EMPLOYEE
ELSEWHERE = OtherScheme.RESIDENT_ELSEWHERE


@pytest.mark.parametrize(
    "scheme, other_start, outcome",
    [
        pytest.param(OtherScheme.NONE, None, Outcome.NO_DUPLICATE, id="DUP-1 no other enrolment"),
        pytest.param(EMPLOYEE, date(2025, 12, 31), Outcome.REFUND_ELIGIBLE, id="DUP-1 day before treatment starts"),
        pytest.param(EMPLOYEE, date(2025, 1, 1), Outcome.REFUND_ELIGIBLE, id="DUP-1 long before treatment"),
        pytest.param(EMPLOYEE, date(2026, 1, 1), Outcome.REFUND_NOT_ELIGIBLE, id="DUP-2 first day of treatment"),
        pytest.param(EMPLOYEE, date(2026, 12, 31), Outcome.REFUND_NOT_ELIGIBLE, id="DUP-2 last day of treatment"),
        pytest.param(EMPLOYEE, date(2027, 1, 1), Outcome.NO_DUPLICATE, id="DUP-1 day after treatment ends"),
        pytest.param(ELSEWHERE, date(2025, 12, 31), Outcome.REFUND_ELIGIBLE, id="DUP-1 other area before treatment"),
        pytest.param(ELSEWHERE, date(2026, 1, 1), Outcome.REFUND_NOT_ELIGIBLE, id="DUP-2 other area in treatment"),
        pytest.param(ELSEWHERE, date(2027, 1, 1), Outcome.NO_DUPLICATE, id="DUP-1 other area after the year"),
    ],
)
def test_refund_outcome(scheme, other_start, outcome):
    assert decide(RefundFacts(2026, scheme, other_start), AS_OF, NATIONAL).outcome is outcome


@pytest.mark.parametrize(
    "scheme, other_start, codes",
    [
        pytest.param(OtherScheme.NONE, None, ["periods", "no_other_enrolment"], id="DUP-1 steps without duplicate"),
        pytest.param(
            EMPLOYEE, date(2027, 1, 1), ["periods", "other_enrolment_after_year"], id="DUP-1 steps after the year"
        ),
        pytest.param(
            EMPLOYEE,
            date(2025, 12, 1),
            [
                "periods", "enrolled_elsewhere_covers_year", "keep_employee_enrolment", "started_before_treatment",
                "subsidy_not_refunded", "waiting_period_on_return", "continuity_rewards_lost",
            ],
            id="DUP-1 DUP-3 RES-2 RES-4/5 steps of a refund",
        ),
        pytest.param(
            ELSEWHERE,
            date(2026, 6, 1),
            ["periods", "enrolled_elsewhere", "keep_usual_residence", "started_during_treatment", "no_double_benefits"],
            id="DUP-2 DUP-3 steps without refund",
        ),
    ],
)
def test_refund_reasons_are_the_steps_taken_in_order(scheme, other_start, codes):
    decision = decide(RefundFacts(2026, scheme, other_start), AS_OF, NATIONAL)
    assert [reason.code for reason in decision.reasons] == codes


def test_refund_eligible_cites_the_clauses_it_read_and_warns_about_waiting():
    decision = decide(RefundFacts(2026, EMPLOYEE, date(2025, 11, 3)), AS_OF, NATIONAL)
    clauses = [citation.clause for citation in decision.citations]
    assert clauses == ["RES-1", "DUP-1", "DUP-3", "RES-2", "RES-3", "RES-4/5"]
    warning = next(reason for reason in decision.reasons if reason.code == "waiting_period_on_return")
    assert warning.params == {"fixed_months": 3, "months_per_uncovered_year": 1}
    assert decision.needs_local_check
    assert decision.as_of == AS_OF


def test_refund_not_eligible_cites_the_fund_regulation_article_17():
    decision = decide(RefundFacts(2026, EMPLOYEE, date(2026, 3, 1)), AS_OF, NATIONAL)
    primary = [citation for citation in decision.citations if citation.confidence is Confidence.P]
    assert [(citation.clause, citation.article) for citation in primary] == [("DUP-2", 17)]


def test_no_duplicate_reads_no_refund_clauses():
    decision = decide(RefundFacts(2026, OtherScheme.NONE), AS_OF, NATIONAL)
    assert {citation.clause for citation in decision.citations} == {"RES-1", "DUP-1"}


@pytest.mark.parametrize(
    "year, reason_code",
    [
        pytest.param(2024, "waiting_period_set_locally", id="RES-2 last year before the national waiting period"),
        pytest.param(2025, "waiting_period_on_return", id="RES-2 first year of the national waiting period"),
    ],
)
def test_refund_waiting_warning_follows_the_rule_in_force(year, reason_code):
    decision = decide(RefundFacts(year, EMPLOYEE, date(year - 1, 12, 1)), AS_OF, NATIONAL)
    assert reason_code in [reason.code for reason in decision.reasons]


def test_figures_are_the_periods_of_the_year():
    decision = decide(RefundFacts(2026, OtherScheme.NONE), AS_OF, NATIONAL)
    assert decision.figures == {
        "collection_start": date(2025, 9, 1),
        "collection_end": date(2025, 12, 31),
        "treatment_start": date(2026, 1, 1),
        "treatment_end": date(2026, 12, 31),
    }


def test_a_year_no_row_covers_is_an_error():
    with pytest.raises(NoParameterRow):
        decide(RefundFacts(2099, OtherScheme.NONE), AS_OF, NATIONAL)


@pytest.mark.parametrize(
    "scheme, other_start",
    [
        pytest.param(EMPLOYEE, None, id="second enrolment without a date"),
        pytest.param(OtherScheme.NONE, date(2026, 1, 1), id="a date without a second enrolment"),
    ],
)
def test_facts_refuse_inconsistent_enrolment(scheme, other_start):
    with pytest.raises(ValueError):
        RefundFacts(2026, scheme, other_start)
