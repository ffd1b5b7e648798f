"""Pages kept for anonymous readers: who gets them, what they carry, and every change that drops them."""

import time
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
import redis.exceptions
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from faq.models import Article, ArticleFeedback, Correction, SearchCount
from faq.preview import preview_path
from faq.services import search_counts
from policy.models import RequiredYearsRule
from serving import page_cache
from serving.page_cache import (
    Page,
    ReaderCacheApplication,
    ReaderCacheMiddleware,
    RecentPages,
    cache_for_readers,
    recent_pages,
)
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


def test_revalidation_gets_304_without_a_body(client):
    article = make_article()
    first = client.get(article.get_absolute_url())

    by_etag = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"')

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert changed.status_code == 200 and changed.content == first.content


def test_two_saves_within_one_second_are_never_confirmed_as_unchanged(client):
    article = make_article(body="First answer.")
    first = client.get(article.get_absolute_url())
    article.body = "Second answer."
    article.save()
    second = client.get(article.get_absolute_url())
    article.body = "Third answer."
    article.save()

    by_etag = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=second["ETag"])
    # A date is all a client without the ETag has; one second cannot tell these saves apart, so it never confirms.
    by_date = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=http_date(time.time() + 1))

    assert "Second answer." in second.content.decode() and second["ETag"] != first["ETag"]
    for response in (by_etag, by_date):
        assert response.status_code == 200 and "Third answer." in response.content.decode()


def test_a_changed_page_is_not_revalidated_as_unchanged(client):
    article = make_article(body="Old answer.")
    first = client.get(article.get_absolute_url())
    article.body = "New answer."
    article.save()

    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 200
    assert "New answer." in response.content.decode()


def test_api_answers_vary_on_accept_language_and_are_kept_per_language(client):
    url = "/api/v1/checkers/refund/?year=2026&other_scheme=none"

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    english_again, queries = queries_for(client, url, HTTP_ACCEPT_LANGUAGE="en")

    assert "Accept-Language" in english["Vary"]
    assert english["Content-Language"] == "en" and chinese["Content-Language"] == "zh-hans"
    assert english.json()["title"] != chinese.json()["title"]
    assert english_again.json() == english.json() and queries == 0
    assert_kept(chinese)


def test_pages_are_kept_per_language(client):
    make_article(title="English answer")
    make_article(title="中文回答", language="zh-hans")

    english = client.get("/").content.decode()
    chinese = client.get("/zh-hans/").content.decode()

    assert "English answer" in english and "中文回答" not in english
    assert "中文回答" in chinese and "English answer" not in chinese


def test_an_editor_sees_their_draft_while_readers_see_the_published_page(client):
    category = make_category()
    published = make_article(category=category, title="Published answer")
    draft = make_article(category=category, title="Draft answer", status=Article.Status.DRAFT)
    editor = Client()
    editor.force_login(make_staff("Editor"))

    reader_category = client.get(category.get_absolute_url())
    preview = editor.get(preview_path(draft))
    reader_category_again = client.get(category.get_absolute_url())

    assert "Draft answer" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    for response in (reader_category, reader_category_again):
        assert "Published answer" in response.content.decode()
        assert "Draft answer" not in response.content.decode()
    assert client.get(published.get_absolute_url()).status_code == 200


def test_signed_in_editors_never_get_or_leave_a_kept_page(client):
    article = make_article(question="What readers saw?")
    client.get(article.get_absolute_url())
    # A write that sends no signal: only a fresh render can show it.
    Article.objects.filter(pk=article.pk).update(question="What the editor sees?")
    editor = Client()
    editor.force_login(make_staff("Editor"))

    editor_page = editor.get(article.get_absolute_url())

    assert "What the editor sees?" in editor_page.content.decode()
    assert "private" in editor_page["Cache-Control"] and "no-store" in editor_page["Cache-Control"]
    assert "What readers saw?" in client.get(article.get_absolute_url()).content.decode()


def test_a_page_showing_a_message_is_neither_kept_nor_served_from_the_cache(client):
    article = make_article()
    kept = client.get(article.get_absolute_url())

    thanked = client.post(reverse("faq:article_feedback", args=[article.pk]), {"helpful": "yes"}, follow=True)

    assert "Thank you" in thanked.content.decode()
    assert "public" not in thanked.get("Cache-Control", "")
    after = client.get(article.get_absolute_url())
    assert "Thank you" not in after.content.decode()
    assert after.content == kept.content


@pytest.mark.parametrize("query", [
    "?from=singlemessage&isappinstalled=0", "?utm_source=wechat&utm_medium=share", "?scene=1&spm=a.b", "?anything=1",
])
def test_an_article_asked_with_a_query_it_does_not_take_is_its_kept_page(client, query):
    article = make_article()
    kept = client.get(article.get_absolute_url())

    shared, queries = queries_for(client, article.get_absolute_url() + query)

    assert queries == 0
    assert shared.content == kept.content


def test_an_article_first_asked_with_a_tracking_query_is_kept_for_its_clean_address(client):
    article = make_article(category=make_category(slug="cards"), slug="card")
    shared = client.get(article.get_absolute_url() + "?utm_source=x&from=timeline").content.decode()

    clean, queries = queries_for(client, article.get_absolute_url())

    assert queries == 0 and clean.content.decode() == shared
    assert "utm_source" not in shared and "timeline" not in shared  # canonical, og:url, language links
    assert 'rel="canonical" href="http://testserver/faq/cards/card/"' in shared
    assert 'content="http://testserver/faq/cards/card/"' in shared


@pytest.mark.parametrize("query", ["", "&utm_campaign=spring", "&unknown=1", "&from=groupmessage"])
def test_checker_answers_are_kept_under_their_validated_answers_only(client, query):
    answer = "/checkers/refund/answer/"
    kept = client.get(f"{answer}?year=2026&other_scheme=none")
    entries = len(caches["pages"]._cache)

    asked = client.get(f"{answer}?other_scheme=none&year=2026{query}")

    assert asked.content == kept.content
    assert len(caches["pages"]._cache) == entries


def test_api_answers_in_another_order_or_with_unknown_parameters_are_the_same_page(client):
    api = "/api/v1/checkers/refund/"
    kept = client.get(f"{api}?year=2026&other_scheme=none")
    entries = len(caches["pages"]._cache)

    reordered, queries = queries_for(client, f"{api}?other_scheme=none&year=2026")
    unknown = client.get(f"{api}?year=2026&other_scheme=none&callback=x")

    assert queries == 0
    assert reordered.json() == unknown.json() == kept.json()
    assert len(caches["pages"]._cache) == entries


def test_a_checker_page_of_mistakes_is_never_kept(client):
    client.get("/checkers/refund/answer/?year=not-a-year")

    _, queries = queries_for(client, "/checkers/refund/answer/?year=not-a-year")

    assert queries > 0


def test_a_search_is_kept_without_tracking_parameters_and_the_view_never_sees_them(client):
    make_article(title="Refund after enrolling twice", body="Ask for a refund.")
    first = client.get("/search/?q=refund&utm_source=app")

    second, queries = queries_for(client, "/search/?q=refund")

    assert queries == 0
    assert second.content == first.content and "utm_source" not in first.content.decode()


def test_a_readers_own_thanks_after_voting_is_neither_kept_nor_served_from_the_kept_page(client):
    article = make_article()
    kept = client.get(article.get_absolute_url())

    thanked = client.get(article.get_absolute_url() + "?feedback=sent")

    assert thanked.content != kept.content
    assert client.get(article.get_absolute_url()).content == kept.content


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


def test_a_session_cookie_naming_no_session_costs_one_check_and_gets_the_kept_page(client):
    article = make_article()
    kept = client.get(article.get_absolute_url())
    client.cookies["sessionid"] = "no-such-session-key-at-all"

    response, queries = queries_for(client, article.get_absolute_url())

    assert queries == 1
    assert_kept(response)
    assert response.content == kept.content


def test_an_empty_messages_cookie_is_read_in_place_and_gets_the_kept_page(client, rf):
    article = make_article()
    kept = client.get(article.get_absolute_url())
    request = rf.get("/")
    storage = CookieStorage(request)
    storage._store([], HttpResponse())  # what Django leaves after showing the last message: an empty list
    client.cookies["messages"] = storage._encode([])

    response, queries = queries_for(client, article.get_absolute_url())

    assert queries == 0
    assert_kept(response)
    assert response.content == kept.content


# Invalidation: each change below reaches readers on their very next request.


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


@pytest.mark.parametrize(
    "reader_state",
    [
        pytest.param(lambda request, response: get_token(request), id="a CSRF token"),
        pytest.param(lambda request, response: response.set_cookie("seen", "1"), id="a cookie"),
        pytest.param(lambda request, response: patch_vary_headers(response, ["Cookie"]), id="Vary: Cookie"),
    ],
)
def test_a_response_holding_something_of_the_readers_own_is_never_kept(rf, reader_state):
    renders = []

    @cache_for_readers
    def view(request):
        response = HttpResponse(f"render {len(renders)}")
        reader_state(request, response)
        renders.append(response)
        return response

    middleware = ReaderCacheMiddleware(CsrfViewMiddleware(view))
    first = middleware(rf.get("/page/"))
    second = middleware(rf.get("/page/"))

    assert len(renders) == 2
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert second.content == b"render 1"


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


def test_a_worker_serves_a_page_from_its_own_memory_while_the_version_holds(client, settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 10
    article = make_article(body="The first rule.")
    first = client.get(article.get_absolute_url())
    caches["pages"].clear()  # only this worker's own copy is left

    second, queries = queries_for(client, article.get_absolute_url())
    article.body = "The second rule."
    article.save()
    third = client.get(article.get_absolute_url())

    assert queries == 0 and second.content == first.content
    assert "The second rule." in third.content.decode()


def test_without_local_pages_set_a_worker_keeps_none_of_its_own(client, settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 0
    article = make_article()
    client.get(article.get_absolute_url())

    assert len(recent_pages) == 0


def test_a_workers_own_pages_are_bounded_and_drop_the_least_recently_served(settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 2
    pages = RecentPages()
    page = Page(token="v1", status=200, headers=(), content=b"", etag='"e"')
    for key in ("a", "b"):
        pages.add(key, page)
    pages.get("a", "v1")  # served again: "b" is now the oldest
    pages.add("c", page)

    assert [key for key in "abc" if pages.get(key, "v1")] == ["a", "c"]
    assert pages.get("a", "v2") is None  # a page of a replaced version is never served


def test_the_wsgi_entry_passes_a_request_on_to_django_when_the_page_cache_does_not_answer(rf):
    passed_on = []

    def django(environ, start_response):
        passed_on.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"rendered"]

    with mock.patch.object(page_cache, "lookup", side_effect=redis.exceptions.TimeoutError("no answer")):
        body = ReaderCacheApplication(django)(rf.get("/search/?q=refund").environ, lambda status, headers: None)

    assert b"".join(body) == b"rendered" and passed_on == ["/search/"]
