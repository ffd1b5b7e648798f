"""What every endpoint under /api/ shares: the methods it takes, no cookies, JSON written one way."""

import functools

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .errors import api_error

# Every endpoint reads; HEAD is the GET it stands for, OPTIONS says which methods there are.
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(ALLOWED_METHODS)
# Headers an answer depends on: the language asked for, CORS's answer to the page asking, and the key sent
# (the answer is the same, but a shared cache must not hand a copy to a request it has not seen the key of).
VARY = "Accept-Language, Origin, Authorization, X-API-Key"


def api_endpoint(view):
    """A read-only API view: OPTIONS answers 204 with Allow, any other method but GET and HEAD 405 with Allow.

    Exempt from the CSRF check: the API takes no cookie and changes nothing, so a POST is a wrong method
    (405), not a forged form (403)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return HttpResponse(status=204, headers={"Allow": ALLOW})
        if request.method not in ALLOWED_METHODS:
            return api_error(request, 405, {"Allow": ALLOW})
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def api_json(data, status=200, language=None):
    """An API answer: UTF-8 JSON with Chinese as characters, in `language` when it depends on one."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if language:
        response.headers["Content-Language"] = language
        response.headers["Vary"] = VARY
    return response
