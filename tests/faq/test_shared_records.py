"""Every change readers would see passes a Publisher: legal references and policy rows, on every path."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from faq.corrections import correction_approve
from faq.history import article_versions
from faq.importers import article_import_document
from faq.models import Article, Correction, LegalReference, WaitingRelatedTitle
from faq.selectors import review_queue
from faq.services import article_record_revision
from faq.shared_records import record_approve, record_changes
from policy.models import RegionalPeriod, RequiredYearsRule
from tests.admin_forms import admin_form_data
from tests.factories import (
    add_legal_reference,
    add_related,
    make_article,
    make_category,
    make_legal_reference,
    make_staff,
)
from tests.policy.factories import make_regional_period, make_required_years, regional_period_fields

pytestmark = pytest.mark.django_db

LAW = "Social Insurance Law of the PRC"


@pytest.fixture
def editor():
    return make_staff("Editor", username="erin")


@pytest.fixture
def publisher():
    return make_staff("Publisher", username="pat")


@pytest.fixture
def cited():
    """A law a published article cites, as readers see it."""
    reference = make_legal_reference(law_name=LAW, article_number="Article 27", text="Live wording.")
    article = make_article(title="After retirement", status=Article.Status.PUBLISHED)
    add_legal_reference(article, reference)
    return reference


def change_url(record):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


def post_change(client, user, record, **changes):
    client.force_login(user)
    url = change_url(record)
    response = client.post(url, admin_form_data(client, url, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_editor_change_to_a_cited_law_waits_for_review_with_its_diff_and_pages(client, editor, cited):
    response = post_change(client, editor, cited, text="Editor's wording.")

    cited.refresh_from_db()
    assert cited.text == "Live wording."
    change = Correction.objects.get()
    assert response.url == reverse("admin:faq_correction_change", args=[change.pk])
    assert (change.status, change.submitted_by, change.article) == (Correction.Status.PENDING, editor, None)
    assert [(c.label, c.old, c.new) for c in record_changes(change)] == [("text", "Live wording.", "Editor's wording.")]
    assert "Live wording." in client.get(Article.objects.get().get_absolute_url()).content.decode()
    review = client.get(response.url).content.decode()
    assert "After retirement" in review and "Editor&#x27;s wording." in review
    assert [item.correction for item in review_queue()] == [change]


def test_publisher_approves_the_change_and_readers_see_it(client, editor, publisher, cited):
    post_change(client, editor, cited, text="Editor's wording.")
    change = Correction.objects.get()
    client.force_login(publisher)

    response = client.post(reverse("admin:faq_correction_change", args=[change.pk]), {"_approve": "1", "comment": ""})

    assert response.status_code == 302
    cited.refresh_from_db()
    assert cited.text == "Editor's wording."
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (Correction.Status.APPROVED, publisher)


def test_a_change_made_stale_by_a_later_save_cannot_be_approved(editor, publisher, cited, client):
    post_change(client, editor, cited, text="Editor's wording.")
    post_change(client, publisher, cited, text="Publisher's wording.")

    with pytest.raises(ValidationError):
        record_approve(correction=Correction.objects.get(status=Correction.Status.PENDING), user=publisher)
    cited.refresh_from_db()
    assert cited.text == "Publisher's wording."


def test_publisher_change_goes_live_at_once_and_is_logged(client, publisher, cited):
    post_change(client, publisher, cited, text="Publisher's wording.")

    cited.refresh_from_db()
    assert cited.text == "Publisher's wording."
    log = Correction.objects.get()
    assert (log.status, log.submitted_by, log.decided_by) == (Correction.Status.APPROVED, publisher, publisher)
    assert [(c.old, c.new) for c in record_changes(log)] == [("Live wording.", "Publisher's wording.")]


def test_editor_may_change_a_law_no_published_page_shows(client, editor):
    reference = make_legal_reference(text="Draft wording.")
    add_legal_reference(make_article(status=Article.Status.DRAFT), reference)

    post_change(client, editor, reference, text="Better wording.")

    reference.refresh_from_db()
    assert reference.text == "Better wording."
    assert not Correction.objects.exists()


def test_the_reference_popup_of_the_article_form_stages_the_change_too(client, editor, cited):
    client.force_login(editor)
    url = change_url(cited) + "?_popup=1"
    data = admin_form_data(client, url, text="Popup wording.", _popup="1")

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Live wording." == LegalReference.objects.get().text
    assert Correction.objects.get().data["fields"]["text"] == "Popup wording."


def test_editor_closing_a_region_row_waits_and_the_checker_answers_from_the_live_row(client, editor, publisher):
    row = make_regional_period(effective_from_year=2025, effective_to_year=None)
    article = make_article(title="Paying again", checkers=["pay-again"])

    post_change(client, editor, row, effective_to_year="2026")

    row.refresh_from_db()
    assert row.effective_to_year is None
    change = Correction.objects.get()
    client.force_login(editor)
    review = client.get(reverse("admin:faq_correction_change", args=[change.pk])).content.decode()
    assert article.title in review
    record_approve(correction=change, user=publisher)
    row.refresh_from_db()
    assert row.effective_to_year == 2026


def test_editor_adding_a_region_row_adds_it_only_once_approved(client, editor, publisher):
    client.force_login(editor)
    fields = {key: "" if value is None else value for key, value in regional_period_fields().items()}

    response = client.post(reverse("admin:policy_regionalperiod_add"), fields)

    assert response.status_code == 302
    assert not RegionalPeriod.objects.filter(region_code="999001").exists()
    change = Correction.objects.get()
    assert change.record_id is None and "New regional payment period" in change.subject
    row = record_approve(correction=change, user=publisher)
    assert RegionalPeriod.objects.get(region_code="999001") == row
    change.refresh_from_db()
    assert change.record_id == row.pk


def test_an_approval_that_no_longer_fits_is_refused_and_adds_nothing(client, editor, publisher):
    client.force_login(editor)
    fields = {key: "" if value is None else value for key, value in regional_period_fields().items()}
    client.post(reverse("admin:policy_regionalperiod_add"), fields)
    make_regional_period()  # a publisher added the same years meanwhile

    with pytest.raises(ValidationError):
        record_approve(correction=Correction.objects.get(), user=publisher)
    assert RegionalPeriod.objects.filter(region_code="999001").count() == 1


def test_editor_change_to_required_years_waits(client, editor):
    rule = make_required_years(effective_to=None)

    post_change(client, editor, rule, effective_to="2031-12-31")

    rule.refresh_from_db()
    assert rule.effective_to is None
    assert Correction.objects.get().record_type.model_class() is RequiredYearsRule


def test_editor_import_of_a_new_draft_does_not_rewrite_a_cited_law(editor, cited):
    text = f"Site - Pensions - A new draft\nWhat now?\nAn answer.\nLegal basis:\n{LAW}\nArticle 27\nImported wording."

    result = article_import_document(text=text, user=editor, file_name="draft.txt")

    cited.refresh_from_db()
    assert cited.text == "Live wording."
    assert result.article.status == Article.Status.DRAFT
    assert list(result.article.legal_references.all()) == [cited]
    change = Correction.objects.get()
    assert change.data["fields"] == {"text": "Imported wording."}
    assert [change.label for change in result.changes] == [f"Wording of {cited}"]


def test_publisher_import_changes_a_cited_law_and_logs_it(publisher, cited):
    text = f"Site - Pensions - A new draft\nWhat now?\nAn answer.\nLegal basis:\n{LAW}\nArticle 27\nImported wording."

    article_import_document(text=text, user=publisher)

    cited.refresh_from_db()
    assert cited.text == "Imported wording."
    assert Correction.objects.get().status == Correction.Status.APPROVED


def test_the_import_command_as_an_editor_stages_and_names_the_editor(tmp_path, editor, cited):
    path = tmp_path / "law.txt"
    path.write_text(f"Site - Pensions - New\nWhat now?\nAn answer.\nLegal basis:\n{LAW}\nArticle 27\nNew wording.")

    call_command("import_articles", str(path), "--user", editor.username)

    cited.refresh_from_db()
    assert cited.text == "Live wording."
    assert Correction.objects.get().submitted_by == editor
    version = article_versions(Article.objects.get(title="New")).get()
    assert (version.revision.user, version.revision.comment) == (editor, "Imported from law.txt (created)")


def test_the_import_command_refuses_an_unknown_user(tmp_path):
    with pytest.raises(CommandError, match="no active staff user"):
        call_command("import_articles", str(tmp_path), "--user", "nobody")


def test_editor_mark_reviewed_on_a_published_article_waits(client, editor):
    article = make_article(status=Article.Status.PUBLISHED)
    client.force_login(editor)

    client.post(reverse("admin:faq_article_changelist"), {"action": "mark_reviewed", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.reviewed_on is None
    assert Correction.objects.get(article=article).data["fields"]["reviewed_on"] == timezone.localdate().isoformat()


def test_editor_restore_of_a_published_article_waits(client, editor, cited):
    article = Article.objects.get()
    article_record_revision(article=article, comment="First")
    Article.objects.filter(pk=article.pk).update(body="Later answer.")
    article.refresh_from_db()
    article_record_revision(article=article, comment="Second")
    oldest = article_versions(article).last()
    client.force_login(editor)

    client.post(reverse("admin:faq_article_restore", args=[article.pk, oldest.pk]))

    article.refresh_from_db()
    assert article.body == "Later answer."
    assert Correction.objects.get(article=article).status == Correction.Status.PENDING


def test_editor_linking_a_published_articles_waiting_title_waits(client, editor):
    live = make_article(title="Live", status=Article.Status.PUBLISHED)
    waiting = add_related(live, "Refunds")
    target = make_article(title="Refunds elsewhere", status=Article.Status.PUBLISHED)
    client.force_login(editor)
    url = reverse("admin:faq_waitingrelatedtitle_change", args=[waiting.pk])

    client.post(url, admin_form_data(client, url, target=str(target.pk)))

    assert WaitingRelatedTitle.objects.get(pk=waiting.pk).target is None
    assert Correction.objects.get(article=live).data["related"][0]["target"] == target.pk


def test_editor_import_into_a_published_article_keeps_a_new_law_in_the_correction(editor):
    category = make_category(name="Pensions")
    article = make_article(title="Pensions", question="Pensions?", category=category)
    text = "Site - Pensions - Pensions\nPensions?\nNew answer.\nLegal basis:\nA new law\nArticle 1\nIts text."

    article_import_document(text=text, user=editor)

    reference = LegalReference.objects.get(law_name="A new law")
    assert Correction.objects.get(article=article).data["legal_basis"][0]["legal_reference"] == reference.pk
    assert not article.legal_reference_links.exists()


@pytest.mark.parametrize(
    "changelist", ["admin:faq_legalreference_changelist", "admin:policy_regionalperiod_changelist"]
)
def test_an_editor_is_offered_no_bulk_action_on_shared_records_and_a_crafted_one_changes_nothing(
    client, editor, cited, changelist
):
    row = make_regional_period(effective_from_year=2025)
    client.force_login(editor)
    url = reverse(changelist)

    assert "delete_selected" not in client.get(url).content.decode()
    client.post(url, {"action": "delete_selected", "_selected_action": [cited.pk, row.pk], "post": "yes"})

    assert LegalReference.objects.filter(pk=cited.pk).exists()
    assert RegionalPeriod.objects.filter(pk=row.pk).exists()


def test_editor_import_into_a_published_article_keeps_a_new_wording_of_an_uncited_law(client, editor, publisher):
    category = make_category(name="Pensions")
    article = make_article(title="Pensions", question="Pensions?", category=category)
    law = make_legal_reference(law_name="A quiet law", article_number="Article 3", text="Old wording.")
    text = "Site - Pensions - Pensions\nPensions?\nNew answer.\nLegal basis:\nA quiet law\nArticle 3\nNew wording."

    result = article_import_document(text=text, user=editor)

    assert f"Wording of {law}" in [change.label for change in result.changes]
    law.refresh_from_db()
    assert law.text == "Old wording."  # nothing of the correction goes live before a Publisher approves it
    correction = Correction.objects.get(article=article)
    client.force_login(publisher)
    review = client.get(reverse("admin:faq_correction_change", args=[correction.pk]))
    assert f"Wording of {law}" in [change.label for change in review.context["changes"]]

    correction_approve(correction=correction, user=publisher)

    law.refresh_from_db()
    assert law.text == "New wording."
    assert list(article.legal_references.all()) == [law]
