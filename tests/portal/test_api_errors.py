"""Under /api/ every error is JSON, in the client's language, whoever produced it."""

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/checkers/refund/?year=2026&other_scheme=employee&other_start=2025-12-01"


@pytest.fixture
def failing_rules(monkeypatch):
    """Make the checker's service raise the given exception."""

    def fail_with(exception):
        def checker_run(*args, **kwargs):
            raise exception

        monkeypatch.setattr("policy.api.checker_run", checker_run)

    return fail_with


def _json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    [message] = response.json()["errors"]["__all__"]
    return message


def test_unknown_address_is_a_json_404(client):
    assert _json_error(client.get("/api/v1/nothing-here/"), 404) == "There is nothing at this address."


def test_wrong_method_is_a_json_405_that_names_the_allowed_one(client):
    response = client.post(API_URL)

    assert _json_error(response, 405) == "This address does not accept this method."
    assert response["Allow"] == "GET"


def test_bad_input_keeps_its_field_errors(client):
    response = client.get("/api/v1/checkers/refund/?year=soon")

    assert response.status_code == 400
    assert "year" in response.json()["errors"]


def test_a_crash_is_a_json_500(client, failing_rules):
    failing_rules(RuntimeError("bug"))
    client.raise_request_exception = False

    response = client.get(API_URL)

    assert _json_error(response, 500) == "Something went wrong on our side. Try again shortly."


def test_a_database_error_is_a_json_503_with_retry_after(client, failing_rules):
    failing_rules(OperationalError("could not connect to server"))
    client.raise_request_exception = False

    response = client.get(API_URL, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert _json_error(response, 503) == "服务暂时不可用，请稍后再试。"
    assert int(response["Retry-After"]) > 0


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
