"""Which pages are kept for anonymous readers and under which query: never a reader's own, nor an editor's."""


import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from faq.models import Article
from faq.preview import preview_path
from serving.page_cache import ReaderCacheMiddleware
from serving.page_rules import REMEMBERED_QUERY, _request_query, cache_for_readers, reader_query, request_query
from tests.factories import make_article, make_category, make_staff
from tests.serving.test_page_cache import assert_kept, queries_for

pytestmark = pytest.mark.django_db


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


def test_only_whole_names_that_a_tracking_pattern_matches_are_left_out_of_the_query(settings):
    settings.TRACKING_PARAMETERS = ["utm_*", "from"]
    pairs = [("fromage", "1"), ("from", "x"), ("utm_source", "y"), ("xutm_source", "2"), ("q", "a b")]

    assert reader_query(pairs) == "fromage=1&q=a+b&xutm_source=2"
    settings.TRACKING_PARAMETERS = []
    assert reader_query(pairs[:2]) == "from=x&fromage=1"


def test_a_query_string_is_read_again_when_the_tracking_parameters_change(settings):
    settings.TRACKING_PARAMETERS = ["from"]
    assert request_query("q=a&from=x&q=b") == ((("q", "a"), ("from", "x"), ("q", "b")), "q=a&q=b")
    settings.TRACKING_PARAMETERS = []
    assert request_query("q=a&from=x&q=b")[1] == "from=x&q=a&q=b"


def test_only_short_query_strings_are_remembered():
    long_query = "q=" + "x" * REMEMBERED_QUERY
    request_query("q=short")
    remembered = _request_query.cache_info().currsize
    assert request_query(long_query)[1] == long_query
    assert _request_query.cache_info().currsize == remembered
