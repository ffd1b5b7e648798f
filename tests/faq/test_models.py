from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError

from faq import urls as faq_urls
from faq.models import RESERVED_CATEGORY_SLUGS, Article, Category
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
HOUR = timedelta(hours=1)


def _published_titles(at):
    return sorted(Article.objects.published(at=at).values_list("title", flat=True))


@pytest.mark.parametrize("status", ["draft", "in_review", "archived"])
def test_only_published_status_is_public(status):
    make_article(title="Hidden", status=status)
    make_article(title="Shown")

    assert _published_titles(NOW) == ["Shown"]


def test_publishing_window_is_honoured_at_the_given_moment():
    make_article(title="Always")
    make_article(title="Scheduled", publish_at=NOW + HOUR)
    make_article(title="Expiring", expire_at=NOW + HOUR)
    make_article(title="Window", publish_at=NOW - HOUR, expire_at=NOW + HOUR)

    assert _published_titles(NOW) == ["Always", "Expiring", "Window"]
    # The scheduled one appears the moment its time comes; the expiring ones go at theirs.
    assert _published_titles(NOW + HOUR) == ["Always", "Scheduled"]
    assert _published_titles(NOW + HOUR - timedelta(seconds=1)) == ["Always", "Expiring", "Window"]


def test_published_defaults_to_now():
    make_article(title="Past", publish_at=datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC")))
    make_article(title="Far future", publish_at=datetime(2999, 1, 1, tzinfo=ZoneInfo("UTC")))

    assert list(Article.objects.published().values_list("title", flat=True)) == ["Past"]


def test_window_must_end_after_it_starts():
    article = make_article(publish_at=NOW, expire_at=NOW)

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "expire_at" in error.value.message_dict


def test_every_fixed_word_of_the_faq_addresses_is_a_reserved_category_slug():
    fixed_words = {str(pattern.pattern).split("/")[0] for pattern in faq_urls.urlpatterns}
    fixed_words = {word for word in fixed_words if word and "<" not in word}

    assert fixed_words
    assert fixed_words <= RESERVED_CATEGORY_SLUGS


@pytest.mark.parametrize("slug", sorted(RESERVED_CATEGORY_SLUGS))
def test_a_category_cannot_take_a_reserved_slug(slug):
    category = Category(name="Reviews", slug=slug)

    with pytest.raises(ValidationError) as error:
        category.full_clean()

    assert "slug" in error.value.message_dict


def test_full_clean_removes_control_characters_before_it_validates():
    # 400 characters once the CRLF is one LF: the summary's limit.
    article = make_article(summary="")
    article.summary = "x" * 398 + "\r\n" + "y"
    article.body = "First line\x0bsecond line\x01."

    article.full_clean()

    assert article.summary == "x" * 398 + "\ny"
    assert article.body == "First line\nsecond line."


def test_every_save_removes_control_characters():
    category = make_category(name="Cards\x7f", description="About\x0ccards.")
    article = make_article(category=category, title="Card\x08 use", question="Cash?\x1b", body="No.\r\nNever.")

    category.refresh_from_db()
    article.refresh_from_db()
    assert (category.name, category.description) == ("Cards", "About\ncards.")
    assert (article.title, article.question, article.body) == ("Card use", "Cash?", "No.\nNever.")


def test_a_restored_revision_or_loaded_fixture_is_saved_without_control_characters():
    # Both save through Model.save_base alone, as raw saves, without save() or full_clean().
    article = make_article(body="Clean.")
    data = serializers.serialize("json", [article]).replace("Clean.", "Pasted\\u000bbreak.")

    for restored in serializers.deserialize("json", data):
        restored.save()

    article.refresh_from_db()
    assert article.body == "Pasted\nbreak."
