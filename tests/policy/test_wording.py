from policy.rules.citations import CLAUSES, Confidence, Source
from policy.rules.decision import Outcome
from policy.wording import (
    CONFIDENCE_LABELS,
    NEXT_STEPS,
    OUTCOME_SUMMARIES,
    OUTCOME_TITLES,
    SOURCE_TITLES,
    citation_data,
)


def test_every_outcome_has_a_title_a_summary_and_next_steps():
    for table in (OUTCOME_TITLES, OUTCOME_SUMMARIES, NEXT_STEPS):
        assert set(table) == set(Outcome)


def test_every_source_and_confidence_has_a_name():
    assert set(SOURCE_TITLES) == set(Source)
    assert set(CONFIDENCE_LABELS) == set(Confidence)


def test_every_clause_citation_can_be_shown():
    for citations in CLAUSES.values():
        for citation in citations:
            data = citation_data(citation)
            assert data["title"] and data["reference"]
