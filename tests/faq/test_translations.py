"""Both languages: every page's language switch leads to its translation, or to a page that says there is none."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from faq.models import Article, Category
from tests.factories import add_related, make_article, make_category
from tests.language_switch import switcher_links

pytestmark = pytest.mark.django_db

# What the page says, in its own language, where the content has no version in that language.
NOTICE = {
    "article": {
        "en": "This answer has not been translated into English yet.",
        "zh-hans": "这篇解答还没有中文版",
    },
    "category": {
        "en": "This category has not been translated into English yet.",
        "zh-hans": "这个分类还没有中文版",
    },
}
HOME = {"en": "/", "zh-hans": "/zh-hans/"}
SEARCH = {"en": "/search/", "zh-hans": "/zh-hans/search/"}


def assert_switch_leads_to_translation_or_notice(client, page_url, kind, translation_url):
    """Follow the page's language switch; returns True if it reached a translation, False if a notice."""
    html = client.get(page_url).content.decode()
    [(language, href)] = switcher_links(html).items()
    response = client.get(href)
    target = response.content.decode()
    assert response.status_code == 200, href
    assert f'<html lang="{language}">' in target
    if translation_url is not None:
        assert href == translation_url
        assert NOTICE[kind][language] not in target
        return True
    assert NOTICE[kind][language] in target, href
    assert '<meta name="robots" content="noindex">' in target
    notice = target[target.index("untranslated-notice"):]
    assert f'href="{HOME[language]}"' in notice and f'href="{SEARCH[language]}"' in notice
    return False


def test_every_published_article_has_its_translation_or_its_switch_shows_the_notice(client):
    call_command("load_demo", stdout=StringIO())
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    make_article(category=seed.category, title="Only in English", question="Only in English?")
    chinese_category = seed.translations.get().category
    make_article(category=chinese_category, title="只有中文", question="只有中文的问题？", language="zh-hans")

    reached = []
    for article in Article.objects.published().select_related("category"):
        versions = {version.language: version for version in [article.translation_of, *article.translations.all()]
                    if version is not None and version.status == Article.Status.PUBLISHED}
        other = "zh-hans" if article.language == "en" else "en"
        translation = versions.get(other)
        reached.append(assert_switch_leads_to_translation_or_notice(
            client, article.get_absolute_url(), "article", translation and translation.get_absolute_url()
        ))
    # All sixteen demo articles reach their translation; the two made here reach the notice.
    assert reached.count(True) == 16 and reached.count(False) == 2


def test_every_category_reaches_its_translation_or_the_notice(client):
    call_command("load_demo", stdout=StringIO())
    english = Category.objects.get(name="Social security inquiry")
    chinese = Category.objects.get(name="社保查询")
    alone = make_category(name="Pensions", slug="pensions")
    make_article(category=alone, title="Pension")

    assert assert_switch_leads_to_translation_or_notice(
        client, english.get_absolute_url(), "category", chinese.get_absolute_url()
    )
    assert assert_switch_leads_to_translation_or_notice(
        client, chinese.get_absolute_url(), "category", english.get_absolute_url()
    )
    assert not assert_switch_leads_to_translation_or_notice(client, alone.get_absolute_url(), "category", None)


def test_the_notice_page_marks_every_text_of_the_other_language(client):
    category = make_category(name="Pensions", slug="pensions")
    article = make_article(
        category=category, slug="age", title="Retirement age", question="When do I retire?", summary="At 63.",
        body="## First\n\nOne.\n\n## Second\n\nTwo.\n\n## Third\n\nThree.", editor_note="A *note*.",
    )
    add_related(article, "Another", target=make_article(category=category, title="Another"))

    html = client.get("/zh-hans/faq/pensions/age/").content.decode()

    assert '<link rel="canonical" href="http://testserver/faq/pensions/age/">' in html
    main = html[html.index("<main"):]
    for text in ("When do I retire?", "At 63.", "First", "Another", "Pensions"):
        # The element holding each English text says it is English.
        assert re.search(rf'lang="en"[^>]*>{re.escape(text)}<', main), text
    assert 'lang="en"><p>A <em>note</em>.</p>' in main
    # The page's own words stay Chinese.
    assert "简而言之" in main and "本页内容" in main


@pytest.mark.parametrize("kind", ["article", "category"])
def test_a_translation_is_where_the_other_prefix_leads(client, translated, kind):
    original, chinese = translated
    chinese.category.translation_of = original.category
    chinese.category.save()
    english_url, chinese_url = (
        (original.get_absolute_url(), chinese.get_absolute_url())
        if kind == "article"
        else (original.category.get_absolute_url(), chinese.category.get_absolute_url())
    )

    response = client.get("/zh-hans" + english_url)

    assert response.status_code == 302
    assert response["Location"] == chinese_url
    assert client.get(chinese_url.removeprefix("/zh-hans"))["Location"] == english_url
