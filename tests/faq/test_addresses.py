"""Old addresses of articles redirect permanently to where they are now."""

import pytest
from django.urls import reverse

from faq.models import Article, SlugHistory
from tests.admin_forms import admin_form_data
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_changing_the_slug_in_admin_keeps_the_old_url_as_a_permanent_redirect(admin_client, client):
    article = make_article(slug="old-slug")
    old_url = article.get_absolute_url()
    url = reverse("admin:faq_article_change", args=[article.pk])
    admin_client.post(url, admin_form_data(admin_client, url, slug="new-slug"))
    article.refresh_from_db()

    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_renaming_then_moving_to_another_category_keeps_every_old_url(client):
    article = make_article(slug="first")
    first_url = article.get_absolute_url()
    article.slug = "second"
    article.save()
    second_url = article.get_absolute_url()
    article.category = make_category(slug="elsewhere")
    article.save()

    for url in (first_url, second_url):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, "/faq/elsewhere/second/")


def test_changing_a_category_slug_keeps_its_articles_old_urls(client):
    category = make_category(slug="old-category")
    make_article(category=category, slug="answer")
    category.slug = "new-category"
    category.save()

    response = client.get("/faq/old-category/answer/")

    assert response.status_code == 301
    assert response["Location"] == "/faq/new-category/answer/"


def test_old_url_of_an_unpublished_article_is_404_and_does_not_reveal_the_new_one(client):
    article = make_article(slug="old", status=Article.Status.DRAFT)
    article.slug = "secret-new"
    article.save()

    assert client.get(f"/faq/{article.category.slug}/old/").status_code == 404


def test_taking_an_old_address_back_makes_it_live_again(client):
    article = make_article(slug="a")
    article.slug = "b"
    article.save()
    article.slug = "a"
    article.save()

    assert client.get(article.get_absolute_url()).status_code == 200
    assert list(SlugHistory.objects.values_list("slug", flat=True)) == ["b"]
