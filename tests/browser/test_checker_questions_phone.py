"""Checker questions on a phone: targets a thumb can hit, and dates typed as numbers in any browser."""

import pytest
from playwright.sync_api import expect

from tests.policy.factories import make_required_years

PREFIX = {"en": "", "zh-hans": "/zh-hans"}
LANGUAGES = sorted(PREFIX)
QUESTION_PAGES = ["pay-again", "refund", "card-use", "retirement"]
WORDS = {
    "en": {
        "born": "When were you born?", "month": "Month", "year": "Year", "years_paid": "How many years of employee",
        "man": "Man (old retirement age 60)", "see": "See the answer", "example": "For example, 6 1975",
        "region": "Where will you draw", "bad_month": "Enter your birth month and year as numbers",
    },
    "zh-hans": {
        "born": "您是哪年哪月出生的？", "month": "月", "year": "年", "years_paid": "您的职工医保缴费年限",
        "man": "男性（原退休年龄60岁）", "see": "查看答复", "example": "例如1975年6月",
        "region": "您将在哪里享受医保待遇？", "bad_month": "请用数字填写出生的年和月",
    },
}


@pytest.fixture
def regions(transactional_db):
    make_required_years(region_code="999001", region_name="Testshire", men_years=15, women_years=15,
                        min_local_years=None)


def boxes(page, selector):
    return [page.locator(selector).nth(index).bounding_box() for index in range(page.locator(selector).count())]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("checker", QUESTION_PAGES)
def test_every_answer_is_a_44_pixel_target_and_its_whole_row_picks_it(live_server, page, screenshot, language, checker):
    page.goto(f"{live_server.url}{PREFIX[language]}/checkers/{checker}/questions/?use=treatment&cause=third_party")

    radios = boxes(page, "input[type=radio]:visible")
    assert radios
    assert all(box["width"] >= 44 and box["height"] >= 44 for box in radios), radios
    rows = boxes(page, ".form-check-label:visible")
    assert all(box["height"] >= 44 for box in rows), rows
    for name in ("input[type=text]:visible", "select:visible", "button:visible"):
        assert all(box["height"] >= 44 for box in boxes(page, name)), name

    # A tap at the far end of the row, away from the circle and the words, still picks that answer.
    label = page.locator(".form-check-label:visible").last
    label.scroll_into_view_if_needed()
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)
    expect(page.locator(f"#{label.get_attribute('for')}")).to_be_checked()
    assert page.locator("input[type=date], input[type=month]").count() == 0
    screenshot(f"checker-questions-{checker}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_birth_month_is_typed_as_month_and_year_numbers(regions, live_server, page, screenshot, language):
    words = WORDS[language]
    page.goto(f"{live_server.url}{PREFIX[language]}/checkers/retirement/questions/")
    born = page.get_by_role("group", name=words["born"])
    expect(born).to_contain_text(words["example"])
    month, year = born.get_by_label(words["month"], exact=True), born.get_by_label(words["year"], exact=True)
    expect(month).to_have_attribute("inputmode", "numeric")
    # Empty boxes show nothing of their own, unlike Chromium's "--------- ----" month picker.
    expect(month).to_have_value("")
    assert month.evaluate("box => box.type") == "text"

    page.get_by_label(words["man"]).check()
    page.get_by_label(words["years_paid"]).fill("15")
    page.get_by_label(words["region"]).select_option(label="Testshire")
    month.fill("13")
    year.fill("1970")
    page.get_by_role("button", name=words["see"]).click()
    # A month that does not exist: asked again, the boxes keep what was typed, the message's link lands in them.
    page.get_by_role("alert").get_by_role("link", name=words["bad_month"]).click()
    first_box = year if language == "zh-hans" else month
    expect(first_box).to_be_focused()
    expect(born.get_by_label(words["year"], exact=True)).to_have_value("1970")
    screenshot(f"checker-birth-month-error-{language}")

    born.get_by_label(words["month"], exact=True).fill("1")
    page.get_by_role("button", name=words["see"]).click()

    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "no_more_premiums")
    assert "birth_month=1970-01" in page.locator('link[rel="canonical"]').get_attribute("href")
