"""Revisions of articles with their legal basis and related links: saved, compared and restored in admin."""

import pytest
from django.urls import reverse

from faq.history import article_versions
from faq.importers import article_import_document
from faq.models import Article, ArticleChecker
from faq.services import article_record_revision
from policy.choices import CheckerSlug
from tests.admin_forms import admin_form_data
from tests.factories import add_legal_reference, add_related, make_article, make_legal_reference, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_staff("Editor")
    client.force_login(user)
    return user


def change_url(article):
    return reverse("admin:faq_article_change", args=[article.pk])


def save_in_admin(client, article, **changes):
    response = client.post(change_url(article), admin_form_data(client, change_url(article), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()


@pytest.fixture
def article():
    article = make_article(title="Old title", body="Old body.", status=Article.Status.DRAFT)
    add_legal_reference(article, make_legal_reference(law_name="Social Insurance Law", article_number="Article 27"))
    add_related(article, "Another answer")
    article_record_revision(article=article, comment="First")
    return article


def test_admin_save_records_a_revision_with_links_user_and_what_changed(client, editor, article):
    save_in_admin(client, article, title="New title")

    latest = article_versions(article).first()
    assert latest.revision.user == editor
    assert latest.revision.get_comment() == "Changed Title."
    models = sorted(v.content_type.model for v in latest.revision.version_set.all())
    assert models == ["article", "articlelegalreference", "relatedarticle"]


def test_history_page_lists_versions_newest_first(client, editor, article):
    save_in_admin(client, article, title="New title")

    response = client.get(reverse("admin:faq_article_history", args=[article.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Changed Title.") < html.index("First")
    assert "Restore this version" in html


def test_compare_shows_what_changed_field_by_field(client, editor, article):
    first = article_versions(article).first()
    data = admin_form_data(client, change_url(article), title="New title", **{"related_links-0-DELETE": "on"})
    client.post(change_url(article), data)
    second = article_versions(article).first()

    response = client.get(
        reverse("admin:faq_article_compare", args=[article.pk]), {"from": first.pk, "to": second.pk}
    )

    changes = {change.label: (change.old, change.new) for change in response.context["changes"]}
    assert changes == {"title": ("Old title", "New title"), "Related articles": ("Another answer", "")}
    assert "<del>Old</del><ins>New</ins> title" in response.content.decode()


def test_compare_with_the_article_as_it_is_now(client, editor, article):
    Article.objects.filter(pk=article.pk).update(question="Changed outside admin?")
    first = article_versions(article).first()

    response = client.get(reverse("admin:faq_article_compare", args=[article.pk]), {"from": first.pk})

    assert [change.label for change in response.context["changes"]] == ["question"]


@pytest.mark.parametrize("query", [{"from": 999999}, {"from": "abc"}, {"from": "²"}, {}, {"from": "1", "to": "x"}])
def test_compare_of_an_unknown_or_mistyped_version_is_404(client, editor, article, query):
    response = client.get(reverse("admin:faq_article_compare", args=[article.pk]), query)

    assert response.status_code == 404


def test_restore_brings_back_text_and_links_and_keeps_the_current_text_as_a_revision(client, editor, article):
    first = article_versions(article).first()
    data = admin_form_data(
        client,
        change_url(article),
        title="New title",
        **{
            "related_links-0-DELETE": "on",
            "related_links-TOTAL_FORMS": "2",
            "related_links-1-title": "Added later",
            "related_links-1-order": "1",
        },
    )
    client.post(change_url(article), data)
    url = reverse("admin:faq_article_restore", args=[article.pk, first.pk])

    confirm = client.get(url)
    assert {change.label for change in confirm.context["changes"]} == {"title", "Related articles"}
    response = client.post(url)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Old title"
    assert list(article.related_links.values_list("title", flat=True)) == ["Another answer"]
    assert article.legal_reference_links.count() == 1
    # The replaced text was already the latest revision, so restoring adds only its own.
    comments = [version.revision.get_comment() for version in article_versions(article)]
    assert len(comments) == 3
    assert comments[0].startswith("Restored the version of")
    assert comments[1].startswith("Changed Title")
    assert article_versions(article)[1].field_dict["title"] == "New title"


def test_restore_records_text_changed_outside_admin_before_replacing_it(client, editor, article):
    first = article_versions(article).first()
    Article.objects.filter(pk=article.pk).update(body="Edited in the shell.")

    client.post(reverse("admin:faq_article_restore", args=[article.pk, first.pk]))

    versions = list(article_versions(article))
    assert [v.revision.get_comment() for v in versions][1] == "Saved before restoring an older version"
    assert versions[1].field_dict["body"] == "Edited in the shell."
    article.refresh_from_db()
    assert article.body == "Old body."


def test_restore_keeps_the_current_status_so_an_editor_cannot_publish_by_restoring(client, editor, article):
    published = article_versions(article).first()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT, title="Draft title")

    client.post(reverse("admin:faq_article_restore", args=[article.pk, published.pk]))

    article.refresh_from_db()
    assert (article.title, article.status) == ("Old title", Article.Status.DRAFT)


def test_status_actions_and_imports_record_revisions(admin_client, seed_path):
    result = article_import_document(text=seed_path.read_text(encoding="utf-8"))
    article = result.article
    assert article_versions(article).count() == 1

    article_import_document(text=seed_path.read_text(encoding="utf-8"))
    assert article_versions(article).count() == 1

    admin_client.post(
        reverse("admin:faq_article_changelist"), {"action": "publish", "_selected_action": [article.pk]}
    )
    assert [v.revision.get_comment() for v in article_versions(article)] == ["Published", "Imported (created)"]
    assert article_versions(article).first().revision.version_set.count() == 1 + 1 + 10


def test_restore_brings_back_the_checkers_the_article_offered(client, editor, article):
    ArticleChecker.objects.create(article=article, checker=CheckerSlug.REFUND)
    article_record_revision(article=article, comment="With the refund checker")
    with_refund = article_versions(article).first()
    article.checker_links.all().delete()
    ArticleChecker.objects.create(article=article, checker=CheckerSlug.PAY_AGAIN)
    article_record_revision(article=article, comment="Pay-again instead")
    url = reverse("admin:faq_article_restore", args=[article.pk, with_refund.pk])

    confirm = client.get(url)
    assert {change.label for change in confirm.context["changes"]} == {"Checkers offered"}
    client.post(url)

    assert list(article.checker_links.values_list("checker", flat=True)) == [CheckerSlug.REFUND]


@pytest.mark.parametrize("taken", ["title", "address"])
def test_restoring_a_title_or_address_another_article_took_since_is_refused_and_saves_nothing(
    client, editor, article, taken
):
    first = article_versions(article).first()
    save_in_admin(client, article, title="New title", slug="new-title")
    if taken == "title":
        make_article(title="Old title")
    else:
        make_article(category=article.category, slug=first.field_dict["slug"])
    url = reverse("admin:faq_article_restore", args=[article.pk, first.pk])

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "This version cannot be restored" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.slug) == ("New title", "new-title")
    assert article_versions(article).count() == 2


def test_restore_lets_links_to_rows_deleted_since_go(client, editor, article):
    target = make_article(title="Another answer")
    article.related_links.update(target=target)
    article_record_revision(article=article, comment="Linked")
    linked = article_versions(article).first()
    reference = article.legal_reference_links.get().legal_reference
    article.legal_reference_links.all().delete()
    reference.delete()
    target.delete()

    response = client.post(reverse("admin:faq_article_restore", args=[article.pk, linked.pk]))

    assert response.status_code == 302
    assert list(article.related_links.values_list("title", "target")) == [("Another answer", None)]
    assert not article.legal_reference_links.exists()
