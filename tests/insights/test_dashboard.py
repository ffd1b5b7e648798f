"""The dashboard of how the content serves readers: counts made as pages are served, its charts and
tables, its CSV, and a fixed number of queries whatever the data."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from faq.models import ArticleFeedback
from faq.services import search_counts, search_log_record
from insights.counts import checker_use_record, page_view_record, reader_counts_flush, reader_counts_prune
from insights.models import CheckerUseCount, PageViewCount
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:insights_pageviewcount_changelist")


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff("Editor"))
    return client


def test_reading_an_article_counts_a_view_kept_pages_included_without_a_cookie(client):
    article = make_article(language="en")

    response = client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as kept:
        client.get(article.get_absolute_url())  # the kept page, served without the database, still counts
    reader_counts_flush()

    assert len(kept) == 0

    assert not response.cookies
    row = PageViewCount.objects.get()
    assert (row.article_id, row.language, row.views, row.day) == (article.pk, "en", 2, timezone.localdate())


def test_staff_reading_the_site_are_not_counted(client):
    article = make_article()
    client.force_login(make_staff("Editor"))

    client.get(article.get_absolute_url())
    reader_counts_flush()

    assert not PageViewCount.objects.exists()


def test_checker_start_and_answer_are_counted_with_the_outcome(client):
    client.get(reverse("policy:checker_questions", args=["card-use"]))
    reader_counts_flush()

    assert list(CheckerUseCount.objects.values_list("checker", "event", "uses")) == [("card-use", "started", 1)]

    client.get(reverse("policy:checker_answer", args=["card-use"]), {"scheme": "employee", "use": "cash"})
    reader_counts_flush()

    answered = CheckerUseCount.objects.get(event="answered")
    assert (answered.checker, answered.uses) == ("card-use", 1) and answered.outcome


def test_prune_removes_counts_past_the_retention(settings):
    article = make_article()
    today = timezone.localdate()
    page_view_record(article_id=article.pk, language="en", day=today - timedelta(days=400))
    page_view_record(article_id=article.pk, language="en", day=today)
    reader_counts_flush()

    assert reader_counts_prune(keep_days=settings.READER_STATS_DAYS) == 1
    assert PageViewCount.objects.get().day == today


def _counts(articles, days=7):
    """Views, votes, searches and checker use on each of the last `days` days."""
    today = timezone.localdate()
    for offset in range(days):
        day = today - timedelta(days=offset)
        for number, article in enumerate(articles):
            for _view in range(number + 1):
                page_view_record(article_id=article.pk, language=article.language, day=day)
        for _search in range(3):
            search_log_record(query=f"refund {offset}", result_count=2, language="en", day=day)
        for _search in range(2):
            search_log_record(query="辞职", result_count=0, language="zh-hans", day=day)
        checker_use_record(checker="refund", language="en", event="started", day=day)
        checker_use_record(checker="refund", language="en", event="answered", outcome="refund_eligible", day=day)
    reader_counts_flush()
    search_counts.flush()
    for article in articles:
        ArticleFeedback.objects.create(article=article, voter_key=f"a{article.pk}", helpful=True)
        ArticleFeedback.objects.create(article=article, voter_key=f"b{article.pk}", helpful=False, reason="unclear")


def _table(response, key):
    return next(chart for _heading, charts in response.context["sections"] for chart in charts if chart.key == key)


def test_the_tables_hold_the_counts(editor_client):
    articles = [make_article(title="Refunds", language="en"), make_article(title="辞职以后", language="zh-hans")]
    _counts(articles)

    response = editor_client.get(DASHBOARD, {"days": "7"})

    html = response.content.decode()
    views = _table(response, "views")
    assert [row[1:] for row in views.rows] == [[1, 2]] * 7
    assert _table(response, "most-read-en").rows == [["Refunds", 7]]
    assert _table(response, "most-read-zh-hans").rows == [["辞职以后", 14]]
    assert _table(response, "helpful").rows[-1][1:] == [2, 2]
    assert _table(response, "reasons").rows == [["It was hard to understand", 2]]
    searches = _table(response, "searches")
    assert searches.rows[-1][1:] == [5, 2, "40%"]
    refund = next(row for row in _table(response, "checkers").rows if row[0] == "Can I get my contribution refunded?")
    assert refund[1:3] == [7, 7] and "refund eligible: 100%" in refund[3]
    assert html.count("<svg class=\"chart") >= 8
    assert "辞职" in html and "Write an article" in html and "Add a synonym" in html
    zero = response.context["zero_results"][0]
    assert zero["write_url"].startswith(reverse("admin:faq_article_add") + "?title=%E8%BE%9E%E8%81%8C")


def test_the_period_limits_the_counts(editor_client):
    article = make_article(title="Refunds", language="en")
    page_view_record(article_id=article.pk, language="en", day=timezone.localdate() - timedelta(days=20))
    reader_counts_flush()

    assert _table(editor_client.get(DASHBOARD, {"days": "7"}), "most-read-en").rows == []
    assert _table(editor_client.get(DASHBOARD, {"days": "30"}), "most-read-en").rows == [["Refunds", 1]]
    assert len(_table(editor_client.get(DASHBOARD, {"days": "90"}), "views").rows) == 90
    assert len(_table(editor_client.get(DASHBOARD, {"days": "12345"}), "views").rows) == 30


def test_the_most_read_come_off_the_period_sums_once_anything_is_counted_today(editor_client):
    article = make_article(title="Refunds", language="en")
    page_view_record(article_id=article.pk, language="en", day=timezone.localdate() - timedelta(days=1))
    reader_counts_flush()

    def most_read():
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(DASHBOARD, {"days": "7"})
        from_sums = [query for query in queries.captured_queries if "insights_periodviewcount" in query["sql"]]
        return _table(response, "most-read-en").rows, len(from_sums)

    assert most_read() == ([["Refunds", 1]], 0)  # the sums end yesterday: added up from the counts
    page_view_record(article_id=article.pk, language="en")
    reader_counts_flush()
    assert most_read() == ([["Refunds", 2]], 2)  # one query a language


def test_csv_export_of_a_chart(editor_client):
    _counts([make_article(title="Refunds", language="en")], days=2)

    response = editor_client.get(DASHBOARD, {"days": "7", "export": "most-read-en"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Article", "Views"], ["Refunds", "2"]]
    assert editor_client.get(DASHBOARD, {"export": "nothing"}).status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_data(editor_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(DASHBOARD, {"days": "90"}).status_code == 200
        return len(captured)

    empty = queries()
    # The session and user, then one a chart (one a language for the most-read), whether the most-read come
    # off the period sums (something counted today) or from the counts (nothing yet, as here).
    assert empty <= 16
    _counts([make_article(language="en"), make_article(language="zh-hans"), make_article(language="en")], days=30)
    assert queries() == empty
    _counts([make_article(language="en") for _ in range(12)], days=5)
    assert queries() == empty


def test_readers_and_staff_without_the_permission_are_refused(client, django_user_model):
    assert client.get(DASHBOARD).status_code == 302  # to sign-in
    client.force_login(django_user_model.objects.create_user("helper", is_staff=True))
    assert client.get(DASHBOARD).status_code == 403
    client.force_login(make_staff("Publisher"))
    assert client.get(DASHBOARD).status_code == 200


def test_csv_cells_never_start_a_formula(editor_client):
    article = make_article(title="@Refunds", language="en")
    page_view_record(article_id=article.pk, language="en")
    reader_counts_flush()

    response = editor_client.get(DASHBOARD, {"days": "7", "export": "most-read-en"})

    assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1] == ["'@Refunds", "1"]


def test_the_dashboard_in_chinese(client):
    client.force_login(make_staff("Editor"))
    with translation.override("zh-hans"):
        url = reverse("admin:insights_pageviewcount_changelist")

    html = client.get(url, {"days": "7"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "内容对读者的帮助" in html and "每日页面浏览量" in html and "最常见的无结果搜索" in html
