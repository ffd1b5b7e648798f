"""Every outcome and every reason the rules can produce has wording in English and in Chinese.

The rules are run over a grid of facts and dates wide enough to reach every outcome and every reason
code; each answer is then put into words in both languages.
"""

import itertools
import re
from datetime import date
from decimal import Decimal

from django.utils import translation

from policy.rules import card_use, pay_again, refund, retirement
from policy.rules.card_use import CardUseFacts, Cause, Relation, Scheme, ThirdPartyPaid, Use
from policy.rules.decision import CannotDecide, Outcome
from policy.rules.enrolment import OtherScheme
from policy.rules.parameters import NATIONAL, NATIONAL_WAITING, Parameters
from policy.rules.periods import DayInYear
from policy.rules.retirement import NO_REGION, Category, Month, RequiredYears, RequiredYearsRow, RetirementFacts
from policy.wording import REASONS, present
from tests.policy.rules.test_parameters import LOCAL, local_row

CJK = re.compile("[\u4e00-\u9fff]")
DAYS = [date(2021, 1, 1), date(2024, 6, 1), date(2025, 8, 1), date(2025, 10, 1), date(2026, 3, 1),
        date(2026, 9, 15), date(2026, 12, 25), date(2026, 12, 31), date(2027, 2, 1), date(2027, 6, 1)]
# The usual periods, Shaanxi's (payment until Dec 20) and Changsha's (cover Sep 1 to Aug 31).
PERIODS = [
    NATIONAL,
    Parameters(periods=(local_row(2020, None),), waiting=NATIONAL_WAITING, region_code="610000"),
    Parameters(
        periods=(local_row(
            2020, None, collection_start=DayInYear(8, 31), collection_end=DayInYear(10, 31),
            treatment_start=DayInYear(9, 1), treatment_end=DayInYear(8, 31, 1),
        ),),
        waiting=NATIONAL_WAITING, region_code="430100",
    ),
]
OTHER_STARTS = [None, date(2025, 12, 1), date(2026, 1, 1), date(2026, 6, 1), date(2026, 12, 1), date(2027, 2, 1)]
REGION = RequiredYears(
    rows=(
        RequiredYearsRow(date(2020, 1, 1), date(2024, 12, 31), Decimal(20), Decimal(15), None, LOCAL),
        RequiredYearsRow(date(2030, 1, 1), None, Decimal(30), Decimal(25), Decimal(10), LOCAL),
    ),
    region_code="999001", region_name="Testshire",
)


def enrolments():
    for other_start in OTHER_STARTS:
        schemes = [OtherScheme.NONE] if other_start is None else [OtherScheme.EMPLOYEE, OtherScheme.RESIDENT_ELSEWHERE]
        for scheme in schemes:
            yield scheme, other_start


def questions():
    """(rules, facts, as_of, parameters) over the grid."""
    for year, as_of, (scheme, start), periods in itertools.product((2024, 2026), DAYS, enrolments(), PERIODS):
        yield refund.decide, refund.RefundFacts(year, scheme, start), as_of, periods
        for paid in (True, False):
            yield pay_again.decide, pay_again.PayAgainFacts(year, paid, scheme, start), as_of, periods
    family_use = card_use.NATIONAL_FAMILY_USE
    for scheme, as_of in itertools.product(Scheme, DAYS):
        yield card_use.decide, CardUseFacts(scheme, Use.CASH), as_of, family_use
        for relation in Relation:
            yield card_use.decide, CardUseFacts(scheme, Use.RELATIVE, relation), as_of, family_use
        for cause, designated, paid in itertools.product(Cause, (True, False), ThirdPartyPaid):
            facts = CardUseFacts(scheme, Use.TREATMENT, cause=cause, designated=designated,
                                 third_party_paid=paid if cause is Cause.THIRD_PARTY else None)
            yield card_use.decide, facts, as_of, family_use
    for born, paid, parameters, local in itertools.product(
        (Month(1960, 5), Month(1965, 1), Month(1972, 1)), ("12", "40"), (NO_REGION, REGION), (None, "5", "12")
    ):
        facts = RetirementFacts(Category.MALE_60, born, Decimal(paid), local and Decimal(local))
        yield retirement.decide, facts, date(2026, 5, 1), parameters


def decisions():
    """Every decision of the grid; facts the rules cannot answer (a year without rows, missing local years)
    are left out."""
    for decide, facts, as_of, parameters in questions():
        try:
            yield decide(facts, as_of, parameters)
        except CannotDecide:
            continue


ANSWERS = {"year": 2026, "years_paid": 12, "region_name": "Testshire"}


def test_every_outcome_and_reason_is_reached_and_worded_in_both_languages():
    found = list(decisions())
    assert {decision.outcome for decision in found} == set(Outcome)
    codes = {reason.code for decision in found for reason in decision.reasons}
    assert set(REASONS) <= codes, f"wording no rule produces: {set(REASONS) - codes}"
    seen = set()
    for decision in found:
        key = (decision.outcome, tuple(reason.code for reason in decision.reasons), "benefits_from" in decision.figures)
        if key in seen:
            continue
        seen.add(key)
        with translation.override("en"):
            english = present(decision, ANSWERS)
        with translation.override("zh-hans"):
            chinese = present(decision, ANSWERS)
        for en, zh in zip(_texts(english), _texts(chinese), strict=True):
            assert en and zh and en != zh and CJK.search(zh), (decision.outcome, en, zh)
            assert "%(" not in en + zh


def _texts(answer):
    yield answer["title"]
    yield answer["summary"]
    yield from (reason["text"] for reason in answer["reasons"])
    yield from answer["next_steps"]
    for key in ("benefits_line", "retirement"):
        if key in answer:
            yield answer[key]
