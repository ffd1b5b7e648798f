"""The smaller traps editors met: the draft's "View on site", the status readers meet, the notes a restore
takes back, a returned correction's text, the warnings on publishing."""

import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from faq.article_state import publish_warnings, reader_state
from faq.corrections import correction_return, correction_rows
from faq.history import article_versions
from faq.models import Article, ArticleChange, ArticleLegalReference, Correction
from faq.preview import preview_path
from faq.services import article_record_revision
from tests.admin_forms import _field_data, admin_form_data
from tests.factories import add_legal_reference, make_article, make_legal_reference, make_staff

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:faq_article_change", args=[article.pk])


def test_view_on_site_of_a_draft_opens_its_preview(client):
    client.force_login(make_staff("Editor"))
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))
    live = make_article()

    def site_link(article):
        return client.get(change_url(article)).context["absolute_url"]

    assert site_link(draft) == preview_path(draft)
    assert site_link(scheduled) == preview_path(scheduled)
    assert site_link(live) == live.get_absolute_url()
    assert client.get(site_link(draft)).status_code == 200


def test_scheduled_and_expired_articles_are_shown_as_such_in_the_list_and_the_form(client):
    now = timezone.now()
    scheduled = make_article(title="Soon", publish_at=now + timedelta(days=3))
    expired = make_article(title="Gone", expire_at=now - timedelta(days=1))
    make_article(title="Draft one", status=Article.Status.DRAFT)
    client.force_login(make_staff("Editor"))

    listing = client.get(reverse("admin:faq_article_changelist")).content.decode()

    assert reader_state(scheduled).startswith("Scheduled for")
    assert reader_state(expired).startswith("Expired on")
    assert reader_state(make_article()) == "Published"
    assert listing.count("Scheduled for") == 1 and listing.count("Expired on") == 1
    assert "Scheduled for" in client.get(change_url(scheduled)).content.decode()


def test_restore_removes_the_change_notes_of_the_text_it_takes_back_when_asked(client):
    publisher = make_staff("Publisher")
    article = make_article(body="First text.")
    article_record_revision(article=article, comment="First")
    old = article_versions(article).get()
    article.body = "Second text."
    article.save()
    article_record_revision(article=article, comment="Second")
    ArticleChange.objects.create(article=article, note="The second text is added.")
    client.force_login(publisher)
    url = reverse("admin:faq_article_restore", args=[article.pk, old.pk])

    assert "The second text is added." in client.get(url).content.decode()
    client.post(url, {"remove_notes": "1"})

    article.refresh_from_db()
    assert article.body == "First text."
    assert not ArticleChange.objects.exists()


def test_restore_keeps_the_notes_when_not_asked(client):
    article = make_article(body="First text.")
    article_record_revision(article=article, comment="First")
    old = article_versions(article).get()
    ArticleChange.objects.create(article=article, note="Kept.")
    client.force_login(make_staff("Publisher"))

    client.post(reverse("admin:faq_article_restore", args=[article.pk, old.pk]))

    assert ArticleChange.objects.count() == 1


def test_a_returned_correction_opens_with_the_writers_text(client):
    editor, publisher = make_staff("Editor", username="erin"), make_staff("Publisher")
    article = make_article(body="Published text.")
    client.force_login(editor)
    client.post(change_url(article), admin_form_data(client, change_url(article), body="Writer's text."))
    correction_return(correction=Correction.objects.get(), user=publisher, comment="Shorter, please.")

    form = client.get(change_url(article)).context["adminform"].form

    assert form["body"].value() == "Writer's text."
    assert Article.objects.get().body == "Published text."
    client.force_login(publisher)
    assert client.get(change_url(article)).context["adminform"].form["body"].value() == "Published text."


def _legal_formset(response):
    return next(
        inline.formset for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is ArticleLegalReference
    )


def test_a_returned_correction_opens_with_the_writers_rows(client):
    editor, publisher = make_staff("Editor"), make_staff("Publisher")
    article = make_article()
    dropped, kept, added = make_legal_reference(), make_legal_reference(), make_legal_reference()
    add_legal_reference(article, dropped, order=0)
    add_legal_reference(article, kept, order=1)
    client.force_login(editor)
    prefix = _legal_formset(client.get(change_url(article))).prefix
    data = admin_form_data(client, change_url(article))
    data.update({
        f"{prefix}-TOTAL_FORMS": "3", f"{prefix}-0-DELETE": "on", f"{prefix}-1-heading": "Who pays",
        f"{prefix}-2-order": "2", f"{prefix}-2-legal_reference": str(added.pk), f"{prefix}-2-heading": "",
    })
    client.post(change_url(article), data)
    correction_return(correction=Correction.objects.get(), user=publisher, comment="Check the second law.")

    response = client.get(change_url(article))
    formset = _legal_formset(response)

    shown = {form["legal_reference"].value(): form for form in formset.forms}
    assert shown[dropped.pk]["DELETE"].value() is True
    assert shown[kept.pk]["heading"].value() == "Who pays"
    assert shown[added.pk] in formset.extra_forms
    assert "Published rows your correction left out are ticked for removal." in response.content.decode()

    # Sent again unchanged, the correction holds the same rows; the published article keeps its own.
    data = admin_form_data(client, change_url(article))
    for form in formset.extra_forms:
        data.update(_field_data(form))
    data[f"{prefix}-TOTAL_FORMS"] = str(len(formset.forms))
    client.post(change_url(article), data)

    pending = Correction.objects.get(status=Correction.Status.PENDING)
    assert [(row["legal_reference"], row["heading"]) for row in correction_rows(pending)["legal_basis"]] == [
        (kept.pk, "Who pays"), (added.pk, ""),
    ]
    assert list(article.legal_reference_links.values_list("legal_reference", flat=True)) == [dropped.pk, kept.pk]


def test_publishing_warns_of_what_is_missing_and_still_publishes(client):
    article = make_article(status=Article.Status.DRAFT, summary="")
    client.force_login(make_staff("Publisher"))

    response = client.post(change_url(article), admin_form_data(client, change_url(article), status="published"))

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("no legal basis" in w for w in warnings)
    assert any("“In short”" in w for w in warnings)
    assert any("translation into Simplified Chinese" in w for w in warnings)


def test_a_complete_article_publishes_without_warnings():
    article = make_article(summary="Yes.", language="en")
    add_legal_reference(article, make_legal_reference())
    make_article(language="zh-hans", translation_of=article)

    assert publish_warnings(article) == []


def test_the_publish_action_warns_too(client):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(make_staff("Publisher"))

    response = client.post(
        reverse("admin:faq_article_changelist"), {"action": "publish", "_selected_action": [article.pk]}, follow=True
    )

    assert "has no legal basis" in response.content.decode()


def test_the_import_command_warns_of_what_a_published_article_lacks(tmp_path):
    (tmp_path / "a.txt").write_text("Site - Pensions - Refunds\nCan I get a refund?\nAn answer.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Site - Pensions - Drafts\nA draft?\nAn answer.", encoding="utf-8")
    published, draft = io.StringIO(), io.StringIO()

    call_command("import_articles", str(tmp_path / "a.txt"), "--status", "published", stdout=io.StringIO(),
                 stderr=published)
    call_command("import_articles", str(tmp_path / "b.txt"), stdout=io.StringIO(), stderr=draft)

    assert Article.objects.get(title="Refunds").status == Article.Status.PUBLISHED
    warnings = published.getvalue().splitlines()
    assert any(line.startswith("a.txt: warning: “Refunds” is published.") for line in warnings)
    assert any("has no legal basis" in line for line in warnings)
    assert any("“In short”" in line for line in warnings)
    assert any("translation into Simplified Chinese" in line for line in warnings)
    assert draft.getvalue() == ""
