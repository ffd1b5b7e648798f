"""Translations that stay true, in a real browser: a Chinese browser arrives in Chinese, a major change to
the English original puts a notice on the Chinese page and the dashboard, and marking up to date removes it."""

import pytest
from playwright.sync_api import expect

from faq.services import article_record_revision
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_article, make_category, make_staff


@pytest.fixture
def pair(transactional_db):
    original = make_article(
        category=make_category(name="Medical insurance card", slug="cards"), slug="card",
        title="Can I take cash from the card?", question="Can I take cash from the card?",
        body="No: the card pays for treatment only.",
    )
    chinese = make_article(
        category=make_category(name="医保卡", slug="医保卡", language="zh-hans"), slug="取现",
        title="医保卡可以取现吗？", question="医保卡可以取现吗？", body="不可以：医保卡只能用于看病买药。",
        language="zh-hans", translation_of=original, original_version=original.version,
    )
    for article in (original, chinese):
        article_record_revision(article=article, comment="First")
    make_staff("Publisher", username="pat")
    return original, chinese


@pytest.mark.parametrize("locale", ["zh-CN", "zh-TW"])
def test_a_chinese_browser_arrives_on_the_chinese_home_page_and_the_switch_is_remembered(
    transactional_db, browser, live_server, locale
):
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()

    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/zh-hans/"
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    page.get_by_role("link", name="English").click()
    assert page.url == live_server.url + "/"
    page.goto(live_server.url + "/")  # the choice now outweighs the browser's language
    assert page.url == live_server.url + "/"
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def test_a_major_change_to_the_original_is_shown_until_the_translation_is_marked_up_to_date(
    pair, live_server, page, sign_in, screenshot
):
    original, chinese = pair
    chinese_url = live_server.url + chinese.get_absolute_url()

    sign_in("pat", "password")
    page.goto(f"{live_server.url}/admin/faq/article/{original.pk}/change/")
    page.locator("#id_body").fill("No: the card pays for treatment only, and since 2026 not for a spouse's either.")
    page.get_by_label("Major").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto(f"{live_server.url}/admin/faq/article/translations/")
    behind = page.locator("#translations-behind")
    expect(behind).to_contain_text("医保卡可以取现吗？")
    expect(behind).to_contain_text("Can I take cash from the card?")
    expect(behind).to_contain_text("Out of date")
    screenshot("translations-dashboard-desktop")

    reader = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    reader_page = reader.new_page()
    reader_page.goto(chinese_url)
    reader_notice = reader_page.locator(".translation-behind")
    expect(reader_notice).to_contain_text("重大修改")
    expect(reader_notice).to_contain_text("可能已不正确")
    expect(reader_notice.get_by_role("link", name="阅读英语原文")).to_have_attribute(
        "href", original.get_absolute_url()
    )
    reader_page.screenshot(path=str(ARTIFACTS / "translation-notice-phone.png"), full_page=True)

    behind.get_by_role("link", name="医保卡可以取现吗？").click()
    expect(page.locator(".field-diff ins").first).to_contain_text("since")
    with page.expect_navigation():
        page.get_by_role("button", name="Mark up to date").click()
    expect(page.locator(".messagelist")).to_contain_text("marked up to date")

    reader_page.reload()  # the browser may keep its copy for PAGE_CACHE_MAX_AGE; a reload asks again
    expect(reader_page.locator(".translation-behind")).to_have_count(0)
    page.goto(f"{live_server.url}/admin/faq/article/translations/")
    expect(page.locator("#translations-behind")).to_have_count(0)
    reader.close()
