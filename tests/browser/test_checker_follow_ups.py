"""Follow-up questions on a phone: with the script they appear in place only while they apply; without
it the server asks them on the next step. Both languages, by touch and by keyboard, axe clean."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import axe_violations
from tests.policy.factories import make_required_years

PHONE = {"width": 390, "height": 844}
WORDS = {
    "en": {
        "prefix": "", "employee": "Employee medical insurance, through an employer",
        "resident": "Resident medical insurance, paid yourself each year", "relative": "A relative's medical costs",
        "treatment": "My own treatment or medicines", "cash": "Getting cash, or selling medicines bought with the card",
        "third_party": "An injury someone else caused, such as a traffic accident", "yes": "Yes",
        "not_paying": "No, they do not pay", "see": "See the answer", "continue": "Continue", "back": "Back",
        "year": "Which coverage year is this about?", "other_employee": "Yes, employee medical insurance through an "
        "employer", "other_none": "No, only resident medical insurance", "date": "When did the other enrolment start?",
        "day": "Day", "month": "Month", "year_box": "Year", "title": "Refund possible",
        "region": "Where will you draw your medical insurance benefits?",
        "years_local": "How many of those years were paid in your region?",
    },
    "zh-hans": {
        "prefix": "/zh-hans", "employee": "职工医保，通过单位参保", "resident": "城乡居民医保，每年自己缴费",
        "relative": "亲属的医疗费用", "treatment": "自己看病或买药", "cash": "取现，或卖掉用医保卡买的药",
        "third_party": "他人造成的伤害，例如交通事故", "yes": "是", "not_paying": "否，对方不支付",
        "see": "查看答复", "continue": "继续", "back": "返回", "year": "您问的是哪个参保年度？",
        "other_employee": "是，通过单位参加了职工医保", "other_none": "否，只参加了城乡居民医保",
        "date": "其他参保是从哪天开始的？", "day": "日", "month": "月", "year_box": "年", "title": "可以退费",
        "region": "您将在哪里享受医保待遇？", "years_local": "其中有多少年是在您所在地区缴纳的？",
    },
}
LANGUAGES = sorted(WORDS)
FOLLOW_UPS = ("relation", "cause", "third_party_paid", "designated")


def shown(page):
    """The card-use follow-ups on screen."""
    return {name for name in FOLLOW_UPS if page.locator(f"[data-follow-up={name}]").is_visible()}


def assert_axe_clean(page):
    violations = axe_violations(page)
    assert violations == [], violations


def outcome(page):
    return page.locator("[data-outcome]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_card_use_follow_ups_appear_only_while_they_apply(live_server, page, screenshot, language):
    words = WORDS[language]
    page.goto(f"{live_server.url}{words['prefix']}/checkers/card-use/questions/")
    assert shown(page) == set()

    page.get_by_label(words["employee"], exact=True).check()
    page.get_by_label(words["relative"], exact=True).check()
    assert shown(page) == {"relation"}
    # Resident insurance has no personal account: whose costs they are no longer matters.
    page.get_by_label(words["resident"], exact=True).check()
    assert shown(page) == set()

    page.get_by_label(words["treatment"], exact=True).check()
    assert shown(page) == {"cause", "designated"}
    page.get_by_label(words["third_party"], exact=True).check()
    assert shown(page) == {"cause", "third_party_paid", "designated"}
    screenshot(f"checker-follow-ups-card-use-{language}")
    assert_axe_clean(page)

    # Cash asks nothing more, not even the follow-up of the cause still chosen in the hidden question.
    page.get_by_label(words["cash"], exact=True).check()
    assert shown(page) == set()
    page.get_by_label(words["treatment"], exact=True).check()
    assert shown(page) == {"cause", "third_party_paid", "designated"}

    page.locator("[data-follow-up=third_party_paid]").get_by_label(words["not_paying"], exact=True).check()
    page.locator("[data-follow-up=designated]").get_by_label(words["yes"], exact=True).check()
    page.get_by_role("button", name=words["see"]).click()
    expect(outcome(page)).to_have_attribute("data-outcome", "fund_pays_first")
    assert "relation" not in page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_keyboard_reader_reveals_the_date_with_the_arrow_keys_and_tabs_into_it(
    live_server, page, screenshot, language
):
    words = WORDS[language]
    page.goto(f"{live_server.url}{words['prefix']}/checkers/refund/questions/")
    date = page.get_by_role("group", name=words["date"])
    expect(date).to_be_hidden()

    page.get_by_label(words["year"]).focus()
    page.keyboard.type("2026")
    page.keyboard.press("Tab")
    expect(page.get_by_label(words["other_none"], exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label(words["other_employee"], exact=True)).to_be_checked()
    expect(date).to_be_visible()

    # The date's boxes come next, in the order the language writes a date.
    typed = {"day": "1", "month": "12", "year_box": "2025"}
    order = ["year_box", "month", "day"] if language == "zh-hans" else ["day", "month", "year_box"]
    for part in order:
        page.keyboard.press("Tab")
        expect(date.get_by_label(words[part], exact=True)).to_be_focused()
        page.keyboard.type(typed[part])
    screenshot(f"checker-follow-ups-refund-date-{language}")
    page.keyboard.press("Enter")

    expect(outcome(page)).to_have_attribute("data-outcome", "refund_eligible")
    expect(page.get_by_role("heading", name=words["title"])).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_after_no_the_other_enrolments_date_is_not_asked(live_server, page, language):
    words = WORDS[language]
    page.goto(f"{live_server.url}{words['prefix']}/checkers/refund/questions/")
    page.get_by_label(words["year"]).fill("2026")
    page.get_by_label(words["other_employee"], exact=True).check()
    page.get_by_role("group", name=words["date"]).get_by_label(words["day"], exact=True).fill("9")
    page.get_by_label(words["other_none"], exact=True).check()
    expect(page.get_by_role("group", name=words["date"])).to_be_hidden()
    page.get_by_role("button", name=words["see"]).click()

    expect(outcome(page)).to_have_attribute("data-outcome", "no_duplicate")
    # A hidden question sends nothing, so the address holds only the answers that count.
    assert "other_start" not in page.url and "asked" not in page.url


@pytest.fixture
def regions(transactional_db):
    make_required_years(region_code="999001", region_name="Testshire", min_local_years=None)
    make_required_years(region_code="999002", region_name="Localshire")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_years_paid_locally_are_asked_only_where_the_region_counts_them(regions, live_server, page, language):
    words = WORDS[language]
    page.goto(f"{live_server.url}{words['prefix']}/checkers/retirement/questions/")
    local = page.get_by_label(words["years_local"])
    expect(local).to_be_hidden()
    page.get_by_label(words["region"]).select_option(label="Localshire")
    expect(local).to_be_visible()
    page.get_by_label(words["region"]).select_option(label="Testshire")
    expect(local).to_be_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_the_script_the_next_step_asks_the_follow_up(live_server, browser, language):
    words = WORDS[language]
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{words['prefix']}/checkers/refund/questions/")
    expect(page.get_by_role("group", name=words["date"])).to_be_hidden()
    page.get_by_label(words["year"]).fill("2026")
    page.get_by_label(words["other_employee"], exact=True).check()
    page.get_by_role("button", name=words["see"]).click()

    # The next step: only the date, no mistake reported, and a way back to the first questions.
    date = page.get_by_role("group", name=words["date"])
    expect(date).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_label(words["year"])).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checker-step-refund-{language}.png"), full_page=True)
    page.get_by_role("link", name=words["back"]).click()
    expect(page.get_by_label(words["year"])).to_have_value("2026")
    expect(page.get_by_label(words["other_employee"], exact=True)).to_be_checked()
    page.go_back()

    date = page.get_by_role("group", name=words["date"])
    for part, value in (("day", "1"), ("month", "12"), ("year_box", "2025")):
        date.get_by_label(words[part], exact=True).fill(value)
    page.get_by_role("button", name=words["continue"]).click()
    expect(outcome(page)).to_have_attribute("data-outcome", "refund_eligible")
    assert re.search(r"[?&]year=2026(&|$)", page.url)
    context.close()

