"""The CSV of an article's own small charts on its change page: linked beside each chart, refused to staff
who may not read the dashboard, and its cells never start a formula."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from faq.services import search_counts, search_log_record
from insights.counts import page_view_record, reader_counts_flush
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_each_small_chart_links_its_csv(client):
    article = make_article(title="Refunds", language="en")
    page_view_record(article_id=article.pk, language="en")
    page_view_record(article_id=article.pk, language="en")
    reader_counts_flush()
    client.force_login(make_staff("Editor"))

    page = client.get(reverse("admin:faq_article_change", args=[article.pk])).content.decode()
    figures = reverse("admin:faq_article_figures", args=[article.pk])
    for key in ("article-views", "article-votes", "article-searches"):
        assert f'href="{figures}?days=30&amp;export={key}"' in page

    response = client.get(figures, {"days": "30", "export": "article-views"})
    assert response["Content-Type"].startswith("text/csv")
    assert f"article-views-{article.pk}-" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][0] == "Day"
    assert sum(int(cell) for row in rows[1:] for cell in row[1:] if cell.isdigit()) == 2
    assert client.get(figures, {"export": "nothing"}).status_code == 404


def test_the_searches_csv_never_starts_a_formula(client):
    article = make_article(title="Refunds", body="Refunds of contributions.", language="en")
    search_log_record(query="=refunds", result_count=1, language="en")
    search_counts.flush()
    client.force_login(make_staff("Publisher"))

    response = client.get(reverse("admin:faq_article_figures", args=[article.pk]), {"export": "article-searches"})

    assert _rows(response) == [["Search", "Searches"], ["'=refunds", "1"]]


def test_staff_who_may_not_read_the_dashboard_are_refused(client, django_user_model):
    article = make_article(language="en")
    figures = reverse("admin:faq_article_figures", args=[article.pk])
    assert client.get(figures, {"export": "article-views"}).status_code == 302  # to sign-in
    reader = django_user_model.objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_article", content_type__app_label="faq"))
    client.force_login(reader)

    assert client.get(reverse("admin:faq_article_change", args=[article.pk])).status_code == 200
    assert client.get(figures, {"export": "article-views"}).status_code == 403
