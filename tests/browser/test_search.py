"""A phone reader switches to Chinese, searches by two characters, and prints the answer."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import Article


@pytest.fixture
def seed(transactional_db):
    call_command("load_demo", stdout=StringIO())
    return Article.objects.get(title="Can I pay the medical insurance again?")


def test_reader_switches_to_chinese_and_finds_an_answer_by_two_characters(seed, live_server, page, screenshot):
    page.goto(live_server.url + seed.get_absolute_url())

    page.get_by_role("link", name="简体中文").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("医保可以重复缴纳吗？")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    page.get_by_role("combobox", name="搜索问题").fill("取现")
    page.get_by_role("button", name="搜索").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("“取现”")
    result = page.locator(".search-result").first
    expect(result.get_by_role("link")).to_have_text("医保可以重复缴纳吗？")
    expect(result.locator("mark").first).to_have_text("取现")
    screenshot("search-zh-hans-phone")

    # Back to English on the same search.
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server.url + "/search/?q=%E5%8F%96%E7%8E%B0")


def test_the_article_prints_without_site_chrome_and_with_link_addresses(seed, live_server, page):
    page.goto(live_server.url + seed.get_absolute_url())
    page.emulate_media(media="print")

    for selector in (".site-header", ".site-footer", ".breadcrumb", ".check-your-case", "form"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".editor-note")).to_be_visible()
    link = page.locator(".editor-note a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f"\" ({link.get_attribute('href')})\""
