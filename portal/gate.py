"""What every request passes before the page cache: the size of its address and headers, and, under /api/,
what the API refuses before anything is looked up.

gunicorn's own limits are raised above these (gunicorn.conf.py), so a request that is too large reaches the
app and gets the site's answer, JSON under /api/, instead of gunicorn's bare one. The WSGI entry
(GateApplication) judges each request once and leaves its finding in the environ; RequestGate, first in
MIDDLEWARE, answers a refusal with every header the site sends. A refused request never reaches a kept page.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .errors import API_PREFIX, api_error

# The environ key of the gate's finding: None to let the request through, else the status to refuse it with.
JUDGED = "portal.gate.judged"


def judge(meta):
    """None for a request the site takes; else the status it is refused with (413, 414, 431).

    `meta` is the WSGI environ (or a request's META): read as sent, nothing decoded.
    """
    target = meta.get("RAW_URI") or meta.get("PATH_INFO", "") + "?" + meta.get("QUERY_STRING", "")
    if len(target) > settings.MAX_REQUEST_TARGET:
        return 414
    headers = [(name, value) for name, value in meta.items() if name.startswith("HTTP_")]
    if len(headers) > settings.MAX_REQUEST_HEADERS or any(
        len(name) - 5 + len(str(value)) + 2 > settings.MAX_REQUEST_HEADER_SIZE for name, value in headers
    ):
        return 431
    if meta.get("PATH_INFO", "").startswith(API_PREFIX) and _content_length(meta) > settings.MAX_API_BODY:
        return 413
    return None


def _content_length(meta):
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def refusal(request, status):
    """The answer to a refused request: the API's JSON error under /api/, a short text elsewhere."""
    if request.path.startswith(API_PREFIX):
        return api_error(request, status)
    messages = {
        413: _("The request is too large."),
        414: _("The address is too long."),
        431: _("The request's headers are too large."),
    }
    return HttpResponse(messages[status], status=status, content_type="text/plain; charset=utf-8")


class RequestGate:
    """First in MIDDLEWARE: refuse what the gate refuses, before the page cache can answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        status = request.META[JUDGED] if JUDGED in request.META else judge(request.META)
        if status:
            return refusal(request, status)
        return self.get_response(request)


class GateApplication:
    """WSGI, outside the page cache's entry: a refused request goes straight to Django, whose first middleware
    answers it; so does an API request from another site's page, whose CORS headers Django's stack adds
    (kept answers are kept without them)."""

    def __init__(self, cached, django):
        self.cached = cached
        self.django = django

    def __call__(self, environ, start_response):
        status = environ[JUDGED] = judge(environ)
        cross_origin = "HTTP_ORIGIN" in environ and environ.get("PATH_INFO", "").startswith(API_PREFIX)
        if status or cross_origin:
            return self.django(environ, start_response)
        return self.cached(environ, start_response)
