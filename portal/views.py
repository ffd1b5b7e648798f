from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

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
