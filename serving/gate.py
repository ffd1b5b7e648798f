"""What every request passes before the page cache: the size of its address and headers, and, under /api/,
the key it sends.

gunicorn's own limits are raised above these (gunicorn.conf.py), so a request that is too large reaches the
app and gets the site's answer, JSON under /api/, instead of gunicorn's bare one. A wrong or revoked API key
is 401 even where the answer is kept. The WSGI entry (GateApplication) judges each request once and leaves
its finding in the environ; RequestGate, first in MIDDLEWARE after CORS, answers a refusal.
"""

from corsheaders.middleware import CorsMiddleware
from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _

from apikeys.services import key_check
from portal.errors import API_PREFIX, api_error

# The environ key of the gate's finding: None to let the request through, else the status to refuse it with.
JUDGED = "serving.gate.judged"
CORS = CorsMiddleware(get_response=None)


def judge(meta):
    """None for a request the site takes; else the status it is refused with (401, 413, 414, 431).

    `meta` is the WSGI environ (or a request's META): read as sent, nothing decoded. A valid API key is left
    in it for the limits (serving/limits.py API_KEY).
    """
    # One pass, no list: every request, kept pages included, comes through here.
    largest, count = settings.MAX_REQUEST_HEADER_SIZE, 0
    for name, value in meta.items():
        if name.startswith("HTTP_"):
            count += 1
            if len(name) - 5 + len(str(value)) + 2 > largest:
                return 431
    if count > settings.MAX_REQUEST_HEADERS:
        return 431
    if not meta.get("PATH_INFO", "").startswith(API_PREFIX):
        return None  # a page's address may be as long as gunicorn takes: a page shows what it can of it
    target = meta.get("RAW_URI") or meta.get("PATH_INFO", "") + "?" + meta.get("QUERY_STRING", "")
    if len(target) > settings.MAX_REQUEST_TARGET:
        return 414
    if _content_length(meta) > settings.MAX_API_BODY:
        return 413
    return key_check(meta)


def _content_length(meta):
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def refusal(request, status):
    """The answer to a refused request: the API's JSON error under /api/, a short text elsewhere (only 431)."""
    if request.path.startswith(API_PREFIX):
        headers = {"WWW-Authenticate": 'Bearer realm="api"'} if status == 401 else None
        return api_error(request, status, headers)
    return HttpResponse(_("The request's headers are too large."), status=431, content_type="text/plain; charset=utf-8")


class RequestGate:
    """Before the page cache in MIDDLEWARE: refuse what the gate refuses, before a kept page can answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        status = request.META[JUDGED] if JUDGED in request.META else judge(request.META)
        if status:
            return refusal(request, status)
        return self.get_response(request)


class GateApplication:
    """WSGI, outside the page cache's entry: a refused request goes straight to Django, whose middleware
    answers it. An API answer to another site's page gets that site's CORS headers here when the page
    cache answered it (kept answers are kept without them) and from Django's middleware otherwise."""

    def __init__(self, cached, django):
        self.cached = cached
        self.django = django

    def __call__(self, environ, start_response):
        status = environ[JUDGED] = judge(environ)
        if status:
            return self.django(environ, start_response)
        if "HTTP_ORIGIN" in environ and environ.get("PATH_INFO", "").startswith(API_PREFIX):
            start_response = _adding_cors(environ, start_response)
        return self.cached(environ, start_response)


def _adding_cors(environ, start_response):
    """start_response, adding the CORS headers django-cors-headers gives this request where they are missing."""
    response = HttpResponse()
    CORS.add_response_headers(WSGIRequest(environ.copy()), response)
    cors = [(name, value) for name, value in response.items() if name.lower().startswith("access-control-")]

    def start(status, headers, *exc_info):
        present = {name.lower() for name, _value in headers}
        return start_response(status, [*headers, *(item for item in cors if item[0].lower() not in present)],
                              *exc_info)

    return start
