"""The gate at the WSGI entry (serving/gate.py): what it refuses never reaches a kept page, and cross-origin API
requests go through Django's stack, which adds their CORS headers to kept answers too."""

import json

import pytest
from django.test import RequestFactory, override_settings

from portal.wsgi import application

# The handler closes the database connection after each request, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

API_URL = "/api/v1/checkers/refund/?year=2026&other_scheme=none&as_of=2025-12-15"
ALLOWED = "https://jobs.example.com"


def serve(path, **headers):
    """(status code, headers by lower-case name, body) of a GET through the WSGI entry gunicorn serves."""
    sent = {}
    environ = RequestFactory().get(path, **headers).environ
    body = b"".join(application(environ, lambda status, headers: sent.update(status=status, headers=headers)))
    headers = {name.lower(): value for name, value in sent["headers"]}
    return int(sent["status"].split()[0]), headers, body


def test_headers_too_large_are_refused_even_when_the_answer_is_kept():
    assert serve(API_URL)[0] == 200
    assert serve(API_URL)[0] == 200  # kept now

    status, headers, body = serve(API_URL, HTTP_X_PADDING="x" * 9000)

    assert status == 431
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["errors"]["__all__"]


def test_a_kept_answer_asked_from_an_allowed_origin_carries_its_cors_headers():
    with override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED]):
        serve(API_URL)
        status, headers, _body = serve(API_URL, HTTP_ORIGIN=ALLOWED)
        _status, plain, _body = serve(API_URL)

    assert status == 200
    assert headers["access-control-allow-origin"] == ALLOWED
    assert "access-control-allow-origin" not in plain
