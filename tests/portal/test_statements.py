"""The privacy notice and the accessibility statement: in both languages, linked from every page's footer,
kept for readers like other pages, and saying what the site really stores."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, heading",
    [
        ("privacy", {"en": "Privacy notice", "zh-hans": "隐私声明"}),
        ("accessibility", {"en": "Accessibility statement", "zh-hans": "无障碍声明"}),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_each_statement_exists_in_both_languages_linked_from_the_footer_and_kept(client, name, heading, language):
    with translation.override(language):
        url = reverse(name)
        home = reverse("home")

    footer = client.get(home).content.decode().split('class="site-footer')[1]
    response = client.get(url)
    again = client.get(url)

    assert f'href="{url}"' in footer
    assert response.status_code == 200
    assert f">{heading[language]}</h1>" in response.content.decode()
    assert response["Content-Language"] == language
    assert not response.cookies and "public" in again["Cache-Control"]


def test_the_privacy_notice_gives_the_search_retention_the_site_is_set_to(client, settings):
    settings.FAQ_SEARCH_LOG_DAYS = 30

    english = client.get(reverse("privacy")).content.decode()
    with translation.override("zh-hans"):
        chinese = client.get(reverse("privacy")).content.decode()

    assert "older than 30 days are deleted" in english
    assert "30天" in chinese


def test_the_privacy_notice_names_the_cookies_voting_sets_and_no_others(client):
    article = make_article()
    vote = client.post(reverse("faq:article_feedback", args=[article.pk]), {"helpful": "no"})
    notice = client.get(reverse("privacy")).content.decode()

    assert set(vote.cookies) <= {"reader", "messages"}
    for cookie in vote.cookies:
        assert f"“{cookie}”" in notice
