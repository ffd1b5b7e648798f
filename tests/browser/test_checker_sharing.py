"""An answer is a page to keep: its address shared by Copy link or the phone's share sheet, and printed."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

REFUND_ELIGIBLE = "year=2026&other_scheme=employee&other_start=2025-12-31"
PHONE = {"width": 390, "height": 844}
WORDS = {
    "en": {
        "prefix": "", "copy": "Copy link", "share": "Share", "copied": "Link copied.", "title": "Refund possible",
        "reasons": "Why", "as_of": "Answer as of",
    },
    "zh-hans": {
        "prefix": "/zh-hans", "copy": "复制链接", "share": "分享", "copied": "链接已复制", "title": "可以退费",
        "reasons": "原因", "as_of": "答复依据日期",
    },
}
LANGUAGES = sorted(WORDS)


def answer_url(live_server, language):
    return f"{live_server.url}{WORDS[language]['prefix']}/checkers/refund/answer/?{REFUND_ELIGIBLE}"


def shared_url(live_server, language):
    """The address shared: the answers and the day the answer was worked out for, so it stays this answer."""
    return f"{answer_url(live_server, language)}&as_of={timezone.localdate().isoformat()}"


def new_page(browser, **options):
    context = browser.new_context(viewport=PHONE, **options)
    return context, context.new_page()


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_link_puts_the_answers_address_on_the_clipboard(live_server, browser, language):
    words = WORDS[language]
    context, page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(answer_url(live_server, language))

    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == answer_url(live_server, language)
    page.get_by_role("button", name=words["copy"]).click()

    expect(page.locator(".share-status")).to_contain_text(words["copied"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checker-answer-{language}.png"), full_page=True)
    assert page.evaluate("() => navigator.clipboard.readText()") == shared_url(live_server, language)
    # The copied address opens the same answer for whoever receives it.
    page.goto(shared_url(live_server, language))
    expect(page.get_by_role("heading", name=words["title"])).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_share_opens_the_phones_share_sheet_with_the_answer(live_server, browser, language):
    words = WORDS[language]
    context, page = new_page(browser)
    # A phone's share sheet, recorded instead of shown.
    context.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); };")
    page.goto(answer_url(live_server, language))

    page.get_by_role("button", name=words["share"], exact=True).click()

    shared = page.evaluate("() => window.shared")
    assert shared["url"] == shared_url(live_server, language)
    assert shared["title"] == words["title"]
    assert shared["text"] == page.locator(".answer-summary").inner_text()
    context.close()


def test_share_is_offered_only_where_the_browser_can_share(live_server, browser):
    context, page = new_page(browser)
    context.add_init_script("delete Navigator.prototype.share;")
    page.goto(answer_url(live_server, "en"))

    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    expect(page.get_by_role("button", name="Share", exact=True)).to_be_hidden()
    context.close()


def test_without_javascript_the_address_is_there_to_copy_and_no_button_does_nothing(live_server, browser):
    context, page = new_page(browser, java_script_enabled=False)
    page.goto(answer_url(live_server, "en"))

    expect(page.get_by_role("link", name=answer_url(live_server, "en"))).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(page.get_by_role("button", name="Share", exact=True)).to_be_hidden()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_shows_the_answer_reasons_date_and_address_without_links_buttons_or_header(
    live_server, browser, language
):
    words = WORDS[language]
    context, page = new_page(browser)
    page.goto(answer_url(live_server, language))
    change_links = page.locator(".answers-change a")
    expect(change_links.first).to_be_visible()
    expect(page.locator(".site-header")).to_be_visible()

    page.emulate_media(media="print")

    for hidden in (".site-header", ".breadcrumb", ".answers-change a", "button", ".btn", "form", ".site-footer"):
        locator = page.locator(hidden)
        assert locator.count() > 0, hidden
        for index in range(locator.count()):
            expect(locator.nth(index)).to_be_hidden()
    expect(page.get_by_role("heading", name=words["title"])).to_be_visible()
    expect(page.locator(".answer-summary")).to_be_visible()
    expect(page.get_by_role("heading", name=words["reasons"], exact=True)).to_be_visible()
    expect(page.locator(".reasons li").first).to_be_visible()
    expect(page.locator(".answer-box")).to_contain_text(words["as_of"])
    expect(page.locator(".share-address")).to_have_text(shared_url(live_server, language))
    expect(page.locator(".share-address")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checker-answer-print-{language}.png"), full_page=True)
    # Chromium's own print to PDF uses the same stylesheet; the answer fits on paper.
    assert page.pdf(format="A4")[:4] == b"%PDF"
    context.close()
