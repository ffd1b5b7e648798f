"""Nothing lost silently in admin: stale forms, empty rows, existing laws, errors in admin's style."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone

from faq.history import article_versions, restore_changes
from faq.models import Article, ArticleLegalReference, LegalReference
from faq.services import article_record_revision
from tests.admin_forms import admin_form_data
from tests.factories import add_legal_reference, make_article, make_legal_reference, make_staff

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:faq_article_change", args=[article.pk])


@pytest.fixture
def draft():
    article = make_article(title="Card use", body="First text.", status=Article.Status.DRAFT)
    article_record_revision(article=article, comment="First")
    return article


def test_a_form_opened_before_someone_elses_save_is_refused_with_who_when_and_their_change(client, draft):
    first, second = make_staff("Editor", username="ann"), make_staff("Editor", username="bob")
    client.force_login(second)
    stale = admin_form_data(client, change_url(draft), body="Bob's text.")
    client.force_login(first)
    client.post(change_url(draft), admin_form_data(client, change_url(draft), body="Ann's text."))
    client.force_login(second)

    response = client.post(change_url(draft), stale)

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.body == "Ann's text."
    form = response.context["adminform"].form
    assert "ann saved this article at" in " ".join(form.non_field_errors())
    assert [(change.label, change.old, change.new) for change in form.conflict.changes] == [
        ("body", "First text.", "Ann's text.")
    ]
    html = response.content.decode()
    assert "Bob&#x27;s text." in html  # the editor's own input is still in the form
    # Saving the form shown again replaces Ann's text knowingly.
    assert form["version"].value() == draft.version
    resend = {**stale, "version": str(draft.version)}
    assert client.post(change_url(draft), resend).status_code == 302
    draft.refresh_from_db()
    assert draft.body == "Bob's text."


def test_every_save_counts_a_version(draft):
    version = draft.version
    draft.save()
    draft.save(update_fields=["body"])
    draft.refresh_from_db()
    assert draft.version == version + 2


def test_an_added_row_left_empty_blocks_the_save_with_a_message_at_the_row(client, draft):
    client.force_login(make_staff("Editor"))
    data = admin_form_data(
        client, change_url(draft), body="Changed.",
        **{"legal_reference_links-TOTAL_FORMS": "1", "legal_reference_links-0-order": "0",
           "legal_reference_links-0-legal_reference": ""},
    )

    response = client.post(change_url(draft), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert "This row is empty" in " ".join(formset.forms[0].non_field_errors())
    draft.refresh_from_db()
    assert draft.body == "First text."


def test_the_plus_popup_offers_the_existing_reference_and_picks_it(client):
    existing = make_legal_reference(law_name="Social Insurance Law of the PRC", article_number="Article 27")
    client.force_login(make_staff("Editor"))
    url = reverse("admin:faq_legalreference_add") + "?_to_field=id&_popup=1"

    response = client.post(url, {
        "law_name": "Social Insurance Law of the PRC", "article_number": "Article 27", "text": "Again.",
        "_popup": "1", "_to_field": "id",
    })

    assert response.status_code == 200
    assert response.context["existing_reference"] == existing
    use = response.context["use_existing_url"]
    assert "Use the existing reference" in response.content.decode()
    picked = client.get(use)
    assert picked.status_code == 200
    assert f'&quot;value&quot;: &quot;{existing.pk}&quot;' in picked.content.decode()
    assert LegalReference.objects.count() == 1


@pytest.mark.parametrize("typed", [
    "Social Insurance Law of the PRC, Article 27",
    "social insurance article 27",
    "社会保险法第二十七条",
    "社会保险法 第二十七条",
])
def test_autocomplete_finds_a_reference_by_law_and_article_number(client, typed):
    wanted = make_legal_reference(law_name="Social Insurance Law of the PRC", article_number="Article 27")
    make_legal_reference(law_name="Social Insurance Law of the PRC", article_number="Article 28")
    chinese = make_legal_reference(law_name="社会保险法", article_number="第二十七条")
    make_legal_reference(law_name="社会保险法", article_number="第二十八条")
    client.force_login(make_staff("Editor"))

    response = client.get(reverse("admin:autocomplete"), {
        "term": typed, "app_label": "faq", "model_name": "articlelegalreference", "field_name": "legal_reference",
    })

    found = [int(result["id"]) for result in response.json()["results"]]
    assert found == [(chinese if "社会" in typed else wanted).pk]


def test_overdue_filter_ignores_articles_never_published(client):
    long_ago = timezone.localdate() - timedelta(days=800)
    make_article(title="Live and overdue", reviewed_on=long_ago, status=Article.Status.PUBLISHED)
    make_article(title="Draft never published", reviewed_on=long_ago, status=Article.Status.DRAFT)
    make_article(title="Draft never reviewed", status=Article.Status.DRAFT)
    withdrawn = make_article(title="Published once, now a draft", reviewed_on=long_ago)
    withdrawn.status = Article.Status.DRAFT
    withdrawn.save()
    client.force_login(make_staff("Publisher"))

    response = client.get(reverse("admin:faq_article_changelist"), {"review": "overdue"})

    assert sorted(article.title for article in response.context["cl"].result_list) == [
        "Live and overdue", "Published once, now a draft",
    ]


def test_restore_lists_exactly_what_changes_and_never_the_kept_status(client):
    article = make_article(title="Old title", status=Article.Status.DRAFT)
    article_record_revision(article=article)
    article.title, article.status = "New title", Article.Status.PUBLISHED
    article.save()
    add_legal_reference(article, make_legal_reference())
    article_record_revision(article=article)
    old = article_versions(article).last()

    changes = restore_changes(article=article, version=old)

    assert {change.label for change in changes} == {"title", "Legal basis"}
    client.force_login(make_staff("Publisher"))
    page = client.get(reverse("admin:faq_article_restore", args=[article.pk, old.pk]))
    assert [change.label for change in page.context["changes"]] == [change.label for change in changes]
    client.post(reverse("admin:faq_article_restore", args=[article.pk, old.pk]))
    article.refresh_from_db()
    assert (article.title, article.status) == ("Old title", Article.Status.PUBLISHED)
    assert not ArticleLegalReference.objects.filter(article=article).exists()


def test_markdown_preview_renders_with_the_public_renderer_for_staff_only(client):
    url = reverse("faq:markdown_preview")
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>"

    assert client.post(url, {"text": text}).status_code == 302  # to the admin sign-in
    client.force_login(make_staff("Editor"))
    response = client.post(url, {"text": text})

    html = response.json()["html"]
    assert "<table>" in html and "<td>1</td>" in html
    assert "<script>" not in html
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"text": "x" * 100_001}).json()["errors"]["text"]
    assert client.get(url).status_code == 405


def _failing_view(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("admin/broken/", _failing_view), path("admin/", admin.site.urls)]
handler500 = "portal.views.server_error"


@pytest.mark.urls(__name__)
def test_an_error_inside_admin_is_in_admins_style(client):
    client.force_login(make_staff("Editor"))
    client.raise_request_exception = False

    response = client.get("/admin/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert 'id="site-name"' in html
    assert "What you sent may not have been saved" in html


@pytest.mark.parametrize("url", ["/admin/faq/article/999999/history/compare/?from=1", "/zh-hans/admin/faq/nothing/"])
def test_not_found_inside_admin_is_in_admins_style(client, url):
    client.force_login(make_staff("Editor"))

    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert 'id="site-name"' in html
    assert 'class="admin-error"' in html


def test_forbidden_inside_admin_is_in_admins_style(client):
    client.force_login(make_staff("Editor"))

    response = client.get(reverse("admin:faq_category_add"))

    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="site-name"' in html
    assert "You may not do this" in html
