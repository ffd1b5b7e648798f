from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from faq.selectors import category_list_with_articles
from policy.choices import CheckerSlug

from .page_cache import cache_for_readers


@cache_for_readers
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


def csrf_failure(request, reason=""):
    """A refused form in the site's style, saying what the reader can do about it."""
    return render(request, "403_csrf.html", status=403)
