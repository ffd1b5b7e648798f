from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import Article
from tests.factories import make_staff

SEED_TITLE = "Can I pay the medical insurance again?"
NEW_TITLE = "Can I pay my medical insurance a second time?"


@pytest.fixture
def publisher(transactional_db):
    call_command("load_demo", stdout=StringIO())
    return make_staff("Publisher", username="publisher")


# A Publisher, whose own changes to the published seed go live at once (an Editor's wait for review).
def test_publisher_edits_the_title_compares_versions_and_restores_the_old_one(publisher, sign_in, page, screenshot):
    sign_in("publisher", "password")

    page.get_by_role("link", name="Articles").first.click()
    page.locator("#result_list").get_by_role("link", name=SEED_TITLE).click()
    page.get_by_label("Title:").fill(NEW_TITLE)
    page.get_by_label("Typo or wording").check()  # the seed has a Chinese translation
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.get_by_role("link", name="History").click()
    rows = page.locator("#revision-list tbody tr")
    expect(rows.first).to_contain_text("Changed Title.")
    expect(rows.first).to_contain_text("publisher")
    screenshot("admin-article-history")

    # The two newest versions are picked by default: the edit and the version before it.
    page.get_by_role("button", name="Compare versions").click()
    changes = page.locator(".field-changes tbody tr")
    expect(changes).to_have_count(1)
    expect(changes.first).to_contain_text(SEED_TITLE)
    expect(changes.first).to_contain_text(NEW_TITLE)
    expect(changes.first.locator("del")).to_have_text(["the", "again?"])
    screenshot("admin-article-compare")

    page.get_by_role("link", name="Back to the history").click()
    rows.nth(1).get_by_role("link", name="Restore this version").click()
    expect(page.locator(".field-changes")).to_contain_text(NEW_TITLE)
    page.get_by_role("button", name="Restore this version").click()

    expect(page.locator(".messagelist")).to_contain_text("The older version was restored")
    expect(rows.first).to_contain_text("Restored the version of")
    screenshot("admin-article-restored")
    seed = Article.objects.get(pk=Article.objects.get(title=SEED_TITLE).pk)
    assert seed.status == Article.Status.PUBLISHED
    assert seed.related_links.count() == 14
