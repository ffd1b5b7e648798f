"""Saving article documents as articles (faq/importers.py): new articles, re-imports, shared legal
references, related links and slugs."""

from urllib.parse import unquote

import pytest
from django.urls import resolve
from django.utils import translation

from faq.document_parser import DocumentError
from faq.importers import ImportOutcome, article_import_document
from faq.markdown import render_markdown
from faq.models import Article, ArticleLegalReference, Category, LegalReference, RelatedArticle
from tests.factories import add_related, make_article, make_category
from tests.faq.test_document_parser import DOCUMENTS, SEED_LAW, SEED_TITLE, document


def model_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Category, Article, LegalReference, ArticleLegalReference, RelatedArticle)
    }


@pytest.mark.django_db
def test_import_seed_creates_a_draft_article_with_its_references_and_waiting_links(seed_path):
    result = article_import_document(text=seed_path.read_text(encoding="utf-8"))

    article = Article.objects.get()
    assert result.outcome == ImportOutcome.CREATED
    assert result.article == article
    assert article.title == SEED_TITLE
    assert article.question == SEED_TITLE
    assert article.status == Article.Status.DRAFT
    assert article.category.name == "Social security inquiry"
    assert article.get_absolute_url() == "/faq/social-security-inquiry/can-i-pay-the-medical-insurance-again/"
    assert render_markdown(article.body).count("<li>") == 3
    [reference] = article.legal_references.all()
    assert (reference.law_name, reference.article_number) == (SEED_LAW, "Article 27")
    assert reference.text.startswith("Individuals who participate in the basic medical insurance")
    links = list(article.related_links.all())
    assert len(links) == 10
    assert [link.order for link in links] == list(range(10))
    assert all(link.target is None for link in links)


@pytest.mark.django_db
def test_import_with_status_publishes_a_new_article(seed_path):
    result = article_import_document(text=seed_path.read_text(encoding="utf-8"), status=Article.Status.PUBLISHED)

    assert result.article.status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_import_chinese_document_gets_a_chinese_url_that_resolves():
    article = article_import_document(text=(DOCUMENTS / "chinese_markers.txt").read_text(encoding="utf-8")).article

    assert article.category.slug == "社保查询"
    assert article.slug == "医保断缴后还能补缴吗"
    assert article.language == "zh-hans"
    assert article.get_absolute_url().startswith("/zh-hans/")
    # reverse() percent-encodes the Chinese letters; the server decodes them before resolving,
    # with the language of the URL's prefix active.
    with translation.override("zh-hans"):
        match = resolve(unquote(article.get_absolute_url()))
    assert match.view_name == "faq:article_detail"
    assert match.kwargs == {"category_slug": "社保查询", "article_slug": "医保断缴后还能补缴吗"}
    assert [str(link) for link in article.legal_reference_links.all()] == [
        "中华人民共和国社会保险法, 第二十七条",
        "中华人民共和国社会保险法, 第八十六条",
    ]


@pytest.mark.django_db
def test_importing_the_same_document_again_changes_nothing(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    first = article_import_document(text=text).article
    counts = model_counts()

    second = article_import_document(text=text)

    assert second.outcome == ImportOutcome.UNCHANGED
    assert second.article.pk == first.pk
    assert Article.objects.get().updated_at == first.updated_at
    assert model_counts() == counts


@pytest.mark.django_db
def test_reimport_with_a_changed_body_updates_the_same_article_at_the_same_url(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    first = article_import_document(text=text).article

    changed = text.replace("To sum up, once", "In short, once")
    second = article_import_document(text=changed)

    article = Article.objects.get()
    assert second.outcome == ImportOutcome.UPDATED
    assert article.pk == first.pk
    assert article.get_absolute_url() == first.get_absolute_url()
    assert "In short, once" in article.body
    assert article.updated_at > first.updated_at


@pytest.mark.django_db
def test_reimport_changes_status_only_when_given():
    text = document()
    article_import_document(text=text, status=Article.Status.PUBLISHED)

    assert article_import_document(text=text).outcome == ImportOutcome.UNCHANGED
    assert Article.objects.get().status == Article.Status.PUBLISHED

    assert article_import_document(text=text, status=Article.Status.DRAFT).outcome == ImportOutcome.UPDATED
    assert Article.objects.get().status == Article.Status.DRAFT


@pytest.mark.django_db
def test_reimport_keeps_what_editors_set_outside_the_document():
    article_import_document(text=document(body="Old answer."))
    Article.objects.update(editor_note="Checked in 2025.", slug="edited-slug")

    article_import_document(text=document(body="New answer."))

    article = Article.objects.get()
    assert (article.editor_note, article.slug, article.body) == ("Checked in 2025.", "edited-slug", "New answer.")


@pytest.mark.django_db
def test_related_titles_link_in_both_directions():
    a = article_import_document(text=document("Article A?", tail="- Related articles\n- Article B?")).article
    assert a.related_links.get().target is None

    b = article_import_document(text=document("Article B?", tail="- Related articles\n- Article A?")).article

    assert a.related_links.get().target == b
    assert b.related_links.get().target == a


@pytest.mark.django_db
def test_reimport_puts_document_titles_first_and_keeps_other_links_and_targets():
    elsewhere = make_article(title="Picked by an editor")
    article_import_document(text=document(tail="- Related articles\n- Kept\n- Dropped"))
    kept = RelatedArticle.objects.get(title="Kept")
    RelatedArticle.objects.filter(pk=kept.pk).update(target=elsewhere)

    result = article_import_document(text=document(tail="- Related articles\n- New\n- Kept"))

    assert result.outcome == ImportOutcome.UPDATED
    links = list(result.article.related_links.all())
    assert [(link.title, link.order) for link in links] == [("New", 0), ("Kept", 1), ("Dropped", 2)]
    assert links[1].pk == kept.pk
    assert links[1].target == elsewhere


@pytest.mark.django_db
def test_legal_references_are_shared_and_take_the_newest_text():
    legal = "Legal basis:\nSocial Insurance Law of the PRC\nArticle 27\n{}"
    first = article_import_document(text=document("First?", tail=legal.format("Old wording."))).article
    second = article_import_document(text=document("Second?", tail=legal.format("New wording."))).article

    reference = LegalReference.objects.get()
    assert reference.text == "New wording."
    assert list(first.legal_references.all()) == list(second.legal_references.all()) == [reference]

    result = article_import_document(text=document("First?", tail=legal.format("Newest wording.")))

    assert result.outcome == ImportOutcome.UPDATED
    assert LegalReference.objects.get().text == "Newest wording."


@pytest.mark.django_db
@pytest.mark.parametrize("replace, expected", [
    (False, [("Article 3", 0), ("Article 1", 1), ("Article 2", 2)]),
    (True, [("Article 3", 0), ("Article 1", 1)]),
])
def test_reimport_puts_legal_links_in_document_order_and_keeps_others_unless_replacing(replace, expected):
    article_import_document(text=document(tail="Legal basis:\nLaw\nArticle 1\nOne.\nArticle 2\nTwo."))

    result = article_import_document(
        text=document(tail="Legal basis:\nLaw\nArticle 3\nThree.\nArticle 1\nOne."), replace=replace
    )

    links = result.article.legal_reference_links.select_related("legal_reference")
    assert [(link.legal_reference.article_number, link.order) for link in links] == expected
    assert LegalReference.objects.count() == 3


@pytest.mark.django_db
def test_a_new_title_gets_a_unique_slug_in_its_category():
    article_import_document(text=document("Can I pay?"))
    second = article_import_document(text=document("Can I pay!")).article
    third = article_import_document(text=document("?!")).article

    assert second.slug == "can-i-pay-2"
    assert third.slug == "article"


@pytest.mark.django_db
def test_a_new_category_gets_a_unique_slug():
    make_category(name="Other name", slug="pensions")

    article = article_import_document(text=document(category="Pensions")).article

    assert article.category.name == "Pensions"
    assert article.category.slug == "pensions-2"


@pytest.mark.django_db
def test_moving_to_another_category_keeps_the_slug_unless_taken_there():
    article_import_document(text=document("Can I pay?"))
    article_import_document(text=document("Can I pay?", category="Pensions"))
    assert Article.objects.get().get_absolute_url() == "/faq/pensions/can-i-pay/"

    first_category = Category.objects.get(name="Social security inquiry")
    make_article(title="Someone else's", slug="can-i-pay", category=first_category)
    result = article_import_document(text=document("Can I pay?"))

    assert result.outcome == ImportOutcome.UPDATED
    assert result.article.get_absolute_url() == "/faq/social-security-inquiry/can-i-pay-2/"


@pytest.mark.django_db
def test_html_in_a_document_is_stored_escaped_and_shown_as_text():
    article = article_import_document(text=document(body="Before <script>alert(1)</script> after")).article

    assert article.body == r"Before \<script\>alert(1)\</script\> after"
    rendered = str(render_markdown(article.body))
    assert "&lt;script&gt;" in rendered
    assert "<script" not in rendered


@pytest.mark.django_db
def test_a_broken_document_changes_nothing():
    make_article(title="A short question?", body="Stored answer.")
    add_related(Article.objects.get(), "Stored link")
    counts = model_counts()

    with pytest.raises(DocumentError):
        article_import_document(text=document(body="New answer.", tail="Legal basis:\nSome law\nArticle 1"))

    assert model_counts() == counts
    assert Article.objects.get().body == "Stored answer."


@pytest.mark.django_db
def test_a_category_named_like_a_reserved_address_gets_another_slug():
    text = "Site - Review - Reviewed answer\nQuestion?\nAnswer."

    article = article_import_document(text=text).article

    assert article.category.slug == "review-2"


@pytest.mark.django_db
def test_reimporting_without_an_in_short_keeps_the_editors_one():
    article = article_import_document(text=document(body="In short: Yes.\nThe answer.")).article
    assert article.summary == "Yes."

    result = article_import_document(text=document(body="The answer."))

    assert result.outcome == ImportOutcome.UNCHANGED
    article.refresh_from_db()
    assert article.summary == "Yes."
    article_import_document(text=document(body="In short: No.\nThe answer."))
    article.refresh_from_db()
    assert article.summary == "No."


@pytest.mark.django_db
def test_import_keeps_the_legal_headings_and_a_changed_heading_is_a_change():
    tail = "Legal basis:\n## Paying twice\nFund Regulation\nArticle 17\nNo double benefits.\n"
    article = article_import_document(text=document(tail=tail)).article
    assert list(article.legal_reference_links.values_list("heading", flat=True)) == ["Paying twice"]

    result = article_import_document(text=document(tail=tail.replace("Paying twice", "Refunds")))

    assert result.outcome == ImportOutcome.UPDATED
    assert list(article.legal_reference_links.values_list("heading", flat=True)) == ["Refunds"]


@pytest.mark.django_db
def test_a_chinese_document_creates_a_chinese_category():
    article = article_import_document(text=(DOCUMENTS / "chinese_markers.txt").read_text(encoding="utf-8")).article

    assert article.category.language == "zh-hans"
    assert article.category.get_absolute_url().startswith("/zh-hans/")


@pytest.mark.django_db
def test_a_document_with_control_characters_imports_clean_and_again_unchanged():
    text = (
        "Job Recruitment Website - Cards\x7f - Card\x01 use\r\nCash?\x1b\r\nNo.\x0bNever\x0c.\r\n"
        "Legal basis:\nSocial Insurance Law\x02\nArticle 27\nText\x03 here.\n- Related articles\n- Other\x04 title\n"
    )

    article = article_import_document(text=text).article

    assert (article.category.name, article.title, article.question) == ("Cards", "Card use", "Cash?")
    assert article.body == "No.\n\nNever\n\n."
    assert list(LegalReference.objects.values_list("law_name", "text")) == [("Social Insurance Law", "Text here.")]
    assert list(RelatedArticle.objects.values_list("title", flat=True)) == ["Other title"]
    assert article_import_document(text=text).outcome == ImportOutcome.UNCHANGED
