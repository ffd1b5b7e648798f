"""Staged corrections: an Editor's change to a published article waits for a Publisher's approval."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from faq.corrections import correction_approve, correction_return
from faq.exporters import article_export
from faq.history import article_versions
from faq.importers import ImportOutcome, article_import_document
from faq.models import Article, Correction
from faq.search import article_search
from faq.selectors import review_queue, review_queue_count
from faq.services import article_record_revision, article_set_status
from tests.admin_forms import admin_form_data
from tests.factories import add_legal_reference, add_related, make_article, make_legal_reference, make_staff

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:faq_article_change", args=[article.pk])


def review_url(correction):
    return reverse("admin:faq_correction_change", args=[correction.pk])


@pytest.fixture
def editor():
    return make_staff("Editor", username="erin")


@pytest.fixture
def publisher():
    return make_staff("Publisher", username="pat")


@pytest.fixture
def live():
    article = make_article(title="Card use", body="Old answer.", status=Article.Status.PUBLISHED)
    add_legal_reference(article, make_legal_reference(law_name="Social Insurance Law", article_number="Article 27"))
    add_related(article, "Refunds")
    article_record_revision(article=article, comment="First")
    return article


def submit(client, user, article, **changes):
    client.force_login(user)
    response = client.post(change_url(article), admin_form_data(client, change_url(article), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_editor_change_to_a_live_article_is_kept_aside_and_readers_see_the_published_text(client, editor, live):
    submit(client, editor, live, body="New answer.", **{"related_links-0-DELETE": "on"})

    live.refresh_from_db()
    assert live.body == "Old answer."
    assert live.related_links.count() == 1
    correction = Correction.objects.get()
    assert (correction.submitted_by, correction.status) == (editor, Correction.Status.PENDING)
    assert correction.data["fields"]["body"] == "New answer."
    assert correction.data["related"] == []
    assert "Old answer." in client.get(live.get_absolute_url()).content.decode()
    # Nothing reached the article's history either: it is not a version of the article yet.
    assert article_versions(live).count() == 1


def test_editor_saving_again_replaces_their_own_pending_correction(client, editor, live):
    submit(client, editor, live, body="First try.")
    submit(client, editor, live, body="Second try.")

    assert Correction.objects.get().data["fields"]["body"] == "Second try."


def test_publisher_own_fix_goes_live_at_once(client, publisher, live):
    submit(client, publisher, live, body="Fixed at once.")

    live.refresh_from_db()
    assert live.body == "Fixed at once."
    assert not Correction.objects.exists()


def test_publisher_sees_the_diff_against_the_live_article_and_approves(client, editor, publisher, live):
    submit(client, editor, live, body="New answer.", **{"related_links-0-DELETE": "on"})
    correction = Correction.objects.get()
    client.force_login(publisher)

    page = client.get(review_url(correction))
    changes = {change.label: (change.old, change.new) for change in page.context["changes"]}
    assert changes == {"body": ("Old answer.", "New answer."), "Related articles": ("Refunds", "")}

    response = client.post(review_url(correction), {"_approve": "1", "comment": ""})

    assert response.status_code == 302
    live.refresh_from_db()
    assert live.body == "New answer."
    assert live.related_links.count() == 0
    assert live.legal_reference_links.count() == 1
    correction.refresh_from_db()
    assert (correction.status, correction.decided_by) == (Correction.Status.APPROVED, publisher)
    assert article_versions(live).first().revision.get_comment() == "Approved the correction by erin"
    assert "New answer." in client.get(live.get_absolute_url()).content.decode()
    # Approving is a save of the article like any other: search finds the approved text.
    assert [hit.article for hit in article_search(query="new answer", language="en").hits] == [live]


def test_a_pending_correction_changes_nothing_readers_or_search_see(client, editor, live):
    submit(client, editor, live, title="Card use renamed", body="Pending words.")

    assert article_search(query="pending words", language="en").hits == []
    assert "Card use renamed" not in client.get(live.get_absolute_url()).content.decode()


def test_publisher_returns_a_correction_with_a_comment_the_editor_sees(client, editor, publisher, live):
    submit(client, editor, live, body="Wrong answer.")
    correction = Correction.objects.get()
    client.force_login(publisher)

    refused = client.post(review_url(correction), {"_return": "1", "comment": "  "})
    assert refused.status_code == 200
    assert "Say what the editor should change." in refused.content.decode()

    client.post(review_url(correction), {"_return": "1", "comment": "Cite the 2026 notice."})

    live.refresh_from_db()
    assert live.body == "Old answer."
    assert Correction.objects.get().status == Correction.Status.RETURNED
    client.force_login(editor)
    assert "Cite the 2026 notice." in client.get(change_url(live)).content.decode()
    assert "Cite the 2026 notice." in client.get(reverse("admin:index")).content.decode()


def test_editor_may_read_but_not_decide_a_correction(client, editor, live):
    submit(client, editor, live, body="New answer.")
    correction = Correction.objects.get()

    page = client.get(review_url(correction))
    assert page.status_code == 200
    assert "Approve and publish" not in page.content.decode()
    assert client.post(review_url(correction), {"_approve": "1"}).status_code == 403
    live.refresh_from_db()
    assert live.body == "Old answer."


def test_a_correction_to_a_text_saved_again_since_cannot_be_approved(client, editor, publisher, live):
    submit(client, editor, live, body="Editor's answer.")
    submit(client, publisher, live, title="Card use today")
    correction = Correction.objects.get()

    with pytest.raises(ValidationError, match="saved again after this correction"):
        correction_approve(correction=correction, user=publisher)

    page = client.get(review_url(correction))
    assert "Approve and publish" not in page.content.decode()
    assert "Saved by pat" in page.content.decode()
    live.refresh_from_db()
    assert (live.title, live.body) == ("Card use today", "Old answer.")


def test_a_decided_correction_cannot_be_decided_again(editor, publisher, live):
    correction = Correction.objects.create(article=live, data={}, base_version=live.version, submitted_by=editor)
    correction_return(correction=correction, user=publisher, comment="No.")

    with pytest.raises(ValidationError):
        correction_approve(correction=correction, user=publisher)


def test_review_queue_lists_corrections_and_articles_in_review_with_who_and_since(client, editor, publisher, live):
    draft = make_article(title="New rules", status=Article.Status.DRAFT)
    article_set_status(articles=[draft], status=Article.Status.IN_REVIEW, user=editor)
    submit(client, editor, live, body="New answer.")

    queue = review_queue()

    assert [(item.article.title, item.correction is not None, item.submitted_by) for item in queue] == [
        ("New rules", False, "erin"),
        ("Card use", True, "erin"),
    ]
    assert review_queue_count() == 2
    client.force_login(publisher)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Review queue (2)" in index
    assert 'id="review-queue"' in index
    client.force_login(editor)
    assert 'id="review-queue"' not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("dry_run", [False, True])
def test_an_editor_importing_a_change_to_a_published_article_sends_a_correction(editor, live, dry_run):
    text = article_export(live).replace("Old answer.", "Imported answer.")

    result = article_import_document(text=text, dry_run=dry_run, user=editor)

    assert result.outcome == ImportOutcome.SUBMITTED
    assert "body" in [change.label for change in result.changes]
    live.refresh_from_db()
    assert live.body == "Old answer."
    if dry_run:
        assert not Correction.objects.exists()
    else:
        correction = Correction.objects.get()
        assert (correction.submitted_by, correction.base_version) == (editor, live.version)
        assert correction.data["fields"]["body"] == "Imported answer."
        assert len(correction.data["legal_basis"]) == 1


def test_a_publisher_import_of_a_published_article_goes_live(live):
    text = article_export(live).replace("Old answer.", "Imported answer.")

    assert article_import_document(text=text).outcome == ImportOutcome.UPDATED
    live.refresh_from_db()
    assert live.body == "Imported answer."


def test_an_editor_restoring_an_older_version_of_a_published_article_sends_a_correction(client, editor, live):
    first = article_versions(live).first()
    live.body = "Published later."
    live.save()
    article_record_revision(article=live, comment="Later")
    client.force_login(editor)
    url = reverse("admin:faq_article_restore", args=[live.pk, first.pk])

    assert "sends this version to a publisher" in client.get(url).content.decode()
    client.post(url)

    live.refresh_from_db()
    assert live.body == "Published later."
    correction = Correction.objects.get()
    assert correction.data["fields"]["body"] == "Old answer."
    assert [row["title"] for row in correction.data["related"]] == ["Refunds"]
