import itertools
from datetime import date
from decimal import Decimal

import pytest

from policy.rules import card_use, retirement
from policy.rules.between_jobs import BetweenJobsOutcome
from policy.rules.card_use import CardUseFacts, Cause, Relation, Scheme, ThirdPartyPaid, Use
from policy.rules.citations import CLAUSES, Citation, Confidence, Source
from policy.rules.decision import Outcome
from policy.rules.retirement import (
    NO_REGION,
    Month,
    RequiredYears,
    RequiredYearsRow,
    RetirementCategory,
    RetirementFacts,
)
from policy.wording import NEXT_STEPS, OUTCOME_SUMMARIES, OUTCOME_TITLES, present
from policy.wording.sources import CONFIDENCE_LABELS, SOURCE_TITLES, citation_data

TESTSHIRE = RequiredYears(
    rows=(
        RequiredYearsRow(
            date(2025, 1, 1), None, Decimal(25), Decimal(20), Decimal(10),
            Citation("EMP-2", Confidence.L, title="Testshire notice"),
        ),
    ),
    region_code="999001",
    region_name="Testshire",
)


def test_every_outcome_has_a_title_a_summary_and_next_steps():
    for table in (OUTCOME_TITLES, OUTCOME_SUMMARIES, NEXT_STEPS):
        assert set(table) == {*Outcome, *BetweenJobsOutcome}


def test_every_source_and_confidence_has_a_name():
    assert set(SOURCE_TITLES) == set(Source)
    assert set(CONFIDENCE_LABELS) == set(Confidence)


def test_every_clause_citation_can_be_shown():
    for citations in CLAUSES.values():
        for citation in citations:
            data = citation_data(citation)
            assert data["title"] and data["reference"]


def every_card_use_fact():
    for scheme in Scheme:
        yield CardUseFacts(scheme, Use.CASH)
        for relation in Relation:
            yield CardUseFacts(scheme, Use.RELATIVE, relation=relation)
        for cause, designated in itertools.product(Cause, (True, False)):
            paid_answers = ThirdPartyPaid if cause is Cause.THIRD_PARTY else [None]
            for paid in paid_answers:
                yield CardUseFacts(scheme, Use.TREATMENT, cause=cause, designated=designated, third_party_paid=paid)


@pytest.mark.parametrize("as_of", [date(2021, 1, 1), date(2023, 1, 1), date(2024, 6, 1), date(2026, 1, 1)])
def test_every_card_use_answer_can_be_put_in_words(as_of):
    for facts in every_card_use_fact():
        answer = present(card_use.decide(facts, as_of, card_use.NATIONAL_FAMILY_USE), {})
        assert answer["summary"] and all(reason["text"] for reason in answer["reasons"])


@pytest.mark.parametrize(
    "born, paid, local, parameters",
    [
        pytest.param(Month(1960, 5), "40", None, NO_REGION, id="before the reform, no region"),
        pytest.param(Month(1970, 1), "12", "3", TESTSHIRE, id="short in total and locally"),
        pytest.param(Month(1970, 1), "30", "20", TESTSHIRE, id="enough"),
        pytest.param(Month(1970, 1), "30", None, RequiredYears(region_code="1", region_name="X"), id="no row"),
    ],
)
def test_every_retirement_answer_can_be_put_in_words(born, paid, local, parameters):
    facts = RetirementFacts(RetirementCategory.FEMALE_55, born, Decimal(paid), local and Decimal(local))
    answer = present(retirement.decide(facts, date(2026, 5, 1), parameters), {"years_paid": paid, "region_name": "X"})
    assert answer["summary"] and answer["retirement"] and all(reason["text"] for reason in answer["reasons"])
