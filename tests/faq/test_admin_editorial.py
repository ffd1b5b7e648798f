"""Admin for editors' daily work: the article list, review dates, reader feedback, import and export."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from faq.importers import article_import_document
from faq.models import Article, ArticleFeedback
from tests.admin_forms import admin_form_data
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:faq_article_changelist")
IMPORT = reverse("admin:faq_article_import")


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff("Editor"))
    return client


def _vote(article, helpful, key, reason=""):
    ArticleFeedback.objects.create(article=article, voter_key=key, helpful=helpful, reason=reason)


def test_list_shows_status_category_last_reviewed_and_helpful_percent(editor_client):
    article = make_article(title="Voted on", reviewed_on=date(2026, 1, 15))
    for index, helpful in enumerate([True, True, True, False]):
        _vote(article, helpful, f"reader-{index}")
    make_article(title="No votes")

    response = editor_client.get(CHANGELIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "75% of 4" in html
    assert "Jan. 15, 2026" in html
    for column in ("column-reader_status", "column-category", "column-reviewed_on", "column-helpful"):
        assert column in html


def test_list_queries_do_not_grow_with_articles_or_votes(editor_client):
    make_article()
    editor_client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(CHANGELIST)
    for number in range(5):
        article = make_article()
        _vote(article, True, f"reader-{number}")
    with CaptureQueriesContext(connection) as many:
        editor_client.get(CHANGELIST)

    assert len(many) == len(few)


def test_overdue_filter_lists_articles_due_for_review(editor_client):
    today = timezone.localdate()
    make_article(title="Overdue", reviewed_on=today - timedelta(days=31), review_every_days=30)
    make_article(title="Never reviewed")
    make_article(title="Fresh", reviewed_on=today, review_every_days=30)

    response = editor_client.get(CHANGELIST, {"review": "overdue"})

    assert sorted(a.title for a in response.context["cl"].result_list) == ["Never reviewed", "Overdue"]


def test_mark_reviewed_action_sets_today_and_the_next_due_date(editor_client):
    article = make_article(review_every_days=90, status=Article.Status.DRAFT)

    editor_client.post(CHANGELIST, {"action": "mark_reviewed", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.reviewed_on == timezone.localdate()
    assert article.review_due_on == timezone.localdate() + timedelta(days=90)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"reviewed_on": "9999-12-31"}, "reviewed_on"),
        ({"reviewed_on": (date.today() + timedelta(days=2)).isoformat()}, "reviewed_on"),
        ({"review_every_days": "99999999"}, "review_every_days"),
        ({"review_every_days": "0"}, "review_every_days"),
    ],
)
def test_review_dates_out_of_range_are_form_errors_and_save_nothing(editor_client, changes, field):
    article = make_article(reviewed_on=date(2026, 2, 3), review_every_days=90)
    url = reverse("admin:faq_article_change", args=[article.pk])

    response = editor_client.post(url, admin_form_data(editor_client, url, **changes))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [field]
    article.refresh_from_db()
    assert (article.reviewed_on, article.review_every_days) == (date(2026, 2, 3), 90)


def test_public_page_shows_last_reviewed_on(client):
    article = make_article(reviewed_on=date(2026, 2, 3))

    assert "Last reviewed on Feb. 3, 2026" in client.get(article.get_absolute_url()).content.decode()


def test_feedback_admin_shows_votes_and_reasons_read_only(editor_client):
    article = make_article(title="Voted on")
    _vote(article, False, "reader-1", reason=ArticleFeedback.Reason.OUTDATED)

    response = editor_client.get(reverse("admin:faq_articlefeedback_changelist"), {"helpful__exact": "0"})

    assert response.status_code == 200
    assert "It seems out of date" in response.content.decode()
    assert editor_client.get(reverse("admin:faq_articlefeedback_add")).status_code == 403


def _upload(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def test_import_dry_run_shows_what_would_happen_and_saves_nothing(editor_client, seed_path):
    seed = seed_path.read_text(encoding="utf-8")
    response = editor_client.post(
        IMPORT,
        {
            "files": [_upload("seed.txt", seed), _upload("broken.txt", "only one line"), _upload("bad.txt", "")],
            "dry_run": "on",
        },
    )

    html = response.content.decode()
    assert "Dry run: nothing was saved" in html
    assert "would be created" in html
    errors = {report.name: report.error for report in response.context["reports"]}
    assert errors == {
        "seed.txt": "",
        "broken.txt": 'line 1 must be the breadcrumb "Site - Category - Title"',
        "bad.txt": "the file is empty",
    }
    assert "the file is empty" in html
    assert not Article.objects.exists()


def test_import_reports_files_that_are_not_documents_and_still_saves_the_others(editor_client, seed_path):
    files = [
        SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"),
        SimpleUploadedFile("nul.txt", b"Site - Category - Title\nQuestion?\nAn\x00swer.\n"),
        SimpleUploadedFile("huge.txt", b"Site - Category - Title\nQuestion?\n" + b"word " * 300_000),
        _upload("seed.txt", seed_path.read_text(encoding="utf-8")),
    ]

    response = editor_client.post(IMPORT, {"files": files})

    assert response.status_code == 200
    errors = {report.name: report.error for report in response.context["reports"]}
    assert errors == {
        "photo.png": "not UTF-8 text (byte 0x89 at offset 0)",
        "nul.txt": "the file holds NUL characters, so it is not a text document",
        "huge.txt": "the file is larger than 1,000,000 bytes, too large for an article",
        "seed.txt": "",
    }
    assert list(Article.objects.values_list("title", flat=True)) == ["Can I pay the medical insurance again?"]


def test_import_in_chinese_admin_gives_reasons_and_results_in_chinese(editor_client, seed_path):
    with translation.override("zh-hans"):
        url = reverse("admin:faq_article_import")
    files = [
        _upload("seed.txt", seed_path.read_text(encoding="utf-8")),
        _upload("broken.txt", "only one line"),
        _upload("twice.txt", "S - C - T\nQ?\nA.\nLegal basis:\nSome law\nArticle 1\nText.\nArticle 1\nMore."),
        SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n"),
    ]

    response = editor_client.post(url, {"files": files, "dry_run": "on"})

    html = response.content.decode()
    errors = {report.name: report.error for report in response.context["reports"]}
    assert errors == {
        "seed.txt": "",
        "broken.txt": "第 1 行必须是导航路径“网站 - 分类 - 标题”",
        "twice.txt": "法律依据把《Some law》的“Article 1”列了两次",
        "photo.png": "不是 UTF-8 文本（位置 0 处的字节为 0x89）",
    }
    assert "第 1 行必须是导航路径“网站 - 分类 - 标题”" in html
    assert "将会新建" in html and "would be" not in html


def test_import_saves_each_file_and_reports_changes(editor_client, seed_path):
    seed = seed_path.read_text(encoding="utf-8")
    editor_client.post(IMPORT, {"files": [_upload("seed.txt", seed)]})
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT

    response = editor_client.post(
        IMPORT, {"files": [_upload("seed.txt", seed.replace("Cash withdrawal", "Taking cash")), _upload("x.txt", "x")]}
    )

    reports = response.context["reports"]
    assert [(r.outcome, [c.label for c in r.changes]) for r in reports[:1]] == [("updated", ["body"])]
    assert reports[1].error
    article.refresh_from_db()
    assert "Taking cash" in article.body


def test_editor_is_not_offered_a_status_and_a_crafted_one_is_ignored(editor_client, seed_path):
    assert "status" not in editor_client.get(IMPORT).context["form"].fields

    response = editor_client.post(
        IMPORT, {"files": [_upload("seed.txt", seed_path.read_text(encoding="utf-8"))], "status": "published"}
    )

    assert response.status_code == 200
    assert Article.objects.get().status == Article.Status.DRAFT


def test_publisher_is_offered_every_status(client):
    client.force_login(make_staff("Publisher"))

    choices = client.get(IMPORT).context["form"].fields["status"].choices

    assert [value for value, _label in choices][1:] == list(Article.Status.values)


def test_editor_import_of_a_change_to_a_published_article_is_sent_for_review(editor_client, seed_path):
    seed = seed_path.read_text(encoding="utf-8")
    article = article_import_document(text=seed, status="published").article

    response = editor_client.post(IMPORT, {"files": [_upload("seed.txt", seed.replace("Cash withdrawal", "Cash"))]})

    assert response.context["reports"][0].outcome_label == "sent for review as a correction"
    article.refresh_from_db()
    assert "Cash withdrawal" in article.body
    assert "Cash withdrawal" not in article.corrections.get().data["fields"]["body"]


def test_export_downloads_the_document_and_importing_it_changes_nothing(editor_client, seed_path):
    seed = seed_path.read_text(encoding="utf-8")
    editor_client.post(IMPORT, {"files": [_upload("seed.txt", seed)]})
    article = Article.objects.get()

    response = editor_client.get(reverse("admin:faq_article_export", args=[article.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="article-{article.pk}.txt"'
    assert response.content.decode() == seed
    again = editor_client.post(IMPORT, {"files": [_upload("again.txt", response.content.decode())]})
    assert again.context["reports"][0].outcome == "unchanged"


def test_export_of_markdown_the_format_cannot_keep_explains_why(editor_client):
    article = make_article(body="Some **bold** words.")

    response = editor_client.get(reverse("admin:faq_article_export", args=[article.pk]), follow=True)

    assert "This article cannot be exported" in response.content.decode()


def test_export_refused_in_chinese_admin_says_why_in_chinese(editor_client):
    article = make_article(body="Some **bold** words.")
    with translation.override("zh-hans"):
        url = reverse("admin:faq_article_export", args=[article.pk])

    response = editor_client.get(url, follow=True)

    assert "这篇文章无法导出：正文用了文档格式无法保留的 Markdown 格式（段落：" in response.content.decode()


def test_editor_cannot_unpublish_by_importing_with_a_status(editor_client, seed_path):
    article = article_import_document(text=seed_path.read_text(encoding="utf-8"), status="published").article

    response = editor_client.post(
        IMPORT, {"files": [_upload("seed.txt", seed_path.read_text(encoding="utf-8"))], "status": "draft"}
    )

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
