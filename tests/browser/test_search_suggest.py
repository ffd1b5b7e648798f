"""Suggestions as you type: an ARIA combobox driven by the keyboard, axe clean, in both languages."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import Article
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import axe_violations

CASES = {
    "en": {
        "home": "/", "label": "Search the questions", "typed": "refu",
        "checker": "Can I get my contribution refunded?",
        "article": "Can I get a refund if I am enrolled in medical insurance twice?",
        "status": "suggestions. Use the up and down arrows to choose one.",
    },
    "zh-hans": {
        "home": "/zh-hans/", "label": "搜索问题", "typed": "退费",
        "checker": "我缴的医保费可以退吗？",
        "article": "重复参保可以退费吗？",
        "status": "条建议。用上下方向键选择。",
    },
}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_keyboard_reader_picks_a_suggestion(demo, live_server, page, language):
    case = CASES[language]
    page.goto(live_server.url + case["home"])
    box = page.get_by_role("combobox", name=case["label"])
    listbox = page.get_by_role("listbox")

    box.press_sequentially(case["typed"], delay=50)

    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    titles = [text.strip() for text in options.all_inner_texts()]
    if case["checker"]:
        assert titles[0].startswith(case["checker"])
    assert any(title.startswith(case["article"]) for title in titles), titles
    expect(page.locator("[data-suggest-status]")).to_contain_text(case["status"])
    # Axe with the list open: roles, names and contrast of the suggestions too.
    assert axe_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-suggestions-{language}-phone.png"))

    # Down and Up move the choice; the box says which option is chosen.
    box.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(first).to_have_attribute("aria-selected", "false")
    box.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")

    # Escape closes the list and keeps the text; a second Escape clears the box.
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value(case["typed"])
    box.press("Escape")
    expect(box).to_have_value("")

    # Enter on a chosen suggestion opens it.
    box.press_sequentially(case["typed"], delay=50)
    expect(listbox).to_be_visible()
    index = next(number for number, title in enumerate(titles) if title.startswith(case["article"]))
    for _ in range(index + 1):
        box.press("ArrowDown")
    box.press("Enter")
    article = Article.objects.get(title=case["article"])
    expect(page).to_have_url(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.question)


def test_enter_without_a_choice_searches_as_typed(demo, live_server, page):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Search the questions")

    box.press_sequentially("refund", delay=50)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Enter")

    expect(page).to_have_url(live_server.url + "/search/?q=refund")
    expect(page.get_by_role("heading", level=1)).to_contain_text("for “refund”")


def test_a_suggestion_in_the_other_language_is_labelled(demo, live_server, page):
    page.goto(live_server.url + "/")

    page.get_by_role("combobox", name="Search the questions").press_sequentially("退费", delay=50)

    option = page.get_by_role("option").filter(has_text="重复参保可以退费吗？")
    expect(option).to_contain_text("Simplified Chinese")
    expect(option.locator("span[lang='zh-hans']")).to_have_text("重复参保可以退费吗？")


def test_without_javascript_the_form_searches(demo, live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/zh-hans/")

    page.get_by_role("searchbox", name="搜索问题").fill("退费")
    page.get_by_role("button", name="搜索").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("“退费”")
    expect(page.locator(".search-result").first.get_by_role("link")).to_have_text("重复参保可以退费吗？")
    context.close()


@pytest.mark.parametrize(("language", "path"), [("en", "/search/?q=退费"), ("zh-hans", "/zh-hans/search/?q=refnud")])
def test_results_page_with_checker_other_language_and_correction(demo, live_server, page, screenshot, language, path):
    page.goto(live_server.url + path)

    expect(page.locator(".best-bets").get_by_role("link")).to_have_count(1)
    if language == "en":
        expect(page.get_by_role("heading", level=1)).to_have_text("No answers in this language for “退费”")
        expect(page.locator(".search-result[lang='zh-hans']").first).to_contain_text("重复参保可以退费吗？")
    else:
        expect(page.locator(".search-correction")).to_contain_text("refund")
        expect(page.locator(".search-result[lang='en']").first).to_be_visible()
    assert axe_violations(page) == []
    screenshot(f"search-results-{language}-phone")
