"""Readers arrive in their language: `/` follows the language switch's choice, else the browser's."""

import pytest
from django.conf import settings

from tests.factories import make_article
from tests.language_switch import switcher_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "accept_language",
    ["zh", "zh-CN", "zh-Hans", "zh-SG", "zh-TW", "zh-HK", "zh-CN,zh;q=0.9,en;q=0.8", "fr,zh;q=0.5"],
)
def test_a_browser_that_prefers_chinese_goes_to_the_chinese_home_page(client, accept_language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"
    assert {"accept-language", "cookie"} <= {part.strip().lower() for part in response["Vary"].split(",")}
    assert "no-store" in response["Cache-Control"]  # never reused for a reader of another language
    assert not response.cookies


@pytest.mark.parametrize("accept_language", ["", "en", "en-US,en;q=0.9,zh-CN;q=0.8", "fr"])
def test_other_browsers_get_the_english_home_page_which_caches_per_language(client, accept_language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 200
    assert "accept-language" in response["Vary"].lower()
    # Kept for readers: the language cookie is part of the kept page's key, not a reason to skip it.
    assert "cookie" not in response["Vary"].lower()
    assert "public" in response["Cache-Control"]


def test_the_choice_made_with_the_switch_wins_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").status_code == 200

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/zh-hans/"


@pytest.mark.parametrize("path", ["/zh-hans/", "/privacy/", "/checkers/", "/search/?q=refund"])
def test_other_addresses_keep_the_language_of_their_path(client, path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en" if path.startswith("/zh-hans/") else "zh-hans"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-CN" if path.startswith("/zh-hans/") else "en")

    assert response.status_code == 200
    assert f'<html lang="{"zh-hans" if path.startswith("/zh-hans/") else "en"}">' in response.content.decode()


def test_the_switch_remembers_the_choice_and_opens_the_page(client):
    article = make_article(title="Pension", slug="pension")
    html = client.get(article.get_absolute_url()).content.decode()
    target = switcher_links(html)["zh-hans"]

    response = client.get("/language/zh-hans/", {"next": target})

    assert response.status_code == 302
    assert response["Location"] == target
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "zh-hans"
    assert cookie["max-age"] == settings.LANGUAGE_COOKIE_AGE
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/")["Location"] == "/zh-hans/"


@pytest.mark.parametrize("target", ["", "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"])
def test_the_switch_never_leaves_the_site(client, target):
    response = client.get("/language/en/", {"next": target})

    assert response["Location"] == "/"


def test_the_switch_refuses_an_unknown_language(client):
    response = client.get("/language/fr/", {"next": "/"})

    assert response.status_code == 404
    assert not response.cookies


def test_kept_pages_are_served_to_a_reader_with_a_language_cookie(client, django_assert_num_queries):
    client.get("/privacy/")  # kept
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/privacy/")  # kept for this key too
    with django_assert_num_queries(0):
        response = client.get("/privacy/")

    assert response.status_code == 200
    assert not response.cookies


def test_robots_keep_crawlers_off_the_switch(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert {"Disallow: /language/en/", "Disallow: /language/zh-hans/"} <= set(lines)
