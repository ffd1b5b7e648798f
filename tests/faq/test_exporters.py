"""Export an article to the document format: the seed comes back byte for byte, and re-importing changes nothing."""

import pytest

from faq.exporters import ExportError, article_export
from faq.importers import ImportOutcome, article_import_document
from tests.conftest import REPO
from tests.factories import make_article

pytestmark = pytest.mark.django_db

DEMO = sorted((REPO / "faq" / "demo").glob("*.txt"))
CHINESE = REPO / "tests" / "faq" / "documents" / "chinese_markers.txt"


@pytest.mark.parametrize("path", DEMO, ids=[path.name for path in DEMO])
def test_exporting_an_imported_document_gives_back_the_document(path):
    text = path.read_text(encoding="utf-8")
    article = article_import_document(text=text).article

    assert article_export(article) == text.rstrip("\n")


@pytest.mark.parametrize("path", [*DEMO, CHINESE], ids=[*(path.name for path in DEMO), CHINESE.name])
def test_importing_an_export_changes_nothing(path):
    article = article_import_document(text=path.read_text(encoding="utf-8")).article

    result = article_import_document(text=article_export(article))

    assert result.outcome == ImportOutcome.UNCHANGED
    assert result.article.pk == article.pk


def test_chinese_document_exports_with_the_same_meaning():
    # Byte equality is not possible here: the importer reads "1、" and "第二十七条　text" on one line
    # as a numbered point and an article heading, and the export writes the canonical "1. " and
    # a heading on its own line, which read back the same.
    article = article_import_document(text=CHINESE.read_text(encoding="utf-8")).article

    exported = article_export(article).splitlines()

    assert exported[0] == "求职招聘网 - 社保查询 - 医保断缴后还能补缴吗？"
    assert "1. 补缴期限。" in exported
    assert exported[exported.index("第二十七条") + 1].startswith("参加职工基本医疗保险的个人")


def test_article_written_in_admin_exports_under_the_default_site_name():
    article = make_article(title="Written here", question="Q?", body="One line.\n\nAnother line.")

    assert article_export(article).splitlines() == [
        f"Job Recruitment Website - {article.category.name} - Written here",
        "Q?",
        "One line.",
        "Another line.",
    ]


@pytest.mark.parametrize("body", ["Some **bold** words.", "# A heading", "A paragraph\nwrapped on two lines."])
def test_markdown_the_format_cannot_keep_is_refused_with_a_reason(body):
    with pytest.raises(ExportError) as error:
        article_export(make_article(body=body))

    assert "cannot keep" in error.value.reason


def test_dry_run_reports_what_would_change_and_saves_nothing(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    article = article_import_document(text=text).article

    result = article_import_document(text=text.replace("Cash withdrawal is prohibited.", "No cash."), dry_run=True)

    assert (result.outcome, [change.label for change in result.changes]) == (ImportOutcome.UPDATED, ["body"])
    article.refresh_from_db()
    assert "Cash withdrawal is prohibited." in article.body
    created = article_import_document(text=text.replace("Can I pay the medical", "Brand new", 1), dry_run=True)
    assert created.outcome == ImportOutcome.CREATED
    assert not type(article).objects.filter(title__startswith="Brand new").exists()


def test_in_short_headings_and_legal_headings_come_back_as_written():
    text = "\n".join([
        "Job Recruitment Website - Cards - Can I lend my card?",
        "Can I lend my card?",
        "In short: No.",
        "## Why not",
        "It is against the rules.",
        "Legal basis:",
        "## Lending the card",
        "Fund Regulation",
        "Article 19",
        "No lending.",
        "## Penalties",
        "Fund Regulation",
        "Article 41",
        "Fines.",
    ])
    article = article_import_document(text=text).article

    assert article_export(article) == text
    assert article_import_document(text=article_export(article)).outcome == ImportOutcome.UNCHANGED


def test_a_chinese_in_short_exports_with_the_chinese_marker():
    article = make_article(language="zh-hans", question="可以吗？", summary="不可以。", body="原因。")

    assert article_export(article).splitlines()[2] == "简而言之：不可以。"


def test_a_paragraph_that_would_read_back_as_a_heading_is_refused():
    with pytest.raises(ExportError):
        article_export(make_article(body="\\#\\# Not a heading"))
