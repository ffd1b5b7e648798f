import logging

from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from faq.selectors import category_list_with_articles
from policy.choices import CheckerSlug


def home(request):
    context = {"categories": category_list_with_articles(), "checkers": list(CheckerSlug)}
    return render(request, "portal/home.html", context)


def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    """Crawlers may read everything readers can; not the admin, and not search results."""
    lines = ["User-agent: *"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines += [f"Disallow: {reverse('admin:index')}", f"Disallow: {reverse('search')}"]
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


@requires_csrf_token
def server_error(request):
    if _in_admin(request):
        try:
            return _admin_error(request, "admin/500.html", 500)
        except Exception:  # the failure may be the database the admin page needs: fall back to the plain page
            logging.getLogger(__name__).exception("The admin error page could not be shown")
    return defaults.server_error(request)
