"""Nothing goes live without a Publisher, in a real browser: each path an Editor has to a record readers
see is staged for review; the import shows its diff; the traps editors met are gone."""

import pytest
from playwright.sync_api import expect

from faq.history import article_versions
from faq.models import Article, ArticleChange, Correction, LegalReference
from faq.services import article_record_revision
from policy.models import RegionalPeriod
from tests.conftest import SEED_PATH
from tests.factories import add_legal_reference, make_article, make_category, make_legal_reference, make_staff
from tests.policy.factories import make_regional_period

DESKTOP = {"width": 1280, "height": 800}
LAW = "People's Republic of China (PRC) social insurance law"


@pytest.fixture
def people(transactional_db):
    return make_staff("Editor", username="erin"), make_staff("Publisher", username="pat")


@pytest.fixture
def live(people):
    article = make_article(
        category=make_category(name="Medical insurance", slug="medical"),
        title="Can I pay the medical insurance again?", slug="pay-again", body="Usually not.",
        checkers=["pay-again"],
    )
    add_legal_reference(article, make_legal_reference(law_name=LAW, article_number="Article 27", text="Live wording."))
    article_record_revision(article=article, comment="First")
    return article


def sign_in_as(page, sign_in, username):
    sign_in(username, "password")
    expect(page.locator("#user-tools")).to_be_visible()
    page.set_viewport_size(DESKTOP)


def save(page, name="Save"):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def staged_message(page):
    expect(page.locator(".messagelist")).to_contain_text("sent to a publisher for review")


def test_legal_reference_form_is_staged_and_the_publisher_approves_it(live_server, page, sign_in, screenshot, live):
    reference = LegalReference.objects.get()
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/faq/legalreference/{reference.pk}/change/")
    expect(page.locator(".shared-record-staged")).to_be_visible()
    expect(page.locator(".affected-articles")).to_contain_text(live.title)
    page.get_by_label("Text:").fill("Editor's wording.")
    save(page)

    staged_message(page)
    expect(page.locator(".field-diff")).to_contain_text("Editor's wording.")
    expect(page.locator(".affected-articles")).to_contain_text(live.title)
    screenshot("admin-shared-record-review-editor")
    reference.refresh_from_db()
    assert reference.text == "Live wording."
    page.goto(live_server.url + live.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Live wording.")

    page.context.clear_cookies()
    sign_in_as(page, sign_in, "pat")
    expect(page.locator("#review-queue")).to_contain_text("Change to a record readers see")
    page.locator("#review-queue").get_by_role("link", name=str(reference)).click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("readers and checkers now see it")
    reference.refresh_from_db()
    assert reference.text == "Editor's wording."


def test_policy_row_form_is_staged_and_the_checker_keeps_the_live_row(live_server, page, sign_in, screenshot, live):
    row = make_regional_period(effective_from_year=2025, effective_to_year=None)
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/policy/regionalperiod/{row.pk}/change/")
    expect(page.locator(".shared-record-affects")).to_contain_text("Checkers that answer from it")
    page.get_by_label("Last coverage year:").fill("2026")
    save(page)

    staged_message(page)
    expect(page.locator(".field-new")).to_contain_text("2026")
    screenshot("admin-policy-row-review-editor")
    row.refresh_from_db()
    assert row.effective_to_year is None


def test_policy_row_added_by_an_editor_waits(live_server, page, sign_in, live):
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/policy/regionalperiod/add/")
    expect(page.locator(".shared-record-staged")).to_be_visible()
    page.get_by_label("Region code:").fill("999001")
    page.get_by_label("Region name:", exact=True).fill("Testland")
    page.get_by_label("First coverage year:").fill("2030")
    for part, value in (("collection_start", ("9", "1")), ("collection_end", ("12", "31")),):
        page.locator(f"#id_{part}_month").fill(value[0])
        page.locator(f"#id_{part}_day").fill(value[1])
    page.get_by_label("Source title:", exact=True).fill("A notice")
    save(page)

    staged_message(page)
    assert not RegionalPeriod.objects.filter(region_code="999001").exists()
    assert Correction.objects.get().record_id is None


def test_legal_basis_inline_on_a_published_article_is_staged(live_server, page, sign_in, live):
    other = make_legal_reference(law_name=LAW, article_number="Article 30")
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/faq/article/{live.pk}/change/")
    page.locator("#id_legal_reference_links-0-DELETE").check()
    save(page, "Save and continue editing")

    staged_message(page)
    assert list(live.legal_reference_links.values_list("legal_reference", flat=True)) != [other.pk]
    assert live.legal_reference_links.count() == 1
    assert Correction.objects.get(article=live).data["legal_basis"] == []


def test_mark_reviewed_action_on_a_published_article_is_staged(live_server, page, sign_in, live):
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/faq/article/")
    page.locator(f"input[name=_selected_action][value='{live.pk}']").check()
    page.locator("select[name=action]").select_option("mark_reviewed")
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()

    live.refresh_from_db()
    assert live.reviewed_on is None
    assert Correction.objects.get(article=live).data["fields"]["reviewed_on"]


def test_history_restore_of_a_published_article_is_staged(live_server, page, sign_in, live):
    live.body = "A newer answer."
    live.save()
    article_record_revision(article=live, comment="Second")
    oldest = article_versions(live).last()
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/faq/article/{live.pk}/history/{oldest.pk}/restore/")
    save(page, "Send this version for review")

    expect(page.locator(".messagelist")).to_contain_text("sent to a publisher for review")
    live.refresh_from_db()
    assert live.body == "A newer answer."
    assert Correction.objects.get(article=live).data["fields"]["body"] == "Usually not."


def test_editor_import_of_a_draft_citing_a_live_law_stages_the_law(live_server, page, sign_in, live, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(f"Site - Medical - A new draft\nWhat now?\nAn answer.\nLegal basis:\n{LAW}\nArticle 27\nImported.")
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/faq/article/import/")
    page.get_by_label("Documents:").set_input_files(str(path))
    page.get_by_label("Dry run:").uncheck()
    save(page, "Import")

    expect(page.locator(".import-diff")).to_contain_text("Wording of")
    assert LegalReference.objects.get(article_number="Article 27").text == "Live wording."
    assert Correction.objects.get().data["fields"]["text"] == "Imported."


def test_publisher_import_shows_the_diff_and_waits_for_confirmation(live_server, page, sign_in, screenshot, people):
    from faq.importers import article_import_document
    from tests.conftest import REPO

    demo = (REPO / "faq" / "demo" / "000_d78f2f9bf300a7ec.txt").read_text(encoding="utf-8")
    article = article_import_document(text=demo, status="published").article
    headings = article.body.count("## ")
    sign_in_as(page, sign_in, "pat")
    page.goto(f"{live_server.url}/admin/faq/article/import/")
    page.get_by_label("Documents:").set_input_files(
        files=[{"name": "seed.txt", "mimeType": "text/plain",
                "buffer": SEED_PATH.read_bytes().replace(b"To sum up, once", b"All in all, once")}]
    )
    page.get_by_label("Dry run:").uncheck()
    save(page, "Import")

    expect(page.locator("#import-report")).to_contain_text("waiting for your confirmation")
    expect(page.locator(".import-diff del").first).to_have_text("To")
    expect(page.locator(".import-diff ins").first).to_have_text("All")
    screenshot("admin-import-confirm-publisher")
    article.refresh_from_db()
    assert "All in all" not in article.body

    save(page, "Confirm and publish these changes")
    expect(page.locator("#import-report")).to_contain_text("updated")
    article.refresh_from_db()
    assert "All in all" in article.body
    assert article.body.count("## ") == headings and article.legal_reference_links.count() == 5


def test_article_list_fits_1280_and_shows_scheduled_and_preview_for_drafts(
    live_server, page, sign_in, screenshot, live
):
    from datetime import timedelta

    from django.utils import timezone

    make_article(title="A scheduled answer about refunds after enrolling twice in two cities",
                 publish_at=timezone.now() + timedelta(days=2))
    draft = make_article(title="A draft", status=Article.Status.DRAFT)
    ArticleChange.objects.create(article=live, note="Noted.")
    sign_in_as(page, sign_in, "pat")
    page.goto(f"{live_server.url}/admin/faq/article/")
    expect(page.locator("#result_list")).to_contain_text("Scheduled for")
    screenshot("admin-article-list-1280")
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    # The longest title takes at most three lines, and every column is in view.
    table = page.locator("#result_list")
    assert table.bounding_box()["x"] + table.bounding_box()["width"] <= DESKTOP["width"]
    title = page.locator("#result_list th.field-title a", has_text="A scheduled answer")
    assert title.evaluate("link => link.getClientRects().length") <= 3  # one rectangle a line
    results = page.locator(".results")
    assert results.evaluate("e => e.scrollWidth <= e.clientWidth")

    page.goto(f"{live_server.url}/admin/faq/article/{draft.pk}/change/")
    with page.expect_navigation():
        page.get_by_role("link", name="View on site").click()
    expect(page.locator("main")).to_contain_text("Preview — not published")
