import logging
import sys
import threading
import time

import redis.exceptions
from django.conf import settings
from django.contrib import admin
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from faq.selectors import articles_recently_updated, category_list_with_articles
from policy.choices import CheckerSlug
from serving.cache import RedisCache
from serving.page_rules import cache_for_readers

from .errors import api_error, is_api

logger = logging.getLogger(__name__)


@cache_for_readers
def home(request):
    """The home page. `/` sends a reader whose language cookie (the switch) or, failing that, browser
    prefers another language to that language's home page; the prefixed home pages keep theirs."""
    preferred = translation.get_language_from_request(request)
    if translation.get_language_from_path(request.path_info) is None and preferred != settings.LANGUAGE_CODE:
        with translation.override(preferred):
            response = redirect("home")
        # Never kept (not a 200, and it depends on a cookie); shared caches keep one per language asked.
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response
    context = {
        "categories": category_list_with_articles(),
        "checkers": list(CheckerSlug),
        "recently_updated": articles_recently_updated(),
    }
    return render(request, "portal/home.html", context)


@never_cache
@require_GET
def language_choose(request, code):
    """The language switch: remember the reader's choice in Django's language cookie, which only `/`
    reads (every other address names its language), then open the page they chose.

    A link, not a form: a form would put a CSRF token in every page, and no page could be kept.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None)):
        with translation.override(code):
            target = reverse("home")
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@cache_for_readers
def privacy(request):
    context = {
        "search_log_days": settings.FAQ_SEARCH_LOG_DAYS,
        "reader_stats_days": settings.READER_STATS_DAYS,
        "crumbs": [{"title": _("Privacy"), "url": reverse("privacy")}],
    }
    return render(request, "portal/privacy.html", context)


@cache_for_readers
def accessibility(request):
    crumbs = [{"title": _("Accessibility"), "url": reverse("accessibility")}]
    return render(request, "portal/accessibility.html", {"crumbs": crumbs})


# Load balancers give up after about 3 seconds; answer within 2, the rest of the request included,
# even when a dependency hangs.
HEALTH_DEADLINE = 1.5
# What a reader is told to wait before trying again while the database or cache is out.
RETRY_AFTER_SECONDS = 30
# Errors that mean a dependency is out, not a bug: the reader gets 503 and a time to come back.
OUTAGES = (OperationalError, InterfaceError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()  # the check runs in its own thread, whose connection nothing else would close


def _cache_answers(alias):
    def check():
        cache = caches[alias]
        cache.set("health-check", "ok", 10)
        if cache.get("health-check") != "ok":
            raise RuntimeError(f"cache {alias!r} did not return what was stored")
    return check


def _run_checks(checks):
    """Run the checks side by side; one that has not finished by the deadline counts as hanging."""
    results = dict.fromkeys(checks, "timeout")

    def run(name, check):
        try:
            check()
        except Exception:  # whatever failed, the dependency is not usable
            logger.warning("Health check %s failed", name, exc_info=True)
            results[name] = "error"
        else:
            results[name] = "ok"

    threads = [threading.Thread(target=run, args=item, daemon=True) for item in checks.items()]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + HEALTH_DEADLINE
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return dict(results)


@never_cache
def health_live(request):
    """For load balancers and process managers: the process answers. No dependency is asked."""
    return JsonResponse({"status": "ok"})


@never_cache
def health_ready(request):
    """For load balancers: whether this instance can serve readers.

    503 only when the database cannot be reached. A cache that is out leaves the site serving (pages are
    rendered, limits let requests through), so it is 200 with "degraded": pulling every instance for it
    would take the whole site down. `warnings` names what needs an operator without stopping the site.
    """
    checks = {"database": _database_answers}
    # Not the rate limits' cache: limits fail open, so its outage leaves the site serving.
    for alias in caches:
        if alias != "limits":
            checks["cache" if alias == "default" else f"cache:{alias}"] = _cache_answers(alias)
    warnings = []
    if isinstance(caches["pages"], RedisCache):
        checks["cache:bound"] = lambda: warnings.append(caches["pages"].unbounded())
    results = _run_checks(checks)
    results.pop("cache:bound", None)  # what it found is a warning, never a failure
    failing = [] if results["database"] == "ok" else ["database"]
    degraded = ["cache"] if any(result != "ok" for name, result in results.items() if name != "database") else []
    status = "unavailable" if failing else "degraded" if degraded else "ok"
    body = {"status": status, "checks": results, "failing": failing, "degraded": degraded,
            "warnings": [warning for warning in warnings if warning]}
    return JsonResponse(body, status=503 if failing else 200)


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    """Crawlers may read everything readers can; not the admin, and not search results."""
    lines = ["User-agent: *"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines += [f"Disallow: {reverse('admin:index')}", f"Disallow: {reverse('search')}"]
        lines.append(f"Disallow: {reverse('language_choose', args=[language])}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _in_admin(request):
    """Whether the request is for the editors' admin, under any language prefix."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if request.path.startswith(reverse("admin:index")):
                return True
    return False


def _admin_error(request, template, status):
    """An error inside admin, in admin's own page, with its header and the way back."""
    context = {**admin.site.each_context(request), "title": None}
    return render(request, template, context, status=status)


def csrf_failure(request, reason=""):
    """A refused form in the site's style, saying what the reader can do about it."""
    if _in_admin(request):
        return _admin_error(request, "admin/403_csrf.html", 403)
    return render(request, "403_csrf.html", status=403)


@requires_csrf_token
def permission_denied(request, exception):
    if _in_admin(request):
        return _admin_error(request, "admin/403.html", 403)
    return defaults.permission_denied(request, exception)


@requires_csrf_token
def page_not_found(request, exception):
    if _in_admin(request):
        return _admin_error(request, "admin/404.html", 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: a dependency outage is a 503 with Retry-After; under /api/ every error is JSON;
    inside admin, a bug is shown in admin's own page."""
    error = sys.exc_info()[1]
    outage = isinstance(error, OUTAGES)
    status = 503 if outage else 500
    if is_api(request):
        response = api_error(request, status)
    elif outage:
        # Rendered without a request context: the database and cache behind the usual context are out.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    else:
        response = _admin_server_error(request) if _in_admin(request) else None
        response = response or HttpResponseServerError(loader.render_to_string("500.html"))
    if outage:
        # Logged once, by django.request, with the dependency named (portal/logs.py).
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _admin_server_error(request):
    try:
        return _admin_error(request, "admin/500.html", 500)
    except Exception:  # whatever broke the page may break admin's page too: the plain page then
        logger.exception("The admin error page could not be shown")
        return None
