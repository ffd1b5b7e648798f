"""Previews of unpublished articles: for staff, and by a signed, expiring link for a reviewer."""

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from faq.models import Article
from faq.preview import preview_link_path
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("faq:article_preview", args=[article.pk])


@pytest.mark.parametrize("status", Article.Status.values)
def test_staff_preview_renders_the_public_template_with_a_banner_and_noindex(client, status):
    client.force_login(make_staff("Editor"))
    article = make_article(status=status, question="Draft question?")

    response = client.get(preview_url(article))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "faq/article_detail.html"
    html = response.content.decode()
    assert "Preview — not published" in html
    assert "Draft question?" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "faq/feedback" not in html


def test_preview_is_for_staff_only(client):
    article = make_article(status=Article.Status.DRAFT)

    response = client.get(preview_url(article))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_reviewer_link_shows_the_draft_without_an_account(client):
    article = make_article(status=Article.Status.IN_REVIEW, question="For review?")

    response = client.get(preview_link_path(article))

    assert response.status_code == 200
    assert "Preview — not published" in response.content.decode()
    assert "For review?" in response.content.decode()


def test_tampered_reviewer_link_is_refused_in_site_style(client):
    article = make_article(status=Article.Status.DRAFT)
    other = make_article(status=Article.Status.DRAFT)
    token = preview_link_path(article).rstrip("/").rsplit("/", 1)[1]
    forged = f"{other.pk}:" + token.split(":", 1)[1]

    response = client.get(reverse("faq:article_review", kwargs={"token": forged}))

    assert response.status_code == 403
    assert "This preview link is not valid" in response.content.decode()


@override_settings(FAQ_PREVIEW_LINK_MAX_AGE=60)
def test_expired_reviewer_link_is_refused_in_site_style(client, monkeypatch):
    article = make_article(status=Article.Status.DRAFT)
    path = preview_link_path(article)
    # The signer reads the clock through time.time: move it on past the link's age.
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 61)

    response = client.get(path)

    assert response.status_code == 410
    assert "This preview link has expired" in response.content.decode()


def test_admin_change_form_links_to_preview_and_shows_the_reviewer_link(admin_client):
    article = make_article(status=Article.Status.DRAFT)

    html = admin_client.get(reverse("admin:faq_article_change", args=[article.pk])).content.decode()

    assert f'href="{preview_url(article)}"' in html
    assert "http://testserver/faq/review/" in html


def test_previews_open_in_the_article_language_whatever_the_admin_language(admin_client):
    english = make_article(status=Article.Status.DRAFT)
    chinese = make_article(status=Article.Status.DRAFT, language="zh-hans", question="草稿问题？")

    html = admin_client.get(f"/zh-hans/admin/faq/article/{english.pk}/change/").content.decode()

    assert f'href="/faq/preview/{english.pk}/"' in html
    assert "http://testserver/faq/review/" in html
    assert preview_link_path(chinese).startswith("/zh-hans/faq/review/")
    response = admin_client.get(preview_link_path(chinese))
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in response.content.decode()
