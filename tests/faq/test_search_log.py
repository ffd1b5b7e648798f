"""Every reader search is logged with its result count; admin reports the most frequent ones that found nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import SearchQuery
from faq.services import search_log_record
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def test_service_normalises_the_query_and_skips_empty_ones():
    search_log_record(query="  Refund   TWICE ", result_count=2, language="en")
    search_log_record(query="   ", result_count=0, language="en")

    assert list(SearchQuery.objects.values_list("query", "result_count", "language")) == [("refund twice", 2, "en")]


def test_search_page_logs_the_query_with_its_result_count(client):
    make_article(title="Refund after enrolling twice", body="You can ask for a refund.")

    client.get(reverse("search"), {"q": "refund"})
    client.get(reverse("search"), {"q": "pension abroad"})
    client.get(reverse("search"), {"q": "refund", "page": "2"})

    logged = sorted(SearchQuery.objects.values_list("query", "result_count"))
    assert logged == [("pension abroad", 0), ("refund", 1)]


def _log(query, count, days_ago=0, language="en"):
    entry = SearchQuery.objects.create(query=query, result_count=0 if count is None else count, language=language)
    SearchQuery.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(days=days_ago))


def test_admin_report_lists_zero_result_queries_most_frequent_first(client):
    client.force_login(make_staff("Editor"))
    for _ in range(3):
        _log("pension abroad", 0)
    _log("养老金", 0, language="zh-hans")
    _log("refund", 4)
    _log("old question", 0, days_ago=40)

    response = client.get(reverse("admin:faq_zeroresultsearch_changelist"))

    assert response.status_code == 200
    rows = [(row["query"], row["searches"]) for row in response.context["rows"]]
    assert rows == [("pension abroad", 3), ("养老金", 1)]
    assert "Simplified Chinese" in response.content.decode()
    year = client.get(reverse("admin:faq_zeroresultsearch_changelist"), {"days": "365"})
    assert ("old question", 1) in [(row["query"], row["searches"]) for row in year.context["rows"]]


def test_report_is_read_only_and_for_staff_with_permission(client):
    response = client.get(reverse("admin:faq_zeroresultsearch_changelist"))

    assert response.status_code == 302
