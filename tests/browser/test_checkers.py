import pytest
from playwright.sync_api import expect

from tests.policy.factories import make_required_years

pytestmark = pytest.mark.browser

YEAR = "Which coverage year is this about?"
OTHER_START = "When did the other enrolment start?"
REGION = "Where will you draw your medical insurance benefits?"
EMPLOYEE_CARD = "Employee medical insurance, through an employer"
RESIDENT_CARD = "Resident medical insurance, paid yourself each year"
YEARS_LOCAL = "How many of those years were paid in your region?"


def outcome(page):
    return page.locator("[data-outcome]")


def fill_date(page, question, **parts):
    """Type a date into the question's Day, Month and Year boxes, as a reader does."""
    group = page.get_by_role("group", name=question)
    for part, value in parts.items():
        group.get_by_label(part.capitalize(), exact=True).fill(value)


def test_reader_answers_refund_shares_the_answer_and_changes_one_answer(live_server, browser, page, screenshot):
    page.goto(live_server.url + "/checkers/")
    page.get_by_role("link", name="Can I get my contribution refunded?").click()
    page.get_by_role("link", name="Start", exact=True).click()
    page.get_by_label(YEAR).fill("2026")
    page.get_by_label("Yes, employee medical insurance through an employer").check()
    fill_date(page, OTHER_START, day="1", month="12", year="2025")
    page.get_by_role("button", name="See the answer").click()

    expect(outcome(page)).to_have_attribute("data-outcome", "refund_eligible")
    summary = page.locator(".answer-summary").inner_text()
    assert summary.startswith("Yes: you can end your resident enrolment for 2026")
    screenshot("checkers_refund_eligible")

    # The answer is its URL: someone else opening it sees the same answer.
    fresh = browser.new_context(viewport={"width": 390, "height": 844})
    shared = fresh.new_page()
    shared.goto(page.url)
    expect(outcome(shared)).to_have_attribute("data-outcome", "refund_eligible")
    assert shared.locator(".answer-summary").inner_text() == summary
    fresh.close()

    page.get_by_role("link", name="Change other enrolment started").click()
    expect(page.get_by_label(YEAR)).to_have_value("2026")
    expect(page.get_by_label("Yes, employee medical insurance through an employer")).to_be_checked()
    fill_date(page, OTHER_START, day="1", month="2", year="2026")
    page.get_by_role("button", name="See the answer").click()

    expect(outcome(page)).to_have_attribute("data-outcome", "refund_not_eligible")
    expect(page.locator(".answer-summary")).to_contain_text("In principle, no")
    screenshot("checkers_refund_not_eligible")


def test_reader_who_leaves_out_a_date_is_asked_again_with_the_answers_kept(live_server, page, screenshot):
    page.goto(live_server.url + "/checkers/pay-again/questions/")
    page.get_by_label(YEAR).fill("2027")
    # By its id: the follow-up on the year before has its own "No".
    page.locator("#id_paid_1").check()
    page.get_by_label("Yes, resident medical insurance in another area").check()
    page.get_by_role("button", name="See the answer").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter the date your other enrolment started.")
    screenshot("checkers_pay_again_error")
    summary.get_by_role("link", name="Enter the date your other enrolment started.").click()
    expect(page.get_by_role("group", name=OTHER_START).get_by_label("Day")).to_be_focused()
    expect(page.get_by_label(YEAR)).to_have_value("2027")


def answer(page, *labels):
    """Check each answer by its label, then ask for the answer."""
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="See the answer").click()


@pytest.fixture
def regions(transactional_db):
    """Required-years rows of our own: the live server's database is emptied between tests, seed rows included."""
    make_required_years(
        region_code="999001", region_name="Testshire", men_years=15, women_years=15, min_local_years=None
    )
    make_required_years(region_code="999002", region_name="Localshire")


def test_reader_reaches_every_card_use_and_retirement_outcome(regions, live_server, page, screenshot):
    page.goto(live_server.url + "/checkers/card-use/")
    page.get_by_role("link", name="Start", exact=True).click()
    # Follow-up questions wait until the answer they follow is chosen.
    relation = page.get_by_label("Brother or sister", exact=True)
    expect(relation).to_be_hidden()
    screenshot("checkers_card_use_questions")

    answer(page, EMPLOYEE_CARD, "Getting cash, or selling medicines bought with the card")
    expect(outcome(page)).to_have_attribute("data-outcome", "prohibited")
    expect(page.locator(".reasons")).to_contain_text("suspended for 3 to 12 months")
    screenshot("checkers_card_use_prohibited")

    page.get_by_role("link", name="Change card used for").click()
    page.get_by_label("A relative's medical costs", exact=True).check()
    expect(relation).to_be_visible()
    answer(page, "Brother or sister")
    expect(outcome(page)).to_have_attribute("data-outcome", "allowed")
    expect(page.get_by_role("heading", name="Check with your local medical insurance office")).to_be_visible()
    screenshot("checkers_card_use_allowed")

    page.get_by_role("link", name="Change relative").click()
    answer(page, "Someone else (for example a cousin, an in-law or a friend)")
    expect(outcome(page)).to_have_attribute("data-outcome", "not_allowed")

    # Resident insurance has no personal account, so the relation is no longer asked.
    page.get_by_role("link", name="Change your medical insurance").click()
    page.get_by_label(RESIDENT_CARD, exact=True).check()
    expect(relation).to_be_hidden()
    page.get_by_role("button", name="See the answer").click()
    expect(outcome(page)).to_have_attribute("data-outcome", "no_personal_account")
    expect(page.locator(".reasons")).to_contain_text("may pay your resident premium from their personal account")
    screenshot("checkers_card_use_no_personal_account")
    page.get_by_role("link", name="Change your medical insurance").click()
    answer(page, EMPLOYEE_CARD, "Someone else (for example a cousin, an in-law or a friend)")
    expect(outcome(page)).to_have_attribute("data-outcome", "not_allowed")

    page.get_by_role("link", name="Change card used for").click()
    answer(page, "My own treatment or medicines", "An illness, or a routine visit", "Yes")
    expect(outcome(page)).to_have_attribute("data-outcome", "covered")
    assert page.get_by_role("link", name="Change relative").count() == 0

    page.get_by_role("link", name="Change treatment for").click()
    answer(page, "Treatment outside mainland China")
    expect(outcome(page)).to_have_attribute("data-outcome", "not_covered")

    page.get_by_role("link", name="Change treatment for").click()
    answer(
        page, "An injury someone else caused, such as a traffic accident", "They cannot be found, or I do not know yet"
    )
    expect(outcome(page)).to_have_attribute("data-outcome", "fund_pays_first")
    screenshot("checkers_card_use_fund_pays_first")

    page.goto(live_server.url + "/checkers/retirement/questions/")
    fill_date(page, "When were you born?", month="1", year="1970")
    page.get_by_label("How many years of employee medical insurance do you have?").fill("15")
    page.get_by_label(REGION).select_option(label="Testshire")
    answer(page, "Man (old retirement age 60)")
    expect(outcome(page)).to_have_attribute("data-outcome", "no_more_premiums")
    expect(page.locator(".answer-retirement")).to_have_text(
        "Your statutory retirement: May 2031, at 61 years and 4 months."
    )
    screenshot("checkers_retirement_no_more_premiums")

    page.get_by_role("link", name="Change region").click()
    page.get_by_label(REGION).select_option(label="Localshire")
    page.get_by_role("button", name="See the answer").click()
    # Localshire counts the years paid there, so the reader is asked for them.
    page.get_by_role("alert").get_by_role("link").click()
    expect(page.get_by_label(YEARS_LOCAL)).to_be_focused()
    page.get_by_label(YEARS_LOCAL).fill("8")
    page.get_by_role("button", name="See the answer").click()
    expect(outcome(page)).to_have_attribute("data-outcome", "pay_up_to_required_years")
    expect(page.locator(".answer-summary")).to_contain_text("you are 10 years short of what Localshire requires")
    screenshot("checkers_retirement_pay_up")

    page.get_by_role("link", name="Change region").click()
    page.get_by_label(REGION).select_option(label="My region is not listed")
    page.get_by_role("button", name="See the answer").click()
    expect(outcome(page)).to_have_attribute("data-outcome", "check_locally")
    expect(page.locator(".legal-basis")).to_contain_text("Article 27")
    screenshot("checkers_retirement_check_locally")


@pytest.mark.parametrize(
    "prefix, year_label, no, only_resident, link, screenshot_name",
    [
        pytest.param(
            "", YEAR, "No", "No, only resident medical insurance", "See the answer for 2027", "checkers_pay_next_year",
            id="English",
        ),
        pytest.param(
            "/zh-hans", "您问的是哪个参保年度？", "否", "否，只参加了城乡居民医保", "查看2027年度的答复",
            "checkers_pay_next_year_zh", id="Chinese",
        ),
    ],
)
def test_reader_told_paying_for_2026_buys_nothing_follows_the_link_to_2027(
    live_server, page, screenshot, prefix, year_label, no, only_resident, link, screenshot_name
):
    # A shared link asks as of 2026-10-01: paid today, benefits would start on 2027-01-01, after 2026's cover.
    page.goto(f"{live_server.url}{prefix}/checkers/pay-again/questions/?as_of=2026-10-01")
    page.get_by_label(year_label).fill("2026")
    page.locator("#id_paid_1").check()
    expect(page.locator("#id_paid_1")).to_have_accessible_name(no)
    page.get_by_label(only_resident, exact=True).check()
    page.locator("form.checker-form button[type=submit]").click()

    expect(outcome(page)).to_have_attribute("data-outcome", "pay_next_year_instead")
    expect(page.locator(".answer-benefits")).to_be_visible()
    screenshot(screenshot_name)

    # 2026 goes without cover, so paying for 2027 follows a break: a waiting period, even paid on time.
    page.get_by_role("link", name=link).click()
    expect(outcome(page)).to_have_attribute("data-outcome", "can_pay_after_break")
    assert "year=2027" in page.url and "as_of=2026-10-01" in page.url
    screenshot(f"{screenshot_name}_2027")


@pytest.mark.parametrize("prefix, name", [("", "en"), ("/zh-hans", "zh")])
def test_reader_after_a_break_sees_the_waiting_period_and_can_keep_the_dates(
    live_server, page, screenshot, prefix, name
):
    query = "year=2027&paid=no&other_scheme=none&last_year_covered=no&years_without_cover=2&as_of=2026-12-07"
    page.goto(f"{live_server.url}{prefix}/checkers/pay-again/answer/?{query}")
    expect(outcome(page)).to_have_attribute("data-outcome", "can_pay_after_break")
    expect(page.locator(".add-to-calendar")).to_be_visible()
    expect(page.locator(".today-link")).to_be_visible()
    screenshot(f"checkers_pay_again_after_break_{name}")

    gap = "year=2026&paid=no&other_scheme=employee&other_start=2026-12-15&as_of=2026-12-07"
    page.goto(f"{live_server.url}{prefix}/checkers/pay-again/answer/?{gap}")
    expect(outcome(page)).to_have_attribute("data-outcome", "gap_not_filled")
    screenshot(f"checkers_pay_again_gap_not_filled_{name}")
