from faq.models import Article, ArticleFeedback
from faq.preview import preview_link_path
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_article


def test_reviewer_reads_a_draft_by_link_and_a_reader_votes_without_javascript(
    transactional_db, live_server, browser, page, screenshot
):
    draft = make_article(status=Article.Status.IN_REVIEW, question="Is this draft ready?", body="Draft answer.")
    page.goto(live_server.url + preview_link_path(draft))
    assert page.get_by_text("Preview — not published").is_visible()
    screenshot("reviewer-preview-phone")

    published = make_article(question="Was this useful?", body="An answer.")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    reader = context.new_page()
    reader.goto(live_server.url + published.get_absolute_url())
    reader.get_by_role("button", name="No", exact=True).click()
    # The vote is in; the reason is asked next, without JavaScript too.
    assert ArticleFeedback.objects.get().helpful is False
    reader.get_by_label("It seems out of date").check()
    reader.get_by_label("Anything else? (optional)").fill("The 2025 waiting period is missing.")
    reader.get_by_role("button", name="Send").click()

    assert reader.url.endswith(published.get_absolute_url() + "?feedback=sent#feedback")
    assert reader.get_by_text("Thank you for telling us what was wrong. An editor will read it.").is_visible()
    reader.screenshot(path=str(ARTIFACTS / "feedback-thanks-phone.png"), full_page=True)
    context.close()
    feedback = ArticleFeedback.objects.get()
    assert (feedback.helpful, feedback.reason) == (False, "outdated")
