"""Error responses: JSON under /api/ whoever produced the error, the site's pages elsewhere."""

from http import HTTPStatus

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
# Headers of an error response that still mean something in its JSON form.
KEPT_HEADERS = ("Allow", "Retry-After", "Vary", "Content-Language")


def is_api(request):
    return request.path.startswith(API_PREFIX)


def _message(status):
    messages = {
        400: _("The request could not be understood. Check the address and its parameters."),
        401: _("The API key is not valid. Check it, or leave it out to use the address's limits."),
        403: _("This request is not allowed."),
        404: _("There is nothing at this address."),
        405: _("This address does not accept this method."),
        413: _("The request is too large. The API takes no request body."),
        414: _("The address is too long. Send fewer or shorter parameters."),
        431: _("The request's headers are too large. Send fewer or shorter headers."),
        429: _("Too many requests from your connection. Please wait a moment and try again."),
        500: _("Something went wrong on our side. Try again shortly."),
        503: _("The service is unavailable for a moment. Try again shortly."),
    }
    return messages.get(status) or HTTPStatus(status).phrase


def api_error(request, status, headers=None):
    """The API's error body, shaped like its field errors, in the client's Accept-Language."""
    with translation.override(translation.get_language_from_request(request)):
        body = {"errors": {"__all__": [_message(status)]}}
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


def too_many_requests(request, exception):
    """RATELIMIT_VIEW: a client past one of its limits."""
    retry_after = str(getattr(exception, "retry_after", 60))
    if is_api(request):
        return api_error(request, 429, {"Retry-After": retry_after})
    response = render(request, "429.html", status=429)
    response.headers["Retry-After"] = retry_after
    return response
