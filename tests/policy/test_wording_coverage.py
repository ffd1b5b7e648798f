"""Every outcome, reason and answer option the rules declare has its words, in English and in Chinese.

Adding a member to a rules enum fails here until its checker's wording module words it and the
Chinese catalogue translates it.
"""

import itertools
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from policy.rules import between_jobs, card_use, pay_again, refund, retirement
from policy.rules.between_jobs import BetweenJobsFacts, BetweenJobsOutcome, BetweenJobsReason, WhyLeaving
from policy.rules.card_use import (
    NATIONAL_FAMILY_USE,
    CardUseFacts,
    CardUseReason,
    Cause,
    Relation,
    Scheme,
    ThirdPartyPaid,
    Use,
)
from policy.rules.citations import Citation, Confidence
from policy.rules.decision import CannotDecide, Outcome
from policy.rules.enrolment import EnrolmentReason, OtherScheme
from policy.rules.parameters import NATIONAL, NATIONAL_WAITING, Parameters, PeriodRow
from policy.rules.pay_again import PayAgainFacts, PayAgainReason
from policy.rules.periods import DayInYear
from policy.rules.refund import RefundFacts
from policy.rules.retirement import (
    NO_REGION,
    Month,
    RequiredYears,
    RequiredYearsRow,
    RetirementCategory,
    RetirementFacts,
    RetirementReason,
    plain,
)
from policy.wording import MODULES, present
from policy.wording import between_jobs as between_jobs_words
from policy.wording import card_use as card_use_words
from policy.wording import enrolment as enrolment_words
from policy.wording import pay_again as pay_again_words
from policy.wording import refund as refund_words
from policy.wording import retirement as retirement_words

from .test_wording import TESTSHIRE

# The reasons each wording module words: its checker's rules' enum (refund gives only shared reasons).
REASONS_WORDED = {
    enrolment_words: set(EnrolmentReason),
    pay_again_words: set(PayAgainReason),
    refund_words: set(),
    card_use_words: set(CardUseReason),
    retirement_words: set(RetirementReason),
    between_jobs_words: set(BetweenJobsReason),
}
ALL_REASONS = [member for members in REASONS_WORDED.values() for member in members]
OPTION_LABELS = [
    pytest.param(OtherScheme, enrolment_words.OTHER_SCHEME_LABELS, id="other scheme"),
    pytest.param(RetirementCategory, retirement_words.CATEGORY_LABELS, id="retirement category"),
    pytest.param(Scheme, card_use_words.SCHEME_LABELS, id="card scheme"),
    pytest.param(Use, card_use_words.USE_LABELS, id="card use"),
    pytest.param(Relation, card_use_words.RELATION_LABELS, id="relation"),
    pytest.param(Cause, card_use_words.CAUSE_LABELS, id="cause"),
    pytest.param(ThirdPartyPaid, card_use_words.THIRD_PARTY_PAID_LABELS, id="third party paid"),
    pytest.param(WhyLeaving, between_jobs_words.WHY_LABELS, id="why leaving"),
]
# Every checker's outcomes: the shared enum, and the between-jobs checker's own.
ALL_OUTCOMES = {*Outcome, *BetweenJobsOutcome}
HAN = re.compile(r"[\u4e00-\u9fff]")

TESTSHIRE_PERIODS = Parameters(
    periods=(
        PeriodRow(
            2000, None, DayInYear(10, 1, -1), DayInYear(12, 20, -1), DayInYear(1, 1), DayInYear(12, 31),
            Citation("RES-1", Confidence.L, title="Testshire notice"), region_code="999001", region_name="Testshire",
        ),
    ),
    waiting=NATIONAL_WAITING,
    region_code="999001",
)
NO_ROW_YEARS = RequiredYears(region_code="999002", region_name="Testshire")
# Rows only before and after the retirement months asked about: the answer says what they do know.
OTHER_MONTHS_YEARS = RequiredYears(
    rows=(
        RequiredYearsRow(
            date(2000, 1, 1), date(2019, 12, 31), Decimal(20), Decimal(15), None,
            Citation("EMP-2", Confidence.L, title="Testshire old notice"),
        ),
        RequiredYearsRow(
            date(2060, 1, 1), None, Decimal(30), Decimal(25), Decimal(10),
            Citation("EMP-2", Confidence.L, title="Testshire notice"),
        ),
    ),
    region_code="999003",
    region_name="Testshire",
)
# Cover from Sep 1 to Aug 31 of the next year, paid Aug 31 to Oct 31 (a college-student scheme).
ACADEMIC_PERIODS = Parameters(
    periods=(
        PeriodRow(
            2000, None, DayInYear(8, 31), DayInYear(10, 31), DayInYear(9, 1), DayInYear(8, 31, 1),
            Citation("RES-1", Confidence.L, title="Testshire college notice"), region_code="999004",
            region_name="Testshire",
        ),
    ),
    waiting=NATIONAL_WAITING,
    region_code="999004",
)


def enrolment_cases():
    for year, parameters in itertools.product((2024, 2026), (NATIONAL, TESTSHIRE_PERIODS, ACADEMIC_PERIODS)):
        others = [
            (OtherScheme.NONE, None),
            (OtherScheme.EMPLOYEE, date(year - 1, 12, 1)),
            (OtherScheme.RESIDENT_ELSEWHERE, date(year, 6, 1)),
            (OtherScheme.FLEXIBLE, date(year - 1, 11, 1)),
            (OtherScheme.EMPLOYEE, date(year, 12, 1)),
            (OtherScheme.EMPLOYEE, date(year + 1, 1, 2)),
        ]
        days = [
            date(year - 1, 8, 1), date(year - 1, 10, 15), date(year, 3, 1), date(year, 9, 15), date(year, 10, 15),
            date(year, 12, 25), date(year + 1, 2, 1), date(year + 1, 6, 1),
        ]
        for (scheme, start), as_of in itertools.product(others, days):
            answers = {"year": year}
            yield refund.decide(RefundFacts(year, scheme, start), as_of, parameters), answers
            yield pay_again.decide(PayAgainFacts(year, True, scheme, start), as_of, parameters), answers
            for covered, years_without in ((True, 1), (False, 1), (False, 3)):
                facts = PayAgainFacts(year, False, scheme, start, covered, years_without)
                yield pay_again.decide(facts, as_of, parameters), answers
    # No reviewed rules for 2028 yet: the next year is answered from 2027's.
    yield pay_again.decide(PayAgainFacts(2027, False, OtherScheme.NONE), date(2027, 12, 1), NATIONAL), {"year": 2027}


def card_use_cases():
    facts = []
    for scheme in Scheme:
        # Resident insurance is asked for no relation: it has no personal account.
        relations = [None] if scheme is Scheme.RESIDENT else list(Relation)
        facts += [CardUseFacts(scheme, Use.CASH), *(CardUseFacts(scheme, Use.RELATIVE, r) for r in relations)]
        for cause, designated in itertools.product(Cause, (True, False)):
            for paid in ThirdPartyPaid if cause is Cause.THIRD_PARTY else [None]:
                facts.append(
                    CardUseFacts(scheme, Use.TREATMENT, cause=cause, designated=designated, third_party_paid=paid)
                )
    days = (date(2021, 1, 1), date(2023, 1, 1), date(2024, 6, 1), date(2026, 1, 1))
    for fact, as_of in itertools.product(facts, days):
        yield card_use.decide(fact, as_of, NATIONAL_FAMILY_USE), {}


def retirement_cases():
    born = (Month(1960, 5), Month(1970, 1), Month(1990, 1))
    years = [(Decimal(40), Decimal(20)), (Decimal("12.5"), Decimal(3)), (Decimal(22), None)]
    for category, birth, (paid, local), parameters in itertools.product(
        RetirementCategory, born, years, (NO_REGION, TESTSHIRE, NO_ROW_YEARS, OTHER_MONTHS_YEARS)
    ):
        try:
            decision = retirement.decide(RetirementFacts(category, birth, paid, local), date(2026, 5, 1), parameters)
        except CannotDecide:
            continue
        yield decision, {"years_paid": plain(paid), "region_name": parameters.region_name}


def between_jobs_cases():
    leaving = [(why, 3) for why in WhyLeaving] + [(WhyLeaving.EMPLOYER_ENDED, 0), (WhyLeaving.CONTRACT_ENDED, 12)]
    last_days = (date(2024, 5, 20), date(2026, 5, 20), date(2026, 11, 20), date(2014, 5, 20))
    for (why, years), last_day, next_job in itertools.product(leaving, last_days, (None, 20, 60)):
        start = next_job and last_day + timedelta(next_job)
        facts = BetweenJobsFacts(last_day, why, None if why is WhyLeaving.RESIGNED else years, start)
        days = (last_day + timedelta(18), date(2026, 12, 7))
        for as_of, parameters in itertools.product(days, (NATIONAL, ACADEMIC_PERIODS)):
            yield between_jobs.decide(facts, as_of, parameters), {}


def every_decision():
    return [*enrolment_cases(), *card_use_cases(), *retirement_cases(), *between_jobs_cases()]


def test_each_outcome_is_worded_once_with_a_title_a_summary_and_next_steps():
    for table in ("OUTCOME_TITLES", "OUTCOME_SUMMARIES", "NEXT_STEPS"):
        worded = [outcome for module in MODULES for outcome in getattr(module, table)]
        assert len(worded) == len(set(worded)), table
        assert set(worded) == ALL_OUTCOMES, table


def test_each_checker_words_every_reason_its_rules_declare_and_no_other():
    assert set(MODULES) == set(REASONS_WORDED)
    for module in MODULES:
        assert set(module.REASONS) == REASONS_WORDED[module], module.__name__


def test_reason_codes_are_unique_across_checkers():
    # The codes are strings too (the API shows them), so two checkers may not share one.
    assert len({member.value for member in ALL_REASONS}) == len(ALL_REASONS)


@pytest.mark.parametrize("enum, labels", OPTION_LABELS)
def test_every_answer_option_has_a_label_in_both_languages(enum, labels):
    assert set(labels) == set(enum)
    for label in labels.values():
        with translation.override("en"):
            assert str(label) and not HAN.search(str(label))
        with translation.override("zh-hans"):
            assert HAN.search(str(label)), str(label)


def test_the_cases_below_reach_every_outcome_and_every_reason():
    decisions = [decision for decision, _ in every_decision()]
    assert {decision.outcome for decision in decisions} == ALL_OUTCOMES
    reached = {reason.code for decision in decisions for reason in decision.reasons}
    assert reached == set(ALL_REASONS)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_outcome_and_reason_reads_in_both_languages(language):
    for decision, answers in every_decision():
        with translation.override(language):
            answer = present(decision, answers)
        texts = [answer["title"], answer["summary"], *answer["next_steps"], *(r["text"] for r in answer["reasons"])]
        for text in texts:
            assert text and "%(" not in text, text
            if language == "en":
                assert not HAN.search(text), text
            else:
                assert HAN.search(text), text
