"""Translations that stay true: each change to an original says how much it matters, translations fall
behind accordingly, readers are told, and translators see what changed and mark them up to date."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from faq.corrections import correction_approve, correction_data, correction_submit
from faq.document_parser import DocumentError, parse_document
from faq.history import article_restore, article_versions
from faq.importers import article_import_document
from faq.models import Article, ArticleFeedback, Correction, RevisionSignificance, TranslationState
from faq.selectors import translation_progress, translations_behind
from faq.services import article_record_revision
from serving.content_version import read_version
from tests.admin_forms import admin_form_data
from tests.factories import make_article, make_category, make_staff

pytestmark = pytest.mark.django_db

DOCUMENT = """Help - Cards - Card
Can I take cash from the card?
No: the card pays for treatment only.
"""


def change_url(article):
    return reverse("admin:faq_article_change", args=[article.pk])


def changes_url(article):
    return reverse("admin:faq_article_translation_changes", args=[article.pk])


def refreshed(article):
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def publisher(client):
    user = make_staff("Publisher")
    client.force_login(user)
    return user


@pytest.fixture
def pair(translated):
    """The English original with its Chinese translation, both with a first version in the history."""
    original, chinese = translated
    for article in translated:
        article_record_revision(article=article, comment="First")
    chinese.original_version = original.version
    chinese.save(update_fields=["original_version"])
    return original, chinese


def save_original(client, original, significance=None, **changes):
    data = admin_form_data(client, change_url(original), **changes)
    if significance:
        data["significance"] = significance
    return client.post(change_url(original), data)


# 2. Each change to an original says how much it matters.

def test_saving_an_original_with_translations_asks_for_the_significance(client, publisher, pair):
    original, chinese = pair

    response = save_original(client, original, question="Cash, now?")

    assert response.status_code == 200
    assert "significance" in response.context["adminform"].form.errors
    assert refreshed(original).question == "Cash?"  # nothing saved, the typed text kept in the form
    assert 'value="Cash, now?"' in response.content.decode() or "Cash, now?" in response.content.decode()


def test_an_article_without_translations_is_not_asked(client, publisher):
    article = make_article()

    form = client.get(change_url(article)).context["adminform"].form

    assert "significance" not in form.fields


@pytest.mark.parametrize(
    ("significance", "state"),
    [("typo", "up_to_date"), ("content", "needs_update"), ("major", "out_of_date")],
)
def test_the_significance_sets_the_translations_state_and_is_kept_with_the_revision(
    client, publisher, pair, significance, state
):
    original, chinese = pair
    version_before = chinese.version

    response = save_original(client, original, significance, question="Cash, now?")

    assert response.status_code == 302
    chinese = refreshed(chinese)
    assert chinese.translation_state == state
    assert (chinese.behind_since is not None) == (state != "up_to_date")
    assert chinese.version == version_before  # a translator's open form stays valid
    latest = article_versions(original).first()
    assert latest.revision.significance.significance == significance
    assert latest.revision.get_comment() == "Changed Question."  # the significance is no field of the article
    history = client.get(reverse("admin:faq_article_history", args=[original.pk])).content.decode()
    assert f"significance for translations: {latest.revision.significance.get_significance_display()}" in history


def test_a_translation_keeps_the_worse_state_and_the_first_date_it_fell_behind(pair):
    original, chinese = pair
    article_record_revision(article=original, significance="major")
    fell_behind = refreshed(chinese).behind_since

    article_record_revision(article=original, significance="content")
    article_record_revision(article=original, significance="typo")

    chinese = refreshed(chinese)
    assert chinese.translation_state == TranslationState.OUT_OF_DATE
    assert chinese.behind_since == fell_behind


def test_linking_a_translation_starts_it_up_to_date_with_the_original_as_it_is(client, publisher):
    original = make_article(title="Card")
    chinese = make_article(title="医保卡", language="zh-hans")

    client.post(change_url(chinese), admin_form_data(client, change_url(chinese), translation_of=str(original.pk)))

    chinese = refreshed(chinese)
    assert chinese.translation_of == original
    assert chinese.original_version == original.version
    assert chinese.translation_state == TranslationState.UP_TO_DATE


# 3. Readers of a translation that is behind are told.

@pytest.mark.parametrize(
    ("significance", "wording", "may_be_wrong"),
    [("content", "英语原文内容于", False), ("major", "英语原文于", True)],
)
def test_readers_of_a_translation_behind_are_told_above_the_answer(client, pair, significance, wording, may_be_wrong):
    original, chinese = pair
    client.get(chinese.get_absolute_url())  # kept for readers

    article_record_revision(article=original, significance=significance)
    html = client.get(chinese.get_absolute_url()).content.decode()

    notice = html[html.index('class="alert'):html.index('class="article-body"')]
    assert "translation-behind" in notice and wording in notice
    assert f'href="{original.get_absolute_url()}" lang="en"' in notice
    assert ("可能已不正确" in notice) == may_be_wrong
    assert html.index("translation-behind") < html.index('class="article-body"')


def test_no_notice_on_a_translation_up_to_date_or_on_the_original(client, pair):
    original, chinese = pair
    article_record_revision(article=original, significance="typo")

    assert "translation-behind" not in client.get(chinese.get_absolute_url()).content.decode()
    assert "translation-behind" not in client.get(original.get_absolute_url()).content.decode()


def test_falling_behind_and_marking_up_to_date_change_the_content_version(client, publisher, pair):
    original, chinese = pair
    before = read_version()
    article_record_revision(article=original, significance="major")
    behind = read_version()

    client.post(changes_url(chinese))

    assert before != behind != read_version()


# 4. Translators see what changed, and mark the translation up to date.

def test_the_translation_page_shows_the_originals_changes_since_it_was_brought_up_to_date(client, publisher, pair):
    original, chinese = pair
    save_original(client, original, "major", body="Never: cash is not allowed.")

    change_page = client.get(change_url(chinese)).content.decode()
    response = client.get(changes_url(chinese))

    assert changes_url(chinese) in change_page and 'id="translation-behind"' in change_page
    html = response.content.decode()
    assert "<del>" in html and "<ins>Never:" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_mark_up_to_date_removes_the_notice_and_is_kept_in_the_history(client, publisher, pair):
    original, chinese = pair
    save_original(client, original, "major", body="Never: cash is not allowed.")

    response = client.post(changes_url(chinese))

    assert response.status_code == 302
    chinese = refreshed(chinese)
    assert chinese.translation_state == TranslationState.UP_TO_DATE and chinese.behind_since is None
    assert chinese.original_version == refreshed(original).version
    assert "Marked up to date" in article_versions(chinese).first().revision.get_comment()
    assert "translation-behind" not in client.get(chinese.get_absolute_url()).content.decode()
    assert "<ins>" not in client.get(changes_url(chinese)).content.decode()


def test_marking_up_to_date_needs_the_right_to_change_and_a_csrf_token(client, django_user_model, pair):
    original, chinese = pair
    article_record_revision(article=original, significance="major")
    reader = django_user_model.objects.create_user("viewer", password="password", is_staff=True)
    reader.user_permissions.add(*Permission.objects.filter(codename="view_article"))
    client.force_login(reader)
    assert client.get(changes_url(chinese)).status_code == 200
    assert client.post(changes_url(chinese)).status_code == 403

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_staff("Editor"))
    assert strict.post(changes_url(chinese)).status_code == 403
    assert refreshed(chinese).translation_state == TranslationState.OUT_OF_DATE


def test_an_original_has_no_translation_page(client, publisher, pair):
    original, _chinese = pair

    assert client.get(changes_url(original)).status_code == 404


# 5. The translations dashboard.

def test_the_dashboard_counts_each_language_and_lists_the_translations_behind_most_read_first(client, publisher):
    chinese_category = make_category(language="zh-hans")
    originals = [make_article(title=f"Original {n}") for n in range(4)]
    quiet = make_article(title="安静", language="zh-hans", category=chinese_category, translation_of=originals[0])
    read = make_article(title="常读", language="zh-hans", category=chinese_category, translation_of=originals[1])
    make_article(title="最新", language="zh-hans", category=chinese_category, translation_of=originals[2])
    ArticleFeedback.objects.create(article=originals[1], voter_key="a", helpful=True)
    ArticleFeedback.objects.create(article=read, voter_key="b", helpful=False)
    article_record_revision(article=originals[0], significance="major")
    article_record_revision(article=originals[1], significance="content")

    progress = {row.language: row for row in translation_progress()}
    chinese = progress["zh-hans"]
    assert (chinese.originals, chinese.translated, chinese.up_to_date, chinese.needs_update, chinese.out_of_date,
            chinese.missing) == (4, 3, 1, 1, 1, 1)
    assert (chinese.categories, chinese.categories_translated) == (4, 0)
    assert progress["en"].originals == 0  # every Chinese article is a translation
    behind = list(translations_behind())
    assert behind == [read, quiet]
    assert behind[0].reads == 2

    html = client.get(reverse("admin:faq_article_translations")).content.decode()
    assert html.index("常读") < html.index("安静")
    assert reverse("admin:faq_article_translations") in client.get(reverse("admin:index")).content.decode()


def test_the_dashboard_reads_a_fixed_number_of_queries_however_many_articles(
    client, publisher, django_assert_num_queries
):
    def fall_behind(count):
        for _ in range(count):
            original = make_article()
            make_article(language="zh-hans", translation_of=original)
            article_record_revision(article=original, significance="major")

    url = reverse("admin:faq_article_translations")
    fall_behind(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    fall_behind(10)

    with django_assert_num_queries(len(one)):
        assert client.get(url).content.decode().count('<th scope="row"><a href=') == 11


def test_the_article_list_shows_and_filters_the_translation_state(client, publisher, pair):
    original, chinese = pair
    article_record_revision(article=original, significance="major")
    changelist = reverse("admin:faq_article_changelist")

    html = client.get(changelist).content.decode()
    out_of_date = client.get(changelist, {"translation": "out_of_date"}).context["cl"].result_list
    untranslated = client.get(changelist, {"translation": "untranslated"}).context["cl"].result_list

    assert "Out of date" in html and "Original" in html
    assert list(out_of_date) == [chinese]
    assert original not in untranslated


# 6. The importer, corrections and restores.

def test_an_imported_change_to_an_original_is_content_unless_the_document_says(pair):
    original, chinese = pair

    article_import_document(text=DOCUMENT)
    assert refreshed(chinese).translation_state == TranslationState.NEEDS_UPDATE

    article_import_document(text="Significance: major\n" + DOCUMENT.replace("only", "alone"))
    assert refreshed(chinese).translation_state == TranslationState.OUT_OF_DATE
    assert article_versions(original).first().revision.significance.significance == "major"


def test_a_document_marked_as_a_typo_leaves_the_translations_up_to_date(pair):
    _original, chinese = pair

    article_import_document(text="改动程度：错字\n" + DOCUMENT)

    assert refreshed(chinese).translation_state == TranslationState.UP_TO_DATE


def test_an_unchanged_import_or_a_dry_run_leaves_the_translations_alone(pair):
    _original, chinese = pair
    article_import_document(text="Significance: typo\n" + DOCUMENT)

    article_import_document(text=DOCUMENT)
    article_import_document(text="Significance: major\n" + DOCUMENT.replace("only", "alone"), dry_run=True)

    assert refreshed(chinese).translation_state == TranslationState.UP_TO_DATE


def test_a_significance_the_importer_does_not_know_is_refused_with_the_reason():
    with pytest.raises(DocumentError, match="typo, content or major"):
        parse_document("Significance: huge\n" + DOCUMENT)
    assert parse_document("Significance: Major\n" + DOCUMENT).significance == "major"
    assert parse_document(DOCUMENT).significance == ""


def test_an_approved_correction_carries_its_significance(pair):
    original, chinese = pair
    editor, publisher = make_staff("Editor"), make_staff("Publisher")
    original.question = "Cash now?"
    correction = correction_submit(
        article=refreshed(original), data=correction_data(article=original, rows={}), base_version=original.version,
        user=editor, significance="major",
    )
    assert refreshed(chinese).translation_state == TranslationState.UP_TO_DATE  # waiting: readers see no change

    correction_approve(correction=correction, user=publisher)

    assert refreshed(chinese).translation_state == TranslationState.OUT_OF_DATE
    latest = article_versions(original).first().revision
    assert RevisionSignificance.objects.get(revision=latest).significance == "major"


def test_an_editor_is_asked_the_significance_of_a_correction_and_the_publisher_may_change_it(client, pair):
    original, chinese = pair
    client.force_login(make_staff("Editor"))
    save_original(client, original, "typo", question="Cash now?")
    correction = Correction.objects.get()
    assert correction.significance == "typo"

    client.force_login(make_staff("Publisher"))
    review = reverse("admin:faq_correction_change", args=[correction.pk])
    assert client.get(review).context["form"]["significance"].value() == "typo"
    client.post(review, {"_approve": "1", "significance": "content"})

    assert refreshed(chinese).translation_state == TranslationState.NEEDS_UPDATE


def test_restoring_an_older_version_of_an_original_counts_as_content(pair):
    original, chinese = pair
    original.body = "Changed."
    original.save()
    article_record_revision(article=original, significance="typo")

    article_restore(article=original, version=article_versions(original).last(), user=make_staff("Publisher"))

    assert refreshed(chinese).translation_state == TranslationState.NEEDS_UPDATE


def test_restoring_a_translation_keeps_its_state(pair):
    original, chinese = pair
    article_record_revision(article=original, significance="major")
    chinese = refreshed(chinese)
    chinese.body = "新的"
    chinese.save()

    article_restore(article=chinese, version=article_versions(chinese).last(), user=make_staff("Publisher"))

    assert refreshed(chinese).translation_state == TranslationState.OUT_OF_DATE
    assert refreshed(chinese).behind_since < timezone.now() + timedelta(seconds=1)
