"""Editors draft and submit for review; publishers also publish and archive. Through admin, as they use it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from faq.models import Article
from tests.admin_forms import admin_form_data
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:faq_article_changelist")


def change_url(article):
    return reverse("admin:faq_article_change", args=[article.pk])


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff("Editor"))
    return client


@pytest.fixture
def publisher_client(client):
    client.force_login(make_staff("Publisher"))
    return client


def test_groups_are_created_with_their_permissions():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))

    assert {"add_article", "change_article", "view_article"} <= editor
    assert "publish_article" not in editor
    assert "delete_article" not in editor | publisher
    assert editor < publisher
    assert "publish_article" in publisher


@pytest.mark.parametrize("group", ["Editor", "Publisher"])
def test_both_groups_manage_checker_links_and_add_but_never_delete_dated_parameters(group):
    granted = set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))

    assert {"add_articlechecker", "change_articlechecker", "delete_articlechecker"} <= granted
    parameters = {"add_regionalperiod", "change_regionalperiod", "add_requiredyearsrule", "change_requiredyearsrule"}
    assert parameters <= granted
    assert not {"delete_regionalperiod", "delete_requiredyearsrule"} & granted


def test_editor_form_offers_only_draft_and_review_and_no_publishing_window(editor_client):
    article = make_article(status=Article.Status.DRAFT)

    form = editor_client.get(change_url(article)).context["adminform"].form

    assert [value for value, _ in form.fields["status"].choices] == ["draft", "in_review"]
    assert "publish_at" not in form.fields and "expire_at" not in form.fields


def test_editor_submits_a_draft_for_review_through_the_form(editor_client):
    article = make_article(status=Article.Status.DRAFT)

    response = editor_client.post(
        change_url(article), admin_form_data(editor_client, change_url(article), status="in_review")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


@pytest.mark.parametrize("status", ["published", "archived"])
def test_editor_crafted_post_to_publish_or_archive_is_refused_and_saves_nothing(editor_client, status):
    article = make_article(status=Article.Status.IN_REVIEW, question="Old question?")
    data = admin_form_data(editor_client, change_url(article), status=status, question="New question?")

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "only publishers publish and archive" in str(response.context["adminform"].form.errors["status"])
    article.refresh_from_db()
    assert (article.status, article.question) == (Article.Status.IN_REVIEW, "Old question?")


def test_editor_crafted_post_cannot_move_the_publishing_window(editor_client):
    article = make_article(expire_at="2000-01-01T00:00:00Z")
    data = admin_form_data(editor_client, change_url(article), expire_at_0="2999-01-01", expire_at_1="00:00:00")

    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.expire_at.year == 2000


def test_editor_correction_to_a_published_article_waits_and_the_article_stays_published(editor_client):
    article = make_article(status=Article.Status.PUBLISHED, question="Typo?")

    response = editor_client.post(
        change_url(article), admin_form_data(editor_client, change_url(article), question="Typo fixed?")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.question) == (Article.Status.PUBLISHED, "Typo?")
    assert article.corrections.get().data["fields"]["question"] == "Typo fixed?"


def test_editor_adding_an_article_cannot_publish_it(editor_client):
    url = reverse("admin:faq_article_add")
    category = make_article().category
    data = admin_form_data(
        editor_client, url, title="New", slug="new", category=category.pk, question="Q?", body="A.", status="published"
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert not Article.objects.filter(title="New").exists()


def test_editor_sees_no_publish_or_archive_action(editor_client):
    response = editor_client.get(CHANGELIST)

    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "submit_for_review" in actions
    assert "publish" not in actions and "archive" not in actions


@pytest.mark.parametrize("action", ["publish", "archive"])
def test_editor_crafted_publish_or_archive_action_changes_nothing(editor_client, action):
    article = make_article(status=Article.Status.IN_REVIEW)

    editor_client.post(CHANGELIST, {"action": action, "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_editor_submits_drafts_for_review_with_the_list_action(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    published = make_article(status=Article.Status.PUBLISHED)

    response = editor_client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [draft.pk, published.pk]}, follow=True
    )

    assert "1 article submitted for review." in response.content.decode()
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Article.Status.IN_REVIEW, Article.Status.PUBLISHED)


def test_editor_cannot_delete_articles(editor_client):
    article = make_article()

    response = editor_client.post(reverse("admin:faq_article_delete", args=[article.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_publisher_publishes_through_the_form_with_a_window(publisher_client):
    article = make_article(status=Article.Status.IN_REVIEW)
    data = admin_form_data(
        publisher_client, change_url(article), status="published", publish_at_0="2026-03-01", publish_at_1="09:00:00"
    )

    assert publisher_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at.isoformat() == "2026-03-01T01:00:00+00:00"


def test_publisher_window_must_end_after_it_starts(publisher_client):
    article = make_article()
    data = admin_form_data(
        publisher_client,
        change_url(article),
        publish_at_0="2026-03-01",
        publish_at_1="09:00:00",
        expire_at_0="2026-02-01",
        expire_at_1="09:00:00",
    )

    response = publisher_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "expire_at" in response.context["adminform"].form.errors


def test_publisher_publishes_and_archives_with_list_actions(publisher_client):
    first = make_article(status=Article.Status.IN_REVIEW)
    second = make_article(status=Article.Status.DRAFT)

    response = publisher_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    assert "2 articles published." in response.content.decode()
    assert set(Article.objects.values_list("status", flat=True)) == {"published"}

    publisher_client.post(CHANGELIST, {"action": "archive", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == Article.Status.ARCHIVED


def test_superuser_may_set_any_status(admin_client):
    article = make_article(status=Article.Status.DRAFT)

    form = admin_client.get(change_url(article)).context["adminform"].form

    assert [value for value, _ in form.fields["status"].choices] == Article.Status.values


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.ARCHIVED])
@pytest.mark.parametrize("new_status", [Article.Status.DRAFT, Article.Status.IN_REVIEW])
def test_editor_cannot_take_a_published_or_archived_article_offline_or_back(editor_client, status, new_status):
    article = make_article(status=status, question="Original?")

    response = editor_client.post(
        change_url(article),
        admin_form_data(editor_client, change_url(article), status=new_status, question="Changed?"),
    )

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.status, article.question) == (status, "Original?")
