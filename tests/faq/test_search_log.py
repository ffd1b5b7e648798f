"""Reader searches are counted per query per day; admin reports the most frequent ones that found nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import SearchCount
from faq.services import search_counts, search_counts_prune, search_log_record
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def test_service_normalises_the_query_and_skips_empty_ones():
    search_log_record(query="  Refund   TWICE ", result_count=2, language="en")
    search_log_record(query="   ", result_count=0, language="en")
    search_counts.flush()

    assert list(SearchCount.objects.values_list("query", "result_count", "language", "searches")) == [
        ("refund twice", 2, "en", 1)
    ]


def test_the_same_query_on_the_same_day_adds_to_one_row():
    day = timezone.localdate()
    search_log_record(query="refund", result_count=0, language="en", day=day)
    search_log_record(query="Refund", result_count=3, language="en", day=day)
    search_log_record(query="refund", result_count=3, language="zh-hans", day=day)
    search_log_record(query="refund", result_count=3, language="en", day=day - timedelta(days=1))
    search_counts.flush()

    rows = sorted(SearchCount.objects.values_list("day", "language", "searches", "result_count"))
    assert rows == [
        (day - timedelta(days=1), "en", 1, 3),
        (day, "en", 2, 3),
        (day, "zh-hans", 1, 3),
    ]


def test_search_page_logs_the_query_with_its_result_count(client):
    make_article(title="Refund after enrolling twice", body="You can ask for a refund.")

    client.get(reverse("search"), {"q": "refund"})
    client.get(reverse("search"), {"q": "pension abroad"})
    client.get(reverse("search"), {"q": "refund", "page": "2"})
    search_counts.flush()

    logged = sorted(SearchCount.objects.values_list("query", "result_count", "searches"))
    assert logged == [("pension abroad", 0, 1), ("refund", 1, 1)]


def _log(query, count, days_ago=0, language="en", searches=1):
    SearchCount.objects.create(
        day=timezone.localdate() - timedelta(days=days_ago), query=query, language=language,
        searches=searches, result_count=count,
    )


def test_admin_report_lists_zero_result_queries_most_frequent_first(client):
    client.force_login(make_staff("Editor"))
    _log("pension abroad", 0, searches=2)
    _log("pension abroad", 0, days_ago=3)
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


def test_editors_can_read_the_daily_counts(client):
    client.force_login(make_staff("Editor"))
    _log("refund", 4)

    response = client.get(reverse("admin:faq_searchcount_changelist"))

    assert response.status_code == 200
    assert "refund" in response.content.decode()


def test_report_is_read_only_and_for_staff_with_permission(client):
    response = client.get(reverse("admin:faq_zeroresultsearch_changelist"))

    assert response.status_code == 302


def test_prune_keeps_exactly_the_retention_period():
    today = timezone.localdate()
    _log("kept", 0, days_ago=180)
    _log("gone", 0, days_ago=181)

    assert search_counts_prune(keep_days=180, today=today) == 1
    assert list(SearchCount.objects.values_list("query", flat=True)) == ["kept"]
