"""Trust: the public note a publisher writes when publishing a correction, "What changed" on the article,
and the recently updated answers on the home page."""

from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from faq.corrections import correction_approve
from faq.models import Article, ArticleChange, Correction
from tests.admin_forms import admin_form_data
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_staff("Editor", username="erin")


@pytest.fixture
def publisher():
    return make_staff("Publisher", username="pat")


def submit_correction(client, editor, article, **changes):
    url = reverse("admin:faq_article_change", args=[article.pk])
    client.force_login(editor)
    assert client.post(url, admin_form_data(client, url, **changes)).status_code == 302
    client.logout()
    return Correction.objects.get(article=article, status=Correction.Status.PENDING)


def test_the_publisher_writes_the_public_note_when_approving_and_readers_see_it(client, editor, publisher):
    article = make_article(body="Old answer.")
    reader_page = client.get(article.get_absolute_url()).content.decode()  # kept for readers from here on
    correction = submit_correction(client, editor, article, body="New answer.")
    client.force_login(publisher)
    review = reverse("admin:faq_correction_change", args=[correction.pk])

    form = client.get(review).content.decode()
    response = client.post(review, {"_approve": "1", "change_note": "The 2025 waiting period is added.", "comment": ""})
    client.logout()

    assert 'name="change_note"' in form
    assert response.status_code == 302
    change = ArticleChange.objects.get()
    assert (change.article, change.note, change.written_by) == (article, "The 2025 waiting period is added.", publisher)
    assert "What changed" not in reader_page
    html = client.get(article.get_absolute_url()).content.decode()
    assert "New answer." in html
    what_changed = html.split('id="what-changed-heading"')[1]
    assert "The 2025 waiting period is added." in what_changed
    assert f'datetime="{change.changed_on:%Y-%m-%d}"' in what_changed


def test_approving_without_a_note_adds_none(editor, publisher, client):
    article = make_article(body="Old answer.")
    correction = submit_correction(client, editor, article, body="A typo fixed.")

    correction_approve(correction=correction, user=publisher, change_note="  ")

    assert not ArticleChange.objects.exists()
    assert "What changed" not in client.get(article.get_absolute_url()).content.decode()


def test_a_returned_correction_writes_no_note(client, editor, publisher):
    article = make_article()
    correction = submit_correction(client, editor, article, body="Changed.")
    client.force_login(publisher)

    client.post(
        reverse("admin:faq_correction_change", args=[correction.pk]),
        {"_return": "1", "change_note": "Should not appear.", "comment": "Please cite the notice."},
    )

    assert not ArticleChange.objects.exists()


def test_notes_are_listed_newest_first_and_a_new_note_shows_on_the_next_request(client):
    article = make_article()
    ArticleChange.objects.create(article=article, note="First change.", changed_on=date(2026, 3, 1))
    first = client.get(article.get_absolute_url()).content.decode()

    ArticleChange.objects.create(article=article, note="Second change.", changed_on=date(2026, 9, 1))
    html = client.get(article.get_absolute_url()).content.decode()

    assert "Second change." not in first
    assert html.index("Second change.") < html.index("First change.")


def test_the_chinese_page_dates_its_notes_in_chinese(client):
    article = make_article(language="zh-hans", title="退费", slug="tuifei")
    ArticleChange.objects.create(article=article, note="补充了2025年起的等待期。", changed_on=date(2026, 11, 26))

    html = client.get(article.get_absolute_url()).content.decode()

    assert "2026年11月26日" in html and "补充了2025年起的等待期。" in html


def test_home_lists_the_recently_updated_answers_of_its_language_with_their_latest_note(client):
    older = make_article(title="Older answer")
    newer = make_article(title="Newer answer")
    Article.objects.filter(pk=older.pk).update(updated_at="2026-01-01T00:00:00Z")
    ArticleChange.objects.create(article=newer, note="Old note.", changed_on=date(2026, 1, 1))
    ArticleChange.objects.create(article=newer, note="Latest note.", changed_on=date(2026, 11, 1))
    make_article(title="Chinese answer", language="zh-hans")
    make_article(title="Draft answer", status=Article.Status.DRAFT)

    html = client.get("/").content.decode()
    recent = html.split('id="recently-updated-heading"')[1].split("</section>")[0]

    assert recent.index("Newer answer") < recent.index("Older answer")
    assert "Latest note." in recent and "Old note." not in recent
    assert "Chinese answer" not in recent and "Draft answer" not in recent


def test_home_and_article_queries_do_not_grow_with_change_notes(client):
    article = make_article()

    def queries(url):
        caches["pages"].clear()  # rendered, not a kept page
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    few = (queries("/"), queries(article.get_absolute_url()))
    for number in range(5):
        ArticleChange.objects.create(article=make_article(), note=f"Note {number}.")
        ArticleChange.objects.create(article=article, note=f"Note {number}.")

    assert (queries("/"), queries(article.get_absolute_url())) == few


def test_publishers_correct_notes_in_admin_and_editors_only_read_them(client, editor, publisher):
    article = make_article()
    change = ArticleChange.objects.create(article=article, note="Typo in the note.", written_by=publisher)
    url = reverse("admin:faq_articlechange_change", args=[change.pk])

    client.force_login(editor)
    assert client.get(url).status_code == 200
    edit = {"article": article.pk, "note": "Editor's words.", "changed_on": "2026-11-30"}
    assert client.post(url, edit).status_code == 403
    client.force_login(publisher)
    response = client.post(url, admin_form_data(client, url, note="The note, corrected."))

    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.note, change.written_by) == ("The note, corrected.", publisher)
    assert "The note, corrected." in client.get(article.get_absolute_url()).content.decode()


def test_a_publishers_own_fix_may_carry_a_note_and_only_publishers_are_offered_one(client, editor, publisher):
    article = make_article(body="Old answer.")
    draft = make_article(status=Article.Status.DRAFT)
    url = reverse("admin:faq_article_change", args=[article.pk])

    client.force_login(editor)
    editor_form = client.get(url).content.decode()
    client.force_login(publisher)
    draft_form = client.get(reverse("admin:faq_article_change", args=[draft.pk])).content.decode()
    edit = admin_form_data(client, url, body="New answer.", change_note="The answer is rewritten.")
    response = client.post(url, edit)

    assert 'name="change_note"' not in editor_form and 'name="change_note"' not in draft_form
    assert response.status_code == 302
    change = ArticleChange.objects.get()
    assert (change.article, change.note, change.written_by) == (article, "The answer is rewritten.", publisher)


def test_a_publishers_fix_without_a_note_adds_none(client, publisher):
    article = make_article(body="Old answer.")
    url = reverse("admin:faq_article_change", args=[article.pk])
    client.force_login(publisher)

    client.post(url, admin_form_data(client, url, body="Typo fixed."))

    assert Article.objects.get(pk=article.pk).body == "Typo fixed."
    assert not ArticleChange.objects.exists()
