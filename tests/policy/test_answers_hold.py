"""Properties every answer keeps, whatever the year, the day, the region and the answers given.

A grid of facts and days runs through each checker's rules and its words in both languages, and the
answers are held to four invariants:
1. no next step offers a period that has ended by the answer's date;
2. no answer advises paying when benefits would start after that year's cover ends, or on or after
   the other enrolment starts;
3. every date is in the tense the answer's date gives it ("started on" a past day, "starts on" a
   coming one; "retired in", "retire in");
4. the summary and the reasons agree on the outcome.
Between jobs, besides: the benefit answer comes exactly when UNE-1 holds, and resident insurance is never
offered as filling a gap it would start paying only after.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy.rules import between_jobs, card_use, pay_again, refund, retirement
from policy.rules.between_jobs import NOT_OWN_WISH, BetweenJobsFacts, BetweenJobsOutcome, BetweenJobsReason, WhyLeaving
from policy.rules.card_use import NATIONAL_FAMILY_USE, CardUseFacts, Cause, Relation, Scheme, ThirdPartyPaid, Use
from policy.rules.citations import Citation, Confidence
from policy.rules.decision import CannotDecide, Outcome
from policy.rules.enrolment import OtherScheme
from policy.rules.parameters import NATIONAL, NATIONAL_WAITING, Parameters, PeriodRow
from policy.rules.pay_again import MAX_YEARS_WITHOUT_COVER, PAYING, PayAgainFacts, PayAgainReason
from policy.rules.periods import DayInYear
from policy.rules.refund import RefundFacts
from policy.rules.retirement import NO_REGION, Month, RetirementCategory, RetirementFacts, plain
from policy.wording import present
from policy.wording.base import month_text

from .test_wording import TESTSHIRE

SHAANXI = Parameters(
    periods=(
        PeriodRow(
            2025, 2027, DayInYear(9, 1, -1), DayInYear(12, 20, -1), DayInYear(1, 1), DayInYear(12, 31),
            Citation("RES-1", Confidence.L, title="Shaanxi notice"), region_code="610000", region_name="Shaanxi",
        ),
    ),
    waiting=NATIONAL_WAITING,
    region_code="610000",
)
# Cover Sep 1 to Aug 31 of the next year, paid Aug 31 to Oct 31 (a college-student scheme).
ACADEMIC = Parameters(
    periods=(
        PeriodRow(
            2000, 2027, DayInYear(8, 31), DayInYear(10, 31), DayInYear(9, 1), DayInYear(8, 31, 1),
            Citation("RES-1", Confidence.L, title="College notice"), region_code="999004", region_name="Testshire",
        ),
    ),
    waiting=NATIONAL_WAITING,
    region_code="999004",
)
FIRST_DAY, LAST_DAY = date(2023, 6, 1), date(2029, 6, 30)
days = st.integers(0, (LAST_DAY - FIRST_DAY).days).map(lambda offset: FIRST_DAY + timedelta(offset))
GRID = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGUAGES = ("en", "zh-hans")

# Words that offer a period to act in, before the date that closes it.
OFFERS = {"en": ("by {}", "and {}", "until {}"), "zh-hans": ("在{}前", "至{}之间", "截止到{}")}
# Words that put a day in the past, or in the future.
PAST = {
    "en": ("since {}", "started on {}", "ended on {}", "began on {}", "ended, on {}", "retired in {}"),
    "zh-hans": ("已于{}",),
}
FUTURE = {
    "en": ("starts on {}", "opens on {}", "ends on {}", "begins on {}", "retire in {}", "will start on {}"),
    "zh-hans": ("将于{}",),
}
# A reason that says the payment buys nothing contradicts an answer that says to pay.
BUYS_NOTHING = {PayAgainReason.LATE_PAYMENT_BUYS_NOTHING, PayAgainReason.RESIDENT_BENEFITS_NOT_BEFORE_OTHER_START}
# Answers that tell the reader not to pay for the year asked.
NOT_PAYING = {
    Outcome.ALREADY_PAID, Outcome.NO_NEED_TO_PAY, Outcome.PAY_NEXT_YEAR_INSTEAD, Outcome.GAP_NOT_FILLED,
    Outcome.YEAR_CLOSED,
}
# RES-1: where the day falls in the year asked, and the outcomes each place allows.
TIMING_OUTCOMES = {
    PayAgainReason.COLLECTION_NOT_OPEN: {
        Outcome.COLLECTION_NOT_OPEN, Outcome.UNCOVERED_UNTIL_OTHER_START, Outcome.GAP_NOT_FILLED,
    },
    PayAgainReason.WITHIN_COLLECTION: {
        Outcome.CAN_PAY, Outcome.CAN_PAY_AFTER_BREAK, Outcome.UNCOVERED_UNTIL_OTHER_START, Outcome.GAP_NOT_FILLED,
    },
    PayAgainReason.AFTER_COLLECTION: {
        Outcome.CAN_PAY_WITH_WAITING_PERIOD, Outcome.PAY_NEXT_YEAR_INSTEAD, Outcome.UNCOVERED_UNTIL_OTHER_START,
        Outcome.GAP_NOT_FILLED,
    },
    PayAgainReason.AFTER_TREATMENT: {Outcome.YEAR_CLOSED},
}


def days_named(decision):
    """Every day the answer's figures and steps hold, and every month, as (value, first day it stands for)."""
    values = [*decision.figures.values(), *(value for reason in decision.reasons for value in reason.params.values())]
    found = {value: value for value in values if isinstance(value, date)}
    for value in values:
        if isinstance(value, str) and len(value) == 7 and value[4] == "-" and value[:4].isdigit():
            found[value] = date(int(value[:4]), int(value[5:]), 1)
    return found


def shown(value):
    return month_text(value) if isinstance(value, str) else date_format(value, "DATE_FORMAT")


def texts_of(answer):
    return [answer["summary"], *answer["next_steps"], *(reason["text"] for reason in answer["reasons"]),
            answer.get("benefits_line", ""), answer.get("retirement", "")]


def assert_answer_holds(decision, answers):
    as_of = decision.as_of
    for language in LANGUAGES:
        with translation.override(language):
            answer = present(decision, answers)
            named = {shown(value): day for value, day in days_named(decision).items()}
        for text in answer["next_steps"]:
            for words, day in named.items():
                if day < as_of:
                    for offer in OFFERS[language]:
                        assert offer.format(words) not in text, (language, as_of, text)
        for text in texts_of(answer):
            for words, day in named.items():
                wrong = PAST[language] if day > as_of else FUTURE[language] if day < as_of else ()
                for phrase in wrong:
                    assert phrase.format(words) not in text, (language, as_of, text)


def assert_pay_again_agrees(decision, facts):
    figures = decision.figures
    codes = {reason.code for reason in decision.reasons}
    if decision.outcome in PAYING:
        assert not codes & BUYS_NOTHING, decision
        benefits_from = figures.get("benefits_from")
        if benefits_from is not None:
            assert benefits_from <= figures["treatment_end"], decision
            assert facts.other_start is None or facts.other_start <= decision.as_of or benefits_from < facts.other_start
    for code, outcomes in TIMING_OUTCOMES.items():
        if code in codes:
            assert decision.outcome in outcomes, (code, decision.outcome)
    if decision.outcome in (Outcome.CAN_PAY, Outcome.COLLECTION_NOT_OPEN) and facts.break_years:
        # RES-2: a break is never answered as if cover were continuous.
        assert "benefits_from" in figures or "waiting_period_set_locally" in codes
    if decision.outcome is Outcome.CAN_PAY:
        assert "waiting_period_months" not in figures
    with translation.override("en"):
        summary = present(decision, {"year": facts.year})["summary"]
    if decision.outcome in PAYING:
        assert "buy no benefits" not in summary and "not fill" not in summary, summary
    elif decision.outcome in NOT_PAYING:
        assert summary.startswith("No:"), summary


enrolment_facts = st.fixed_dictionaries({
    "year": st.integers(2024, 2028),
    "scheme": st.sampled_from(OtherScheme),
    "start_offset": st.integers(-500, 900),
    "paid": st.booleans(),
    "covered": st.sampled_from([None, True, False]),
    "years_without": st.integers(1, MAX_YEARS_WITHOUT_COVER),
    "parameters": st.sampled_from([NATIONAL, SHAANXI, ACADEMIC]),
})


def other_start(drawn):
    if drawn["scheme"] is OtherScheme.NONE:
        return None
    return date(drawn["year"], 1, 1) + timedelta(drawn["start_offset"])


@GRID
@given(enrolment_facts, days)
def test_pay_again_answers_hold(drawn, as_of):
    facts = PayAgainFacts(
        drawn["year"], drawn["paid"], drawn["scheme"], other_start(drawn), drawn["covered"], drawn["years_without"],
    )
    try:
        decision = pay_again.decide(facts, as_of, drawn["parameters"])
    except CannotDecide:
        return
    assert_pay_again_agrees(decision, facts)
    assert_answer_holds(decision, {"year": facts.year})


@GRID
@given(enrolment_facts, days)
def test_refund_answers_hold(drawn, as_of):
    facts = RefundFacts(drawn["year"], drawn["scheme"], other_start(drawn))
    try:
        decision = refund.decide(facts, as_of, drawn["parameters"])
    except CannotDecide:
        return
    assert_answer_holds(decision, {"year": facts.year})


def card_use_facts():
    treatment = st.builds(
        lambda scheme, cause, designated, paid: CardUseFacts(
            scheme, Use.TREATMENT, cause=cause, designated=designated,
            third_party_paid=paid if cause is Cause.THIRD_PARTY else None,
        ),
        st.sampled_from(Scheme), st.sampled_from(Cause), st.booleans(), st.sampled_from(ThirdPartyPaid),
    )
    relative = st.builds(
        lambda scheme, relation: CardUseFacts(
            scheme, Use.RELATIVE, relation=None if scheme is Scheme.RESIDENT else relation,
        ),
        st.sampled_from(Scheme), st.sampled_from(Relation),
    )
    cash = st.builds(lambda scheme: CardUseFacts(scheme, Use.CASH), st.sampled_from(Scheme))
    return st.one_of(treatment, relative, cash)


@GRID
@given(card_use_facts(), st.integers(0, 3000).map(lambda offset: date(2020, 1, 1) + timedelta(offset)))
def test_card_use_answers_hold(facts, as_of):
    assert_answer_holds(card_use.decide(facts, as_of, NATIONAL_FAMILY_USE), {})


@GRID
@given(
    st.sampled_from(RetirementCategory),
    st.integers(1960 * 12, 1990 * 12).map(Month.from_index),
    st.sampled_from([Decimal(1), Decimal("1.5"), Decimal(15), Decimal(30)]),
    st.sampled_from([NO_REGION, TESTSHIRE]),
    days,
)
def test_retirement_answers_hold(category, birth_month, years_paid, parameters, as_of):
    facts = RetirementFacts(category, birth_month, years_paid, years_paid)
    decision = retirement.decide(facts, as_of, parameters)
    assert_answer_holds(decision, {"years_paid": plain(years_paid), "region_name": parameters.region_name})


def assert_between_jobs_agrees(decision, facts):
    codes = {reason.code for reason in decision.reasons}
    figures = decision.figures
    if decision.outcome is BetweenJobsOutcome.NEW_JOB_KEEPS_COVER:
        return
    qualifies = facts.why in NOT_OWN_WISH and facts.unemployment_years >= 1
    assert (decision.outcome is BetweenJobsOutcome.BENEFIT_COVERS_MEDICAL) is qualifies, decision
    if qualifies:
        assert figures["benefit_months"] in (12, 18, 24)
        assert BetweenJobsReason.FUND_PAYS_MEDICAL in codes
        return
    assert figures["uncovered_from"] > facts.last_day
    assert (decision.outcome is BetweenJobsOutcome.CHOOSE_HOW_TO_STAY_COVERED) is ("benefits_from" in figures)
    if "benefits_from" in figures:
        assert BetweenJobsReason.RESIDENT_INSURANCE in codes
        assert facts.next_job_start is None or figures["benefits_from"] < facts.next_job_start, decision


@GRID
@given(
    st.sampled_from(WhyLeaving), st.integers(0, 12), days, st.one_of(st.none(), st.integers(1, 400)),
    st.sampled_from([NATIONAL, SHAANXI, ACADEMIC]), days,
)
def test_between_jobs_answers_hold(why, years, last_day, next_job_after, parameters, as_of):
    facts = BetweenJobsFacts(
        last_day, why, None if why is WhyLeaving.RESIGNED else years,
        next_job_after and last_day + timedelta(next_job_after),
    )
    decision = between_jobs.decide(facts, as_of, parameters)
    assert_between_jobs_agrees(decision, facts)
    assert_answer_holds(decision, {})
