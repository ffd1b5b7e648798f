import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

YEAR = "Which coverage year is this about?"
OTHER_START = "When did the other enrolment start?"


def outcome(page):
    return page.locator("[data-outcome]")


def test_reader_answers_refund_shares_the_answer_and_changes_one_answer(live_server, browser, page, screenshot):
    page.goto(live_server.url + "/checkers/")
    page.get_by_role("link", name="Can I get my contribution refunded?").click()
    page.get_by_role("link", name="Start", exact=True).click()
    page.get_by_label(YEAR).fill("2026")
    page.get_by_label("Yes, employee medical insurance through an employer").check()
    page.get_by_label(OTHER_START).fill("2025-12-01")
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
    page.get_by_label(OTHER_START).fill("2026-02-01")
    page.get_by_role("button", name="See the answer").click()

    expect(outcome(page)).to_have_attribute("data-outcome", "refund_not_eligible")
    expect(page.locator(".answer-summary")).to_contain_text("In principle, no")
    screenshot("checkers_refund_not_eligible")


def test_reader_who_leaves_out_a_date_is_asked_again_with_the_answers_kept(live_server, page, screenshot):
    page.goto(live_server.url + "/checkers/pay-again/questions/")
    page.get_by_label(YEAR).fill("2027")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Yes, resident medical insurance in another area").check()
    page.get_by_role("button", name="See the answer").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter the date your other enrolment started.")
    screenshot("checkers_pay_again_error")
    summary.get_by_role("link", name="Enter the date your other enrolment started.").click()
    expect(page.get_by_label(OTHER_START)).to_be_focused()
    expect(page.get_by_label(YEAR)).to_have_value("2027")
