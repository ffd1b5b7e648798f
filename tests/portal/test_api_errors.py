"""Under /api/ every error is JSON, in the client's language, whoever produced it."""

import pytest
from django.db import OperationalError
from django.test import Client

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


ENDPOINTS = ["/api/v1/checkers/refund/", "/api/v1/search/", "/api/v1/openapi.json", "/api/", "/zh-hans/api/"]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_method_an_endpoint_does_not_take_is_a_json_405_with_allow_not_a_csrf_403(path, method):
    # A browser-like client: the CSRF check runs, as it does for every real request.
    response = getattr(Client(enforce_csrf_checks=True), method)(path)

    assert _json_error(response, 405) == "This address does not accept this method."
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_options_says_which_methods_an_endpoint_takes(client):
    response = client.options("/api/v1/search/")

    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_head_answers_like_get(client):
    response = client.head(API_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_an_address_too_long_is_a_json_414(client):
    response = client.get("/api/v1/search/?q=" + "a" * 4000)

    assert _json_error(response, 414) == "The address is too long. Send fewer or shorter parameters."


def test_a_header_too_large_is_a_json_431_in_the_clients_language(client):
    response = client.get(API_URL, HTTP_ACCEPT_LANGUAGE="zh-hans", HTTP_X_PADDING="x" * 9000)

    assert _json_error(response, 431) == "请求头过大。请少发或缩短请求头。"


def test_too_many_headers_are_a_json_431(client):
    padding = {f"HTTP_X_PADDING_{number}": "x" for number in range(120)}

    assert _json_error(client.get(API_URL, **padding), 431)


def test_a_body_too_large_is_a_json_413(client):
    response = client.generic("GET", API_URL, data=b"x" * 2_621_441, content_type="text/plain")

    assert _json_error(response, 413) == "The request is too large. The API takes no request body."


def test_a_pages_headers_too_large_are_refused_in_plain_text(client):
    response = client.get("/search/?q=pension", HTTP_X_PADDING="x" * 9000)

    assert response.status_code == 431
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_a_page_takes_a_long_address_as_gunicorn_does(client):
    assert client.get("/search/?q=pension&page=" + "9" * 5000).status_code == 200


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
