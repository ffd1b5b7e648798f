"""Digits typed full width, as Chinese keyboards type them, are read as ASCII in every field."""

import re
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db

FULL_WIDTH = str.maketrans("0123456789-.", "０１２３４５６７８９－．")
# Every field a checker reads that can hold a digit, dates included.
QUERIES = [
    pytest.param(
        "pay-again",
        "year=2026&paid=no&other_scheme=employee&other_start=2026-06-01&last_year_covered=no&years_without_cover=2"
        "&as_of=2026-01-01&region=610000",
        id="pay-again year, other_start, years_without_cover, as_of, region",
    ),
    pytest.param("refund", "year=2026&other_scheme=employee&other_start=2025-12-01&region=610000", id="refund"),
    pytest.param(
        "retirement", "category=male_60&birth_month=1970-01&years_paid=30&years_local=8.5&region=350200",
        id="retirement birth_month, years_paid, years_local, region",
    ),
    pytest.param("card-use", "scheme=employee&use=relative&relation=sibling&as_of=2025-06-01", id="card-use as_of"),
]


def full_width(query):
    """The query with every digit, hyphen and dot of its values typed full width, encoded as browsers send it."""
    return "&".join(
        f"{name}={quote(value.translate(FULL_WIDTH))}" for name, value in (pair.split("=") for pair in query.split("&"))
    )


def answer_of(page):
    """The answer itself, without the links back to the address it was asked at."""
    return re.search(r'<article class="checker checker-outcome".*</article>', page, re.S)[0]


@pytest.mark.parametrize("checker, query", QUERIES)
def test_the_api_reads_full_width_answers_as_ascii(client, checker, query):
    typed = full_width(query)
    assert typed != query
    ascii_body = client.get(f"/api/v1/checkers/{checker}/?{query}").json()
    response = client.get(f"/api/v1/checkers/{checker}/?{typed}")
    assert response.status_code == 200, response.json()
    assert response.json() == ascii_body
    assert response.json()["inputs"] == dict(pair.split("=") for pair in query.split("&"))


@pytest.mark.parametrize("checker, query", QUERIES)
def test_the_pages_read_full_width_answers_as_ascii(client, checker, query):
    ascii_page = client.get(f"/checkers/{checker}/answer/?{query}").content.decode()
    page = client.get(f"/checkers/{checker}/answer/?{full_width(query)}").content.decode()
    assert answer_of(page) == answer_of(ascii_page)


def test_the_questions_page_fills_in_full_width_answers_as_ascii(client):
    query = f"year={quote('２０２６')}&other_start={quote('２０２６－０６－０１')}"
    page = client.get(f"/checkers/pay-again/questions/?{query}").content.decode()
    assert 'name="year" value="2026"' in page
    assert 'name="other_start_month" value="6"' in page and 'name="other_start_day" value="1"' in page


def test_full_width_letters_read_as_their_choice_and_other_text_is_refused(client):
    response = client.get(f"/api/v1/checkers/card-use/?scheme=employee&use={quote('ｃａｓｈ')}")
    assert response.json()["outcome"] == "prohibited"
    assert client.get(f"/api/v1/checkers/card-use/?scheme=employee&use={quote('现金')}").status_code == 400


def test_full_width_digits_in_the_date_boxes_are_read_as_ascii(client):
    boxes = "&".join(
        f"{name}={quote(value)}" for name, value in [
            ("other_start_day", "１"), ("other_start_month", "１２"), ("other_start_year", "２０２５"),
            ("as_of_day", "３０"), ("as_of_month", "１１"), ("as_of_year", "２０２６"),
        ]
    )
    body = client.get(f"/api/v1/checkers/refund/?year={quote('２０２６')}&other_scheme=employee&{boxes}").json()
    assert (body["outcome"], body["inputs"]["other_start"]) == ("refund_eligible", "2025-12-01")
    body = client.get(f"/api/v1/checkers/pay-again/?year=2026&paid=no&other_scheme=none&{boxes}").json()
    assert body["as_of"] == "2026-11-30"
