from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import Article


@pytest.fixture
def editor(transactional_db):
    call_command("load_demo", stdout=StringIO())
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")


def test_editor_edits_the_seed_article_in_admin_under_the_strict_policy(editor, sign_in, page, screenshot):
    sign_in("editor", "a-long-test-password")

    page.get_by_role("link", name="Articles").first.click()
    page.locator("#result_list").get_by_role("link", name="Can I pay the medical insurance again?").click()
    expect(page.locator("#legal_reference_links-group")).to_be_visible()
    expect(page.locator("#related_links-group")).to_contain_text("Longcheng social security station")
    screenshot("admin-seed-article")

    page.get_by_label("Question:").fill("Can I pay my medical insurance a second time?")
    # The seed has a Chinese translation: the save says how much the change matters to it.
    page.get_by_label("Typo or wording").check()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    assert seed.question == "Can I pay my medical insurance a second time?"
    assert seed.related_links.count() == 14
