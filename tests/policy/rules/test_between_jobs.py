"""Between-jobs rules, one table per clause (national periods: pay Sep 1 - Dec 31 for cover Jan 1 - Dec 31)."""

from datetime import date

import pytest

from policy.rules.between_jobs import BetweenJobsFacts, BetweenJobsReason, WhyLeaving, benefit_months, decide
from policy.rules.between_jobs import BetweenJobsOutcome as Outcome
from policy.rules.enrolment import OtherScheme
from policy.rules.parameters import NATIONAL
from policy.rules.pay_again import PayAgainFacts
from policy.rules.pay_again import decide as pay_again_decide

AS_OF = date(2026, 12, 7)
LAST_DAY = date(2026, 11, 20)


def facts(why=WhyLeaving.EMPLOYER_ENDED, years=3, next_job_start=None, last_day=LAST_DAY):
    return BetweenJobsFacts(last_day, why, None if why is WhyLeaving.RESIGNED else years, next_job_start)


def codes(decision):
    return [reason.code for reason in decision.reasons]


@pytest.mark.parametrize(
    "why, years, outcome",
    [
        pytest.param(WhyLeaving.EMPLOYER_ENDED, 1, Outcome.BENEFIT_COVERS_MEDICAL, id="UNE-1 one year paid"),
        pytest.param(WhyLeaving.EMPLOYER_ENDED, 0, Outcome.CHOOSE_HOW_TO_STAY_COVERED, id="UNE-1 under a year"),
        pytest.param(WhyLeaving.RESIGNED, None, Outcome.CHOOSE_HOW_TO_STAY_COVERED, id="UNE-1 own wish"),
    ],
)
def test_une_1_benefit_needs_a_year_paid_and_not_own_wish(why, years, outcome):
    assert decide(facts(why, years), AS_OF, NATIONAL).outcome is outcome


@pytest.mark.parametrize(
    "why, qualifies",
    [
        pytest.param(WhyLeaving.CONTRACT_ENDED, True, id="UNE-2 contract ended"),
        pytest.param(WhyLeaving.EMPLOYER_ENDED, True, id="UNE-2 employer ended it"),
        pytest.param(WhyLeaving.RESIGNED_EMPLOYER_FAULT, True, id="UNE-2 resigned for the employer's fault"),
        pytest.param(WhyLeaving.RESIGNED, False, id="UNE-2 other resignations"),
    ],
)
def test_une_2_not_by_own_wish(why, qualifies):
    decision = decide(facts(why, 3), AS_OF, NATIONAL)
    assert (decision.outcome is Outcome.BENEFIT_COVERS_MEDICAL) is qualifies
    assert (BetweenJobsReason.NOT_OWN_WISH if qualifies else BetweenJobsReason.OWN_WISH) in codes(decision)


@pytest.mark.parametrize(
    "years, months",
    [
        pytest.param(0, 0, id="UNE-3 under a year: none"),
        pytest.param(1, 12, id="UNE-3 1 year: 12 months"),
        pytest.param(4, 12, id="UNE-3 4 years: 12 months"),
        pytest.param(5, 18, id="UNE-3 5 years: 18 months"),
        pytest.param(9, 18, id="UNE-3 9 years: 18 months"),
        pytest.param(10, 24, id="UNE-3 10 years: 24 months"),
        pytest.param(30, 24, id="UNE-3 30 years: 24 months"),
    ],
)
def test_une_3_benefit_months(years, months):
    assert benefit_months(years) == months
    if months:
        assert decide(facts(years=years), AS_OF, NATIONAL).figures == {"benefit_months": months}


@pytest.mark.parametrize(
    "code, clause",
    [
        pytest.param(BetweenJobsReason.FUND_PAYS_MEDICAL, "UNE-4", id="UNE-4 fund pays the medical premiums"),
        pytest.param(BetweenJobsReason.REGISTER_PROMPTLY, "UNE-5", id="UNE-5 register promptly"),
        pytest.param(BetweenJobsReason.BENEFIT_STOPS, "UNE-6", id="UNE-6 what stops it"),
    ],
)
def test_une_4_to_6_the_benefit_answer_says(code, clause):
    decision = decide(facts(), AS_OF, NATIONAL)
    assert [reason.clause for reason in decision.reasons if reason.code is code] == [clause]


def test_une_5_a_deadline_is_local():
    decision = decide(facts(), AS_OF, NATIONAL)
    assert decision.needs_local_check


@pytest.mark.parametrize(
    "next_job_start, outcome, code",
    [
        pytest.param(date(2026, 12, 31), Outcome.NEW_JOB_KEEPS_COVER, BetweenJobsReason.NEW_JOB_NEXT_MONTH,
                     id="UNE-6 UNE-7 new job by the end of the next month"),
        pytest.param(date(2027, 1, 1), Outcome.BENEFIT_COVERS_MEDICAL, BetweenJobsReason.BENEFIT_ENDS_WITH_NEW_JOB,
                     id="UNE-6 a later job ends the benefit"),
    ],
)
def test_une_6_new_job(next_job_start, outcome, code):
    decision = decide(facts(next_job_start=next_job_start), AS_OF, NATIONAL)
    assert decision.outcome is outcome
    assert code in codes(decision)


@pytest.mark.parametrize(
    "last_day, next_job_start, as_of, outcome, figures",
    [
        pytest.param(
            LAST_DAY, None, AS_OF, Outcome.CHOOSE_HOW_TO_STAY_COVERED,
            {"uncovered_from": date(2026, 12, 1), "resident_year": 2027, "benefits_from": date(2027, 1, 1)},
            id="UNE-7 RES-1 next year's period still open",
        ),
        pytest.param(
            date(2026, 5, 20), None, date(2026, 6, 7), Outcome.CHOOSE_HOW_TO_STAY_COVERED,
            {"uncovered_from": date(2026, 6, 1), "resident_year": 2026, "benefits_from": date(2026, 9, 7)},
            id="UNE-7 RES-2 late for this year: three months' wait",
        ),
        pytest.param(
            date(2026, 5, 31), None, date(2026, 5, 1), Outcome.CHOOSE_HOW_TO_STAY_COVERED,
            {"uncovered_from": date(2026, 6, 1), "resident_year": 2026, "benefits_from": date(2026, 8, 1)},
            id="UNE-7 RES-2 planned ahead: the wait runs from the day of payment",
        ),
        pytest.param(
            date(2026, 5, 20), date(2026, 8, 1), date(2026, 6, 7), Outcome.CHECK_LOCALLY,
            {"uncovered_from": date(2026, 6, 1)}, id="UNE-7 RES-2 resident insurance fills no gap before the job",
        ),
        pytest.param(
            date(2024, 5, 20), None, date(2024, 6, 7), Outcome.CHECK_LOCALLY,
            {"uncovered_from": date(2024, 6, 1)}, id="UNE-7 RES-2 waiting period set locally before 2025",
        ),
        pytest.param(
            date(2014, 5, 20), None, date(2026, 6, 7), Outcome.CHECK_LOCALLY,
            {"uncovered_from": date(2014, 6, 1)}, id="UNE-7 RES-3 a break too long to count",
        ),
    ],
)
def test_une_7_without_benefit(last_day, next_job_start, as_of, outcome, figures):
    decision = decide(facts(WhyLeaving.RESIGNED, last_day=last_day, next_job_start=next_job_start), as_of, NATIONAL)
    assert decision.outcome is outcome
    assert {name: decision.figures.get(name) for name in figures} == figures
    assert BetweenJobsReason.FLEXIBLE_WORKER in codes(decision)


@pytest.mark.parametrize(
    "last_day, as_of, year, covered, years_without",
    [
        pytest.param(date(2026, 5, 20), date(2026, 6, 7), 2026, True, 1, id="UNE-7 RES-2 covered the year before"),
        pytest.param(date(2023, 5, 20), date(2026, 6, 7), 2026, False, 2, id="UNE-7 RES-3 two years without"),
    ],
)
def test_une_7_resident_route_is_what_pay_again_answers(last_day, as_of, year, covered, years_without):
    decision = decide(facts(WhyLeaving.RESIGNED, last_day=last_day), as_of, NATIONAL)
    paying_facts = PayAgainFacts(year, False, OtherScheme.NONE, None, covered, years_without)
    paying = pay_again_decide(paying_facts, as_of, NATIONAL)
    assert decision.figures["benefits_from"] == paying.figures["benefits_from"]


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"why": WhyLeaving.EMPLOYER_ENDED, "unemployment_years": None}, id="UNE-1 years needed"),
        pytest.param({"why": WhyLeaving.CONTRACT_ENDED, "unemployment_years": -1}, id="UNE-1 years not negative"),
        pytest.param({"why": WhyLeaving.RESIGNED, "next_job_start": LAST_DAY}, id="UNE-6 new job after the last day"),
    ],
)
def test_facts_guard(kwargs):
    with pytest.raises(ValueError):
        BetweenJobsFacts(LAST_DAY, **kwargs)
