"""Cross-origin use of the API: the origins in API_CORS_ORIGINS only, never with cookies, never elsewhere."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

ALLOWED = "https://jobs.example.com"
API_URL = "/api/v1/checkers/refund/?year=2026&other_scheme=none&as_of=2025-12-15"


@pytest.fixture(autouse=True)
def _allowed_origin():
    with override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED]):
        yield


def _preflight(client, origin, method="GET", headers="authorization"):
    return client.options(API_URL, HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
                          HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers)


def test_an_allowed_origins_preflight_is_answered(client):
    response = _preflight(client, ALLOWED)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "x-api-key" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_an_allowed_origin_reads_answers_kept_or_not(client):
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(API_URL, HTTP_ORIGIN=ALLOWED)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == ALLOWED
        assert "Retry-After" in response["Access-Control-Expose-Headers"]


def test_another_origin_gets_no_cors_headers(client):
    for response in (_preflight(client, "https://evil.example"), client.get(API_URL, HTTP_ORIGIN="https://evil.example")):
        assert "Access-Control-Allow-Origin" not in response


def test_a_kept_answer_carries_no_other_sites_origin(client):
    client.get(API_URL, HTTP_ORIGIN=ALLOWED)

    response = client.get(API_URL)

    assert "Access-Control-Allow-Origin" not in response
    assert "Origin" in response["Vary"]


def test_pages_outside_the_api_allow_no_origin(client):
    response = client.get("/", HTTP_ORIGIN=ALLOWED)

    assert "Access-Control-Allow-Origin" not in response


def test_errors_reach_the_allowed_origins_page_too(client):
    response = client.get("/api/v1/checkers/refund/?year=soon", HTTP_ORIGIN=ALLOWED)

    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == ALLOWED
