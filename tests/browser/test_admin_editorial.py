"""Editors and Publishers in admin, in a real browser under the strict CSP: nothing lost silently,
permissions shown up front, staged corrections with a review queue, the Markdown preview, history."""

import re

import pytest
from playwright.sync_api import expect

from faq.models import Article, Correction, LegalReference
from faq.services import article_record_revision
from tests.browser.conftest import ARTIFACTS
from tests.factories import add_legal_reference, make_article, make_category, make_legal_reference, make_staff

DESKTOP = {"width": 1366, "height": 768}
LAW = "People's Republic of China (PRC) social insurance law"
LONG_WORD = "Contribution-record-reference-" * 12  # one unbroken "word" far wider than the screen


@pytest.fixture
def people(transactional_db):
    return make_staff("Editor", username="erin"), make_staff("Publisher", username="pat")


@pytest.fixture
def live(people):
    """A published article with a legal basis, its first version in the history."""
    article = make_article(
        category=make_category(name="Medical insurance", slug="medical"),
        title="Can I pay the medical insurance again?", slug="pay-again",
        question="Can I pay the medical insurance again?", body="Usually not.",
    )
    add_legal_reference(article, make_legal_reference(law_name=LAW, article_number="Article 27"))
    article_record_revision(article=article, comment="First")
    return article


def sign_in_as(page, sign_in, username):
    sign_in(username, "password")
    expect(page.locator("#user-tools")).to_be_visible()
    page.set_viewport_size(DESKTOP)


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}/admin/faq/article/{article.pk}/change/")


def save_and_continue(page):
    with page.expect_navigation():  # until the saved page has loaded, its admin scripts included
        page.get_by_role("button", name="Save and continue editing").click()


def sign_out(page):
    """Drop the session once the page has loaded: a script still loading would be redirected to sign-in."""
    page.wait_for_load_state("load")
    page.context.clear_cookies()


def open_refused(page, url):
    """An address the server refuses, in a tab of its own: the browser logs the refusal as a console
    error, which the page fixture would count as a fault of the page."""
    tab = page.context.new_page()
    return tab.goto(url), tab


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]


@pytest.mark.parametrize("username", ["erin", "pat"])
def test_a_stale_form_is_refused_with_who_when_and_the_diff_and_the_text_kept(
    live_server, page, sign_in, screenshot, live, username
):
    article = make_article(title="Refunds", body="First text.", status=Article.Status.DRAFT)
    article_record_revision(article=article)
    sign_in_as(page, sign_in, username)
    open_article(page, live_server, article)
    page.get_by_label("Body:").fill("My own careful text.")

    # Meanwhile a colleague saves the same article.
    article.body = "A colleague's text."
    article.save()
    article_record_revision(article=article, user=make_staff("Editor", username="colleague"), comment="Changed Body.")
    save_and_continue(page)

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".errorlist.nonfield")).to_contain_text("colleague saved this article at")
    conflict = page.locator("#edit-conflict")
    expect(conflict).to_contain_text("Saved by colleague")
    expect(conflict.locator(".field-changes tbody tr")).to_have_count(1)
    expect(conflict.locator(".field-new")).to_have_text("A colleague's text.")
    expect(page.get_by_label("Body:")).to_have_value("My own careful text.")
    screenshot(f"admin-edit-conflict-{username}")
    assert fits_the_screen(page)

    save_and_continue(page)  # seen it: now replace theirs knowingly
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.body == "My own careful text."


@pytest.mark.parametrize("username", ["erin", "pat"])
def test_an_added_empty_row_blocks_the_save_with_a_message_at_the_row(live_server, page, sign_in, live, username):
    article = make_article(title="Refunds", status=Article.Status.DRAFT)
    sign_in_as(page, sign_in, username)
    open_article(page, live_server, article)
    page.get_by_label("Body:").fill("Changed body.")
    page.locator("#legal_reference_links-group").get_by_role("button", name="Add another Legal basis").click()
    save_and_continue(page)

    row = page.locator("#legal_reference_links-group .errorlist").first
    expect(row).to_contain_text("This row is empty")
    expect(page.get_by_label("Body:")).to_have_value("Changed body.")
    article.refresh_from_db()
    assert article.body != "Changed body."


@pytest.mark.parametrize("username", ["erin", "pat"])
def test_an_existing_law_is_picked_from_the_plus_popup_and_found_by_the_autocomplete(
    live_server, page, sign_in, screenshot, live, username
):
    existing = LegalReference.objects.get()
    article = make_article(title="Refunds", status=Article.Status.DRAFT)
    sign_in_as(page, sign_in, username)
    open_article(page, live_server, article)
    group = page.locator("#legal_reference_links-group")
    group.get_by_role("button", name="Add another Legal basis").click()

    with page.expect_popup() as opened:
        group.locator("#add_id_legal_reference_links-0-legal_reference").click()
    popup = opened.value
    popup.get_by_label("Law:").fill(LAW)
    popup.get_by_label("Article:").fill("Article 27")
    popup.get_by_label("Text:").fill("Typed again.")
    popup.get_by_role("button", name="Save", exact=True).click()
    expect(popup.locator(".existing-reference")).to_contain_text("is already in the list")
    popup.screenshot(path=str(ARTIFACTS / f"admin-plus-popup-{username}.png"), full_page=True)
    with popup.expect_event("close"):
        popup.get_by_role("link", name="Use the existing reference").click()

    select = page.locator("#id_legal_reference_links-0-legal_reference")
    expect(select).to_have_value(str(existing.pk))
    save_and_continue(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert list(article.legal_reference_links.values_list("legal_reference", flat=True)) == [existing.pk]
    assert LegalReference.objects.count() == 1

    # The autocomplete finds it as it is shown: law and article number together.
    group.get_by_role("button", name="Add another Legal basis").click()
    group.locator(".select2-selection").last.click()
    page.locator(".select2-search__field").fill(f"{LAW}, Article 27")
    expect(page.locator(".select2-results__option")).to_have_text([f"{LAW}, Article 27"])


def test_editor_is_offered_only_the_statuses_and_actions_they_may_use(live_server, page, sign_in, screenshot, live):
    sign_in_as(page, sign_in, "erin")
    draft = make_article(title="Refunds", status=Article.Status.DRAFT)
    open_article(page, live_server, draft)
    options = page.get_by_label("Status:").locator("option")
    expect(options).to_have_text(["Draft", "In review"])

    page.goto(f"{live_server.url}/admin/faq/article/")
    expect(page.locator("select[name=action] option")).not_to_contain_text(["Publish selected articles"])

    page.goto(f"{live_server.url}/admin/faq/article/import/")
    expect(page.get_by_label("Status:")).to_have_count(0)
    screenshot("admin-import-editor")

    # Where an editor does follow a link they may not use, the refusal is an admin page.
    response, tab = open_refused(page, f"{live_server.url}/admin/faq/category/add/")
    assert response.status == 403
    expect(tab.locator("#site-name")).to_be_visible()
    expect(tab.get_by_role("heading", name="You may not do this")).to_be_visible()
    tab.screenshot(path=str(ARTIFACTS / "admin-403-editor.png"))


def test_publisher_is_offered_every_status_and_admin_errors_keep_admins_style(
    live_server, page, sign_in, screenshot, live
):
    sign_in_as(page, sign_in, "pat")
    open_article(page, live_server, live)
    expect(page.get_by_label("Status:").locator("option")).to_have_text(["Draft", "In review", "Published", "Archived"])

    page.goto(f"{live_server.url}/admin/faq/article/import/")
    expect(page.get_by_label("Status:").locator("option")).to_contain_text(["Published"])

    response, tab = open_refused(page, f"{live_server.url}/admin/faq/article/{live.pk}/history/compare/?from=x")
    assert response.status == 404
    expect(tab.locator("#site-name")).to_be_visible()
    expect(tab.get_by_role("heading", name="Page not found")).to_be_visible()
    tab.screenshot(path=str(ARTIFACTS / "admin-404-publisher.png"))


def test_editor_correction_waits_and_the_publisher_approves_it_from_the_queue(
    live_server, page, sign_in, screenshot, live
):
    sign_in_as(page, sign_in, "erin")
    open_article(page, live_server, live)
    page.get_by_label("Body:").fill("Usually not, but see the 2026 notice.")
    save_and_continue(page)
    expect(page.locator(".messagelist")).to_contain_text("sent to a publisher for review")
    expect(page.locator(".correction-pending")).to_contain_text("A correction by erin is waiting for review")
    screenshot("admin-correction-sent-editor")

    page.goto(live_server.url + live.get_absolute_url())
    expect(page.locator(".article-body")).to_have_text("Usually not.")

    sign_out(page)
    sign_in_as(page, sign_in, "pat")
    expect(page.locator(".review-queue-link")).to_have_text("Review queue (1)")
    queue = page.locator("#review-queue")
    expect(queue.locator("tbody tr")).to_have_count(1)
    expect(queue).to_contain_text("erin")
    expect(queue).to_contain_text("Correction to the published article")
    screenshot("admin-review-queue-publisher")

    queue.get_by_role("link", name=live.title).click()
    changes = page.locator(".field-changes tbody tr")
    expect(changes).to_have_count(1)
    expect(changes.first.locator("ins")).to_contain_text("see the 2026 notice.")
    screenshot("admin-correction-review-publisher")
    assert fits_the_screen(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("The correction is published")
    expect(page.locator(".review-queue-link")).to_have_text("Review queue (0)")

    page.goto(live_server.url + live.get_absolute_url())
    expect(page.locator(".article-body")).to_have_text("Usually not, but see the 2026 notice.")


def test_publisher_returns_a_correction_and_the_editor_sees_the_comment(live_server, page, sign_in, screenshot, live):
    sign_in_as(page, sign_in, "erin")
    open_article(page, live_server, live)
    page.get_by_label("Body:").fill("Always.")
    save_and_continue(page)

    sign_out(page)
    sign_in_as(page, sign_in, "pat")
    page.locator("#review-queue").get_by_role("link", name=live.title).click()
    page.get_by_role("button", name="Return to the editor").click()
    expect(page.locator(".errorlist")).to_contain_text("Say what the editor should change.")
    page.get_by_label("Comment to the editor:").fill("Not always: cite Article 27.")
    page.get_by_role("button", name="Return to the editor").click()
    expect(page.locator(".messagelist")).to_contain_text("returned to erin")
    assert Correction.objects.get().status == Correction.Status.RETURNED

    sign_out(page)
    sign_in_as(page, sign_in, "erin")
    expect(page.locator("#my-corrections")).to_contain_text("Not always: cite Article 27.")
    open_article(page, live_server, live)
    expect(page.locator("#returned-correction")).to_contain_text("pat returned your correction")
    expect(page.locator("#returned-correction")).to_contain_text("Not always: cite Article 27.")
    screenshot("admin-correction-returned-editor")
    live.refresh_from_db()
    assert live.body == "Usually not."


def test_publisher_own_fix_goes_live_at_once(live_server, page, sign_in, live):
    sign_in_as(page, sign_in, "pat")
    open_article(page, live_server, live)
    page.get_by_label("Body:").fill("Usually not (fixed).")
    save_and_continue(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + live.get_absolute_url())
    expect(page.locator(".article-body")).to_have_text("Usually not (fixed).")


@pytest.mark.parametrize("username", ["erin", "pat"])
def test_overdue_filter_lists_only_articles_that_have_been_public(live_server, page, sign_in, live, username):
    make_article(title="A draft never published", status=Article.Status.DRAFT)
    sign_in_as(page, sign_in, username)
    page.goto(f"{live_server.url}/admin/faq/article/")
    page.locator("#changelist-filter").get_by_role("link", name="Overdue").click()

    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text(live.title)


@pytest.mark.parametrize("username", ["erin", "pat"])
def test_markdown_preview_beside_the_editor_and_ruled_tables_on_the_public_page(
    live_server, page, sign_in, screenshot, live, username
):
    article = make_article(title="Rates", slug="rates", category=live.category, status=Article.Status.DRAFT)
    sign_in_as(page, sign_in, username)
    open_article(page, live_server, article)
    body = page.get_by_label("Body:")
    body.fill("Rates:\n\n| Year | Rate |\n|---|---|\n| 2026 | 2% |\n\n<script>alert(1)</script>")

    preview = page.locator(".markdown-preview-body").first
    expect(preview.locator("table td")).to_have_text(["2026", "2%"])
    expect(preview).to_contain_text("<script>alert(1)</script>")  # shown as text, as on the public page
    body_box, preview_box = body.bounding_box(), preview.bounding_box()
    assert preview_box["x"] > body_box["x"] + body_box["width"] - 1  # beside the editor, not under it
    screenshot(f"admin-markdown-preview-{username}")

    if username == "pat":
        page.get_by_label("Status:").select_option("published")
        save_and_continue(page)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + "/faq/medical/rates/")
        cell = page.locator(".article-body td").first
        assert cell.evaluate("cell => getComputedStyle(cell).borderTopStyle") == "solid"
        screenshot("public-article-table")


@pytest.mark.parametrize("username", ["erin", "pat"])
def test_history_compare_and_restore_fit_the_screen_and_restore_lists_exactly_what_changes(
    live_server, page, sign_in, screenshot, people, username
):
    article = make_article(title="Long", body=f"Old {LONG_WORD} text.", status=Article.Status.DRAFT)
    article_record_revision(article=article)
    article.body = f"New {LONG_WORD} text, longer still, {LONG_WORD}."
    article.status = Article.Status.IN_REVIEW
    article.save()
    article_record_revision(article=article)
    sign_in_as(page, sign_in, username)

    page.goto(f"{live_server.url}/admin/faq/article/{article.pk}/history/")
    screenshot(f"admin-history-{username}")
    page.get_by_role("button", name="Compare versions").click()
    expect(page.locator(".field-changes")).to_be_visible()
    assert fits_the_screen(page)
    screenshot(f"admin-compare-{username}")

    page.get_by_role("link", name="Back to the history").click()
    page.locator("#revision-list tbody tr").nth(1).get_by_role("link", name="Restore this version").click()
    labels = page.locator(".field-changes tbody th")
    expect(labels).to_have_text(["Body"])  # the status stays as it is, so it is not listed
    assert fits_the_screen(page)
    screenshot(f"admin-restore-{username}")
    page.get_by_role("button", name="Restore this version").click()
    expect(page.locator(".messagelist")).to_contain_text("The older version was restored")
    article.refresh_from_db()
    assert (article.body, article.status) == (f"Old {LONG_WORD} text.", Article.Status.IN_REVIEW)


def test_admin_pages_in_chinese_on_a_phone(live_server, page, sign_in, screenshot, live):
    sign_in_as(page, sign_in, "pat")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/zh-hans/admin/")
    expect(page.locator(".review-queue-link")).to_contain_text("审核队列")
    screenshot("admin-index-zh-phone")
    page.goto(f"{live_server.url}/zh-hans/admin/faq/article/{live.pk}/change/")
    expect(page.locator(".markdown-preview-body").first).to_contain_text(re.compile("Usually not"))
    screenshot("admin-article-zh-phone")
