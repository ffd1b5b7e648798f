"""Error responses: JSON under /api/ whoever produced the error, the site's pages elsewhere."""

import sys
from http import HTTPStatus

from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"
# Seconds a client should wait before retrying after an outage of ours.
RETRY_AFTER_OUTAGE = 30
# Headers of an error response that still mean something in its JSON form.
KEPT_HEADERS = ("Allow", "Retry-After", "Vary", "Content-Language")


def is_api(request):
    return request.path.startswith(API_PREFIX)


def _message(status):
    messages = {
        400: _("The request could not be understood. Check the address and its parameters."),
        403: _("This request is not allowed."),
        404: _("There is nothing at this address."),
        405: _("This address does not accept this method."),
        429: _("Too many requests from your connection. Please wait a moment and try again."),
        500: _("Something went wrong on our side. Please try again later."),
        503: _("The service is unavailable for a moment. Please try again shortly."),
    }
    return messages.get(status) or HTTPStatus(status).phrase


def api_error(request, status, headers=None):
    """{"status": …, "error": "…"} in the language the client asks for with Accept-Language."""
    with translation.override(translation.get_language_from_request(request)):
        body = {"status": status, "error": _message(status)}
    return JsonResponse(body, status=status, headers=headers, json_dumps_params={"ensure_ascii": False})


class ApiErrorsAsJsonMiddleware:
    """Turn any error response under /api/ that is not JSON yet (a 404 from the URL resolver, a 405,
    a 500 page, a 503 page) into the API's JSON error, keeping its status and retry headers.

    First in MIDDLEWARE, so it sees what every other middleware answered too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or not is_api(request):
            return response
        if response.headers.get("Content-Type", "").startswith("application/json"):
            return response
        headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
        return api_error(request, response.status_code, headers)


def server_error(request):
    """handler500. A database that is down or too slow is an outage (503, try again), not a bug."""
    if is_api(request):
        if isinstance(sys.exc_info()[1], DatabaseError):
            return api_error(request, 503, {"Retry-After": str(RETRY_AFTER_OUTAGE)})
        return api_error(request, 500)
    return defaults.server_error(request)


def too_many_requests(request, exception):
    """RATELIMIT_VIEW: a client past one of its limits."""
    retry_after = str(getattr(exception, "retry_after", 60))
    if is_api(request):
        return api_error(request, 429, {"Retry-After": retry_after})
    response = render(request, "429.html", status=429)
    response.headers["Retry-After"] = retry_after
    return response
