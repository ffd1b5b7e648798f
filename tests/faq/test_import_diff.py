"""Import never publishes unseen: a field-by-field diff, nothing left out is dropped unless asked,
an Editor's import waits for review, a Publisher's waits for their confirmation, history names both."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from faq.history import FieldChange, article_versions
from faq.import_merge import body_headings, body_keep_headings
from faq.importers import ImportOutcome, article_import_document
from faq.models import Article, Correction
from tests.conftest import REPO
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

DEMO = REPO / "faq" / "demo" / "000_d78f2f9bf300a7ec.txt"
IMPORT = reverse("admin:faq_article_import")
SENTENCE = ("To sum up, once", "All in all, once")


@pytest.fixture
def live():
    """The seed article as editors improved it: headings, an "In short", five legal basis rows."""
    return article_import_document(text=DEMO.read_text(encoding="utf-8"), status=Article.Status.PUBLISHED).article


@pytest.fixture
def reimport(seed_path):
    """The source site's document, without the editors' additions, with one sentence changed."""
    return seed_path.read_text(encoding="utf-8").replace(*SENTENCE)


def rows(article):
    return [str(link) for link in article.legal_reference_links.order_by("order")]


def upload(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_reimport_keeps_headings_legal_basis_and_summary_the_document_leaves_out(live, reimport):
    headings, legal, summary = body_headings(live.body), rows(live), live.summary

    result = article_import_document(text=reimport)

    article = Article.objects.get()
    assert result.outcome == ImportOutcome.UPDATED
    assert body_headings(article.body) == headings and len(headings) == 3
    assert rows(article) == legal and len(legal) == 5
    assert article.summary == summary
    assert SENTENCE[1] in article.body
    labels = [change.label for change in result.changes]
    assert labels == ["body"]


def test_replacing_makes_the_article_exactly_the_document(live, reimport):
    result = article_import_document(text=reimport, replace=True)

    article = Article.objects.get()
    assert body_headings(article.body) == []
    assert len(rows(article)) == 1
    assert article.summary == ""
    assert {"Headings", "Legal basis", "in short", "body"} <= {change.label for change in result.changes}


def test_headings_go_back_over_the_text_they_stood_over():
    old = "## One\n\nFirst.\n\n## Two\n\nSecond.\n\nThird."
    assert body_keep_headings(old, "First!\n\nSecond.\n\nThird.") == "## One\n\nFirst!\n\n## Two\n\nSecond.\n\nThird."
    assert body_keep_headings(old, "## New\n\nFirst.") == "## New\n\nFirst."


def test_dry_run_shows_each_change_word_by_word(client, live, reimport):
    client.force_login(make_staff("Publisher"))

    response = client.post(IMPORT, {"files": [upload("seed.txt", reimport)], "dry_run": "on"})

    html = response.content.decode()
    assert "<del>To</del><ins>All</ins> <del>sum</del><ins>in</ins>" in html
    assert Article.objects.get().body == live.body


def test_publisher_import_goes_live_only_after_confirming_the_diff(client, live, reimport):
    publisher = make_staff("Publisher", username="pat")
    client.force_login(publisher)

    response = client.post(IMPORT, {"files": [upload("seed.txt", reimport)]})

    assert SENTENCE[1] not in Article.objects.get().body
    report = response.context["reports"][0]
    assert report.confirm_token and [c.label for c in report.changes] == ["body"]
    assert "Confirm and publish these changes" in response.content.decode()

    confirmed = client.post(IMPORT, {"_confirm": "1", "confirm_token": report.confirm_token})

    article = Article.objects.get()
    assert confirmed.context["reports"][0].outcome == ImportOutcome.UPDATED
    assert SENTENCE[1] in article.body
    revision = article_versions(article).first().revision
    assert (revision.user, revision.comment) == (publisher, "Imported from seed.txt (updated)")


def test_a_confirmation_after_another_save_is_refused(client, live, reimport):
    client.force_login(make_staff("Publisher"))
    token = client.post(IMPORT, {"files": [upload("seed.txt", reimport)]}).context["reports"][0].confirm_token
    article = Article.objects.get()
    article.editor_note = "Saved meanwhile."
    article.save()

    response = client.post(IMPORT, {"_confirm": "1", "confirm_token": token})

    assert "saved again" in response.context["reports"][0].error
    assert SENTENCE[1] not in Article.objects.get().body


def test_a_tampered_confirmation_is_refused(client, live):
    client.force_login(make_staff("Publisher"))

    response = client.post(IMPORT, {"_confirm": "1", "confirm_token": "forged"})

    assert response.status_code == 200
    assert response.context["reports"][0].error


def test_an_editor_cannot_confirm(client, live):
    client.force_login(make_staff("Editor"))

    assert client.post(IMPORT, {"_confirm": "1", "confirm_token": "x"}).status_code == 403


def test_editor_import_into_a_published_article_is_a_correction_named_for_the_editor(client, live, reimport):
    editor = make_staff("Editor", username="erin")
    client.force_login(editor)

    response = client.post(IMPORT, {"files": [upload("seed.txt", reimport)]})

    assert response.context["reports"][0].outcome == ImportOutcome.SUBMITTED
    assert SENTENCE[1] not in Article.objects.get().body
    correction = Correction.objects.get()
    assert correction.submitted_by == editor
    assert len(correction.data["legal_basis"]) == 5


def test_history_names_the_editor_and_the_file_of_a_draft_import(client):
    editor = make_staff("Editor", username="erin")
    client.force_login(editor)

    client.post(IMPORT, {"files": [upload("new.txt", DEMO.read_text(encoding="utf-8"))]})

    revision = article_versions(Article.objects.get()).get().revision
    assert (revision.user, revision.comment) == (editor, "Imported from new.txt (created)")


def test_publisher_import_changing_a_published_law_waits_for_confirmation_even_for_a_draft(client, live):
    law = live.legal_references.first()
    text = (
        f"Site - Pensions - A new draft\nWhat now?\nAn answer.\nLegal basis:\n{law.law_name}\n"
        f"{law.article_number}\nThe publisher's wording."
    )
    client.force_login(make_staff("Publisher"))

    report = client.post(IMPORT, {"files": [upload("draft.txt", text)]}).context["reports"][0]

    assert report.confirm_token
    assert [change.label for change in report.changes] == [f"Wording of {law}"]
    law.refresh_from_db()
    assert law.text != "The publisher's wording."
    client.post(IMPORT, {"_confirm": "1", "confirm_token": report.confirm_token})
    law.refresh_from_db()
    assert law.text == "The publisher's wording."


def test_the_diff_shows_only_the_paragraphs_that_changed():
    change = FieldChange("body", "One.\n\nTwo words.\n\nThree.", "One.\n\nTwo other words.\n\nThree.\n\nFour.")

    assert change.paragraph_diffs == ["Two <ins>other </ins>words.", "<ins>Four.</ins>"]
