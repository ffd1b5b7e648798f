"""Arbitrary query strings never break a checker: pages answer 200, the API 200 or 400, never 500."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NAMES = [
    "year", "paid", "other_scheme", "other_start", "region", "as_of", "category", "birth_month", "years_paid",
    "years_local", "use", "relation", "cause", "designated", "third_party_paid",
]
PLAUSIBLE = [
    "2026", "2000", "2100", "1999", "99999999999", "-1", "NaN", "inf", "1e3", "2026.0", "", "yes", "no", "none",
    "employee", "resident_elsewhere", "610000", "2025-12-31", "2025-02-30", "0001-01-01", "9999-12-31", "２０２６",
    "-Infinity", "sNaN", "1e309", "-1e309", "1e-309", "１２", "12.5", "60", "60.001", "0", "-0", "15", "10",
    "1965-01", "1990-13", "1990-1", "99999-01", "1930-01", "2015-12", "１９７５－０６", "male_60", "female_55",
    "female_50", "310000", "350200", "440000", "cash", "relative", "treatment", "spouse", "sibling", "other",
    "illness", "emergency", "work_injury", "third_party", "public_health", "abroad", "unknown",
]

values = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.text(max_size=30).map(quote),
    st.binary(max_size=12).map(lambda raw: "".join(f"%{byte:02X}" for byte in raw)),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda day: day.isoformat()),
)
names = st.one_of(st.sampled_from(NAMES), st.text(max_size=10).map(quote))
query_strings = st.lists(st.tuples(names, values), max_size=8).map(
    lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
)
checkers = st.sampled_from(["pay-again", "refund", "retirement", "card-use"])
fuzz = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(checker=checkers, query=query_strings)
def test_api_answers_200_or_400(client, checker, query):
    response = client.get(f"/api/v1/checkers/{checker}/?{query}")
    assert response.status_code in {200, 400}
    body = response.json()
    assert ("outcome" in body) if response.status_code == 200 else set(body) == {"errors"}


@fuzz
@given(checker=checkers, query=query_strings, step=st.sampled_from(["questions", "answer"]))
def test_pages_answer_200(client, checker, query, step):
    assert client.get(f"/checkers/{checker}/{step}/?{query}").status_code == 200


# Each question of the new checkers, answered mostly sensibly, so the rules run as well as the forms.
ANSWERS = {
    "retirement": {
        "category": ["male_60", "female_55", "female_50"],
        "birth_month": ["1930-01", "1960-05", "1965-01", "1976-09", "1984-11", "2015-12", "1990-13"],
        "years_paid": ["0", "15", "24.99", "30", "60", "1e309", "NaN", "-1"],
        "years_local": ["", "0", "9.5", "10", "60", "inf"],
        "region": ["", "310000", "350200", "440000", "610000"],
    },
    "card-use": {
        "use": ["cash", "relative", "treatment"],
        "relation": ["spouse", "sibling", "other", ""],
        "cause": ["illness", "emergency", "third_party", "abroad", ""],
        "designated": ["yes", "no", ""],
        "third_party_paid": ["yes", "no", "unknown", ""],
        "as_of": ["", "2021-03-31", "2024-12-09", "0001-01-01", "9999-12-31", "2021-02-30"],
    },
}


def answered(checker):
    """Sensible answers to every question, one of them at times swapped for an arbitrary value."""
    questions = ANSWERS[checker]
    sensible = st.fixed_dictionaries({name: st.sampled_from(choices) for name, choices in questions.items()})
    swap = st.one_of(st.none(), st.tuples(st.sampled_from(list(questions)), values))
    return st.tuples(sensible, swap).map(_query)


def _query(drawn):
    answers, swap = drawn
    if swap:
        answers = {**answers, swap[0]: swap[1]}
    return "&".join(f"{name}={value}" for name, value in answers.items())


@fuzz
@given(data=st.data(), checker=st.sampled_from(list(ANSWERS)))
def test_answered_queries_reach_the_rules_and_never_fail(client, data, checker):
    query = data.draw(answered(checker))
    response = client.get(f"/api/v1/checkers/{checker}/?{query}")
    assert response.status_code in {200, 400}
    assert client.get(f"/checkers/{checker}/answer/?{query}").status_code == 200
