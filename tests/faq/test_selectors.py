from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from faq.models import Article
from faq.selectors import (
    article_get_published,
    category_get_with_articles,
    category_list,
    category_list_with_articles,
)
from policy.choices import CheckerSlug
from policy.selectors import related_articles
from tests.factories import add_related, make_article, make_category

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DAY = timedelta(days=1)

# Every way an article can be out of readers' sight.
HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.IN_REVIEW},
    "archived": {"status": Article.Status.ARCHIVED},
    "expired": {"expire_at": NOW - DAY},
    "not yet due": {"publish_at": NOW + DAY},
}


@pytest.fixture(params=HIDDEN.values(), ids=HIDDEN.keys())
def hidden(request):
    """A visible article in a category, and a hidden one beside it that the visible one links to."""
    category = make_category()
    hidden = make_article(category=category, title="Hidden", checkers=[CheckerSlug.REFUND], **request.param)
    visible = make_article(category=category, title="Visible")
    add_related(visible, "Hidden", target=hidden)
    return hidden


def test_hidden_article_is_absent_from_every_public_read(hidden):
    with pytest.raises(Http404):
        article_get_published(category_slug=hidden.category.slug, slug=hidden.slug, at=NOW)

    home = category_list_with_articles(at=NOW)
    assert [a.title for category in home for a in category.published_articles] == ["Visible"]
    assert list(category_list(at=NOW)) == [hidden.category]
    category = category_get_with_articles(slug=hidden.category.slug, at=NOW)
    assert [a.title for a in category.published_articles] == ["Visible"]
    visible = Article.objects.get(title="Visible")
    page = article_get_published(category_slug=visible.category.slug, slug=visible.slug, at=NOW)
    assert page.published_related == []


def test_category_with_only_hidden_articles_is_not_listed():
    make_article(title="Later", publish_at=NOW + DAY)

    assert list(category_list_with_articles(at=NOW)) == []
    assert list(category_list(at=NOW)) == []


def test_scheduled_article_appears_everywhere_when_its_time_comes():
    category = make_category()
    scheduled = make_article(category=category, title="Scheduled", publish_at=NOW + DAY)
    visible = make_article(category=category, title="Visible")
    add_related(visible, "Scheduled", target=scheduled)
    due = NOW + DAY

    assert article_get_published(category_slug=category.slug, slug=scheduled.slug, at=due) == scheduled
    assert [a.title for a in category_get_with_articles(slug=category.slug, at=due).published_articles] == [
        "Scheduled",
        "Visible",
    ]
    page = article_get_published(category_slug=category.slug, slug=visible.slug, at=due)
    assert [link.target for link in page.published_related] == [scheduled]


def test_checker_article_links_use_the_published_selector():
    make_article(title="Current", checkers=[CheckerSlug.REFUND])
    make_article(title="Expired", checkers=[CheckerSlug.REFUND], expire_at=datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))
    make_article(title="Draft", checkers=[CheckerSlug.REFUND], status=Article.Status.DRAFT)

    assert [a.title for a in related_articles(CheckerSlug.REFUND)] == ["Current"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.ARCHIVED},
        {"expire_at": timezone.now() - DAY},
        {"publish_at": timezone.now() + DAY},
    ],
    ids=["draft", "archived", "expired", "not yet due"],
)
def test_hidden_article_is_absent_from_search_sitemap_and_feed(client, fields):
    make_article(title="Visible pension answer", slug="visible-pension")
    make_article(title="Hidden pension answer", slug="hidden-pension", **fields)

    search = client.get(reverse("search"), {"q": "pension"})
    assert [hit.article.title for hit in search.context["results"].hits] == ["Visible pension answer"]
    for url in ("/sitemap.xml", reverse("article_feed")):
        page = client.get(url).content.decode()
        assert "visible-pension" in page, url
        assert "hidden-pension" not in page, url
