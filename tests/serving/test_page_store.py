"""Where kept pages live: validators and 304s, keys by language, each worker's own copies, and keys that
change when the pickled classes move."""

import sys
import time
import types
from unittest import mock

import pytest
from django.core.cache import caches
from django.utils.http import http_date

from serving.page_store import Page, RecentPages, page_key, recent_pages
from tests.factories import make_article
from tests.serving.test_page_cache import assert_kept, queries_for

pytestmark = pytest.mark.django_db


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


def test_a_page_kept_by_a_release_whose_classes_lived_elsewhere_is_never_read(client, rf):
    """Kept pages outlive a deploy in Redis, pickled with their classes' module: one an earlier release kept
    under portal.page_cache could not be loaded here, so it is never looked up and the page is rendered."""
    article = make_article()
    url = article.get_absolute_url()
    old_page = type("Page", (), {"__module__": "portal.page_cache"})
    old_module = types.ModuleType("portal.page_cache")
    old_module.Page = old_page
    with mock.patch.dict(sys.modules, {"portal.page_cache": old_module}):
        caches["pages"].set("page:" + page_key(rf.get(url), "").rsplit(":", 1)[1], old_page())

    response = client.get(url)

    assert_kept(response)
    assert article.title in response.content.decode()
