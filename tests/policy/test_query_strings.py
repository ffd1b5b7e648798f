"""Arbitrary query strings never break a checker: pages answer 200, the API 200 or 400, never 500."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NAMES = ["year", "paid", "other_scheme", "other_start", "region", "as_of"]
PLAUSIBLE = [
    "2026", "2000", "2100", "1999", "99999999999", "-1", "NaN", "inf", "1e3", "2026.0", "", "yes", "no", "none",
    "employee", "resident_elsewhere", "610000", "2025-12-31", "2025-02-30", "0001-01-01", "9999-12-31", "２０２６",
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
checkers = st.sampled_from(["pay-again", "refund"])
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
