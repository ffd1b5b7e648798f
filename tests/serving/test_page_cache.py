"""Pages kept for anonymous readers: what they carry, the WSGI entry that serves them, and every change that
drops them."""

import time
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
import redis.exceptions
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from faq.models import Article, ArticleFeedback, Correction, SearchCount
from faq.services import search_counts
from policy.models import RequiredYearsRule
from serving import page_cache
from serving.page_cache import ReaderCacheApplication
from tests.factories import add_related, make_article, make_category, make_staff

pytestmark = pytest.mark.django_db

RETIREMENT_API = "/api/v1/checkers/retirement/?category=male_60&birth_month=1970-01&years_paid=15&region=310000"


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def assert_kept(response):
    """What every kept page carries: no cookie, headers for a CDN, validators for revalidation."""
    assert response.status_code == 200
    assert not response.cookies
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in cache_control and "max-age=60" in cache_control
    assert any(part.startswith("stale-while-revalidate=") for part in cache_control)
    assert response["ETag"] and not response.has_header("Last-Modified")
    assert "cookie" not in response.get("Vary", "").lower()


@contextmanager
def later(seconds):
    """Move the clock on: both Django's (publishing windows) and the cache's own expiry."""
    real_time, real_now = time.time, timezone.now
    with (
        mock.patch("time.time", lambda: real_time() + seconds),
        mock.patch("django.utils.timezone.now", lambda: real_now() + timedelta(seconds=seconds)),
    ):
        yield


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/zh-hans/",
        "/faq/pages/",
        "/faq/pages/page/",
        "/checkers/",
        "/checkers/refund/",
        "/checkers/refund/questions/",
        "/checkers/refund/answer/?year=2026&other_scheme=none",
        "/feeds/articles.atom",
        "/sitemap.xml",
        "/api/v1/checkers/refund/?year=2026&other_scheme=none",
    ],
)


def test_anonymous_readers_get_the_kept_page_without_touching_the_database(client, url):
    make_article(category=make_category(slug="pages"), slug="page")

    first, _ = queries_for(client, url)
    second, queries = queries_for(client, url)

    assert queries == 0
    assert_kept(first)
    assert_kept(second)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_article_page_sets_no_cookie_and_holds_no_csrf_token(client):
    article = make_article()

    response = client.get(article.get_absolute_url())

    assert_kept(response)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Set-Cookie" not in response.headers


def test_head_is_answered_from_the_kept_page(client):
    article = make_article()
    kept = client.get(article.get_absolute_url())

    head, queries = queries_for(client, article.get_absolute_url(), REQUEST_METHOD="HEAD")

    assert queries == 0
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == kept["ETag"] and head["Content-Length"] == str(len(kept.content))


def test_a_first_head_keeps_the_page_its_get_is_then_served(client):
    article = make_article()
    client.head(article.get_absolute_url())

    response, queries = queries_for(client, article.get_absolute_url())

    assert queries == 0 and article.title in response.content.decode()


def test_publishing_shows_the_article_at_once(client):
    category = make_category()
    make_article(category=category, title="Already there")
    draft = make_article(category=category, title="Newly published", status=Article.Status.IN_REVIEW)
    assert "Newly published" not in client.get(category.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404

    draft.status = Article.Status.PUBLISHED
    draft.save()

    assert "Newly published" in client.get(category.get_absolute_url()).content.decode()
    assert "Newly published" in client.get("/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_an_edit_shows_at_once(client):
    article = make_article(body="The old rule.")
    client.get(article.get_absolute_url())

    article.body = "The new rule."
    article.save()

    html = client.get(article.get_absolute_url()).content.decode()
    assert "The new rule." in html and "The old rule." not in html


def test_archiving_removes_the_article_at_once(client):
    category = make_category()
    make_article(category=category)
    article = make_article(category=category, title="To be archived")
    client.get(article.get_absolute_url())
    client.get(category.get_absolute_url())

    article.status = Article.Status.ARCHIVED
    article.save()

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "To be archived" not in client.get(category.get_absolute_url()).content.decode()


def test_an_article_appears_at_its_publish_at_without_any_job(client):
    category = make_category()
    make_article(category=category)
    article = make_article(category=category, title="Coming soon", publish_at=timezone.now() + timedelta(hours=1))
    assert "Coming soon" not in client.get(category.get_absolute_url()).content.decode()
    kept = client.get(category.get_absolute_url())
    assert int(kept["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 3600

    with later(3601):
        assert "Coming soon" in client.get(category.get_absolute_url()).content.decode()
        assert client.get(article.get_absolute_url()).status_code == 200


def test_an_article_disappears_at_its_expire_at_without_any_job(client):
    category = make_category()
    make_article(category=category)
    article = make_article(category=category, title="Going soon", expire_at=timezone.now() + timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Going soon" in client.get(category.get_absolute_url()).content.decode()

    with later(301):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Going soon" not in client.get(category.get_absolute_url()).content.decode()


def test_a_related_articles_new_title_shows_on_the_pages_linking_to_it(client):
    target = make_article(title="Old related title")
    article = make_article()
    add_related(article, target.title, target=target)
    assert "Old related title" in client.get(article.get_absolute_url()).content.decode()

    target.title = "New related title"
    target.save()

    html = client.get(article.get_absolute_url()).content.decode()
    assert "New related title" in html and "Old related title" not in html


def test_a_parameter_row_change_changes_the_checker_answer_at_once(client):
    assert client.get(RETIREMENT_API).json()["outcome"] == "no_more_premiums"
    row = RequiredYearsRule.objects.get(region_code="310000", effective_to__isnull=True)  # a retirement in 2031

    row.men_years = 25
    row.save()

    assert client.get(RETIREMENT_API).json()["outcome"] == "pay_up_to_required_years"


def test_a_new_translation_link_shows_on_the_original_at_once(client):
    original = make_article(title="Card")
    chinese = make_article(title="医保卡", language="zh-hans")
    assert chinese.get_absolute_url() not in client.get(original.get_absolute_url()).content.decode()

    chinese.translation_of = original
    chinese.save()

    assert chinese.get_absolute_url() in client.get(original.get_absolute_url()).content.decode()


def test_reader_votes_do_not_drop_the_kept_pages(client):
    article = make_article()
    client.get(article.get_absolute_url())
    Client().post(reverse("faq:article_feedback", args=[article.pk]), {"helpful": "yes"})

    _, queries = queries_for(client, article.get_absolute_url())

    assert queries == 0


def test_pages_are_served_fresh_while_the_cache_is_out(client):
    article = make_article(body="Still readable.")

    with mock.patch.object(caches["pages"], "get", side_effect=redis.exceptions.ConnectionError("down")):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Still readable." in response.content.decode()


def test_the_wsgi_entry_answers_kept_pages_before_django_with_the_same_bytes(client, rf):
    article = make_article()
    kept = client.get(article.get_absolute_url())
    passed_on = []

    def django(environ, start_response):
        passed_on.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"from Django"]

    def call(path, **headers):
        sent = {}
        body = ReaderCacheApplication(django)(
            rf.get(path, **headers).environ, lambda status, headers: sent.update(status=status, headers=dict(headers))
        )
        return sent, b"".join(body)

    answered, body = call(article.get_absolute_url())
    revalidated, empty = call(article.get_absolute_url(), HTTP_IF_NONE_MATCH=kept["ETag"])
    call("/faq/not-kept/")

    assert answered["status"] == "200 OK" and body == kept.content
    assert answered["headers"]["ETag"] == kept["ETag"]
    assert answered["headers"]["Content-Security-Policy"] == kept["Content-Security-Policy"]
    assert revalidated["status"] == "304 Not Modified" and empty == b""
    assert passed_on == ["/faq/not-kept/"]


def test_votes_searches_and_pending_corrections_leave_kept_pages_in_place(client):
    article = make_article(body="The live rule.")
    client.get(article.get_absolute_url())
    editor = make_staff("Editor")

    ArticleFeedback.objects.create(article=article, voter_key="reader", helpful=True)
    SearchCount.objects.create(day=timezone.localdate(), query="rule", language="en", searches=1, result_count=1)
    Correction.objects.create(article=article, data={}, base_version=article.version, submitted_by=editor)

    response, queries = queries_for(client, article.get_absolute_url())
    assert_kept(response)
    assert queries == 0


def searches_counted(query):
    search_counts.flush()
    return SearchCount.objects.filter(query=query).values_list("searches", flat=True).first()


def test_a_kept_search_page_is_served_without_searching_and_still_counted(client):
    make_article(title="Refund after enrolling twice", body="Ask for a refund.")

    first = client.get("/search/?q=refund")
    second, queries = queries_for(client, "/search/?q=refund")

    assert_kept(first)
    assert_kept(second)
    assert second.content == first.content
    assert queries == 0  # no search, and the count waits in memory for its batch
    assert searches_counted("refund") == 2


def test_a_kept_search_page_counts_through_the_wsgi_entry_too(client, rf):
    make_article(title="Refund after enrolling twice", body="Ask for a refund.")
    client.get("/search/?q=refund")

    def django(environ, start_response):
        raise AssertionError("a kept page never reaches Django")

    ReaderCacheApplication(django)(rf.get("/search/?q=refund").environ, lambda status, headers: None)

    assert searches_counted("refund") == 2


def test_a_search_made_fresh_by_new_content_finds_it(client):
    client.get("/search/?q=refund")
    article = make_article(title="Refund after enrolling twice", body="Ask for a refund.")

    response = client.get("/search/?q=refund")

    assert article.get_absolute_url() in response.content.decode()


def test_a_kept_page_is_served_when_its_count_cannot_be_written(client):
    make_article(title="Refund after enrolling twice", body="Ask for a refund.")
    first = client.get("/search/?q=refund")

    with mock.patch("faq.services.search_log_record", side_effect=DatabaseError("database is locked")):
        second = client.get("/search/?q=refund")

    assert second.status_code == 200 and second.content == first.content


def test_the_wsgi_entry_passes_a_request_on_to_django_when_the_page_cache_does_not_answer(rf):
    passed_on = []

    def django(environ, start_response):
        passed_on.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"rendered"]

    with mock.patch.object(page_cache, "lookup", side_effect=redis.exceptions.TimeoutError("no answer")):
        body = ReaderCacheApplication(django)(rf.get("/search/?q=refund").environ, lambda status, headers: None)

    assert b"".join(body) == b"rendered" and passed_on == ["/search/"]
