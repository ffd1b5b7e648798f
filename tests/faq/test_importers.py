import html
import io
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.urls import resolve
from django.utils import translation

from faq.importers import (
    DOCUMENT_MAX_BYTES,
    DocumentError,
    ImportOutcome,
    Law,
    LawArticle,
    article_import_document,
    parse_document,
    read_document,
)
from faq.markdown import render_markdown
from faq.models import Article, ArticleLegalReference, Category, LegalReference, RelatedArticle
from tests.factories import add_related, make_article, make_category

DOCUMENTS = Path(__file__).resolve().parent / "documents"

SEED_TITLE = "Can I pay the medical insurance again?"
SEED_LAW = "People's Republic of China (PRC) social insurance law"


def document(title="A short question?", *, category="Social security inquiry", body="The answer.", tail=""):
    """A complete document; `tail` holds its legal basis and related sections."""
    text = f"Job Recruitment Website - {category} - {title}\n{title}\n{body}\n"
    return text + tail


def text_content(markup):
    """What a reader sees: the rendered HTML without tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(markup))).split())


def model_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Category, Article, LegalReference, ArticleLegalReference, RelatedArticle)
    }


# The parser


def test_parse_seed_reads_breadcrumb_question_laws_and_related(seed_path):
    parsed = parse_document(seed_path.read_text(encoding="utf-8"))

    assert parsed.site == "Job Recruitment Website"
    assert parsed.category == "Social security inquiry"
    assert parsed.title == SEED_TITLE
    assert parsed.question == SEED_TITLE
    assert len(parsed.laws) == 1
    assert parsed.laws[0].name == SEED_LAW
    [article] = parsed.laws[0].articles
    assert article.number == "Article 27"
    assert article.text.startswith("Individuals who participate in the basic medical insurance")
    assert article.text.endswith("to the fixed number of years prescribed by the state.")
    assert len(parsed.related_titles) == 10
    assert parsed.related_titles[0] == "Longcheng social security station complaint telephone number"
    assert parsed.related_titles[-1] == "Can I still use the social security card after replacement?"


def test_seed_body_renders_its_three_points_as_an_ordered_list(seed_path):
    rendered = str(render_markdown(parse_document(seed_path.read_text(encoding="utf-8")).body))

    assert rendered.count("<ol>") == 1
    items = re.findall(r"<li>(.*?)</li>", rendered, flags=re.DOTALL)
    assert len(items) == 3
    for item in items:
        assert re.search(r"<p><strong>[^<]+</strong></p>\s*<p>[^<]+</p>", item)
    assert "<strong>Cash withdrawal is prohibited.</strong>" in items[0]


def test_seed_body_keeps_every_sentence(seed_path):
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    body_lines = lines[2 : lines.index("Legal basis:")]

    shown = text_content(render_markdown(parse_document("\n".join(lines)).body))

    for line in body_lines:
        assert re.sub(r"^\d+\.\s*", "", line) in shown


def test_parse_chinese_markers():
    parsed = parse_document((DOCUMENTS / "chinese_markers.txt").read_text(encoding="utf-8"))

    assert parsed.category == "社保查询"
    assert parsed.title == "医保断缴后还能补缴吗？"
    assert parsed.laws[0].name == "中华人民共和国社会保险法"
    first, second = parsed.laws[0].articles
    assert first.number == "第二十七条"
    assert first.text.startswith("参加职工基本医疗保险的个人")
    assert second.number == "第八十六条"
    # A sentence that starts by citing an article is text, not a heading.
    assert second.text.endswith("\n第二十七条规定的缴费年限由各地确定。")
    assert parsed.related_titles == ("社保卡丢了怎么办", "医保个人账户的钱可以取出来吗")
    rendered = str(render_markdown(parsed.body))
    assert rendered.count("<li>") == 2
    assert "<strong>补缴期限。</strong>" in rendered


@pytest.mark.parametrize(
    "legal_marker, related_marker",
    [
        ("法律依据:", "相关文章："),
        ("法律依据：", "相关文章"),
        ("LEGAL BASIS：", "Related articles:"),
        ("Legal basis:", "Related articles"),
    ],
)
def test_parse_marker_variants(legal_marker, related_marker):
    parsed = parse_document(document(tail=f"{legal_marker}\nSome law\n第一条 Text.\n{related_marker}\n- Other"))

    assert parsed.laws == (Law(name="Some law", articles=(LawArticle(number="第一条", text="Text."),)),)
    assert parsed.related_titles == ("Other",)


def test_parse_document_without_legal_basis_or_related():
    parsed = parse_document(document(body="First paragraph.\n\nSecond paragraph."))

    assert parsed.laws == ()
    assert parsed.related_titles == ()
    assert parsed.body == "First paragraph.\n\nSecond paragraph."


def test_parse_document_with_related_but_no_legal_basis():
    parsed = parse_document(document(tail="- Related articles\n- First\n- Second"))

    assert parsed.laws == ()
    assert parsed.related_titles == ("First", "Second")


def test_parse_document_with_legal_basis_but_no_related():
    parsed = parse_document(document(tail="Legal basis:\nSome law\nArticle 1\nText."))

    assert parsed.laws == (Law(name="Some law", articles=(LawArticle(number="Article 1", text="Text."),)),)
    assert parsed.related_titles == ()


def test_parse_several_laws_and_articles():
    tail = (
        "Legal basis:\n"
        "Social Insurance Law of the PRC\n"
        "Article 27 Heading and text on one line.\n"
        "Article 30\n"
        "First paragraph.\n"
        "Second paragraph, still Article 30.\n"
        "Regulation on Medical Security Funds\n"
        "Article 41\n"
        "Text of 41.\n"
        "中华人民共和国社会保险法\n"
        "第八十六条之一\u3000全角空格后的条文。\n"
    )

    laws = parse_document(document(tail=tail)).laws

    assert laws == (
        Law(
            name="Social Insurance Law of the PRC",
            articles=(
                LawArticle(number="Article 27", text="Heading and text on one line."),
                LawArticle(number="Article 30", text="First paragraph.\nSecond paragraph, still Article 30."),
            ),
        ),
        Law(
            name="Regulation on Medical Security Funds",
            articles=(LawArticle(number="Article 41", text="Text of 41."),),
        ),
        Law(
            name="中华人民共和国社会保险法",
            articles=(LawArticle(number="第八十六条之一", text="全角空格后的条文。"),),
        ),
    )


def test_a_line_ending_a_sentence_before_a_heading_stays_article_text():
    tail = "Legal basis:\nSome law\nArticle 1\nFirst part.\nSee also the next article.\nArticle 2\nText."

    [law] = parse_document(document(tail=tail)).laws

    assert law.articles == (
        LawArticle(number="Article 1", text="First part.\nSee also the next article."),
        LawArticle(number="Article 2", text="Text."),
    )


def test_parse_related_titles_with_and_without_dash_ignoring_blanks_duplicates_and_itself():
    tail = "- Related articles\n- First\nSecond without dash\n-\n- First\n- A short question?\n-   Third  "

    parsed = parse_document(document(tail=tail))

    assert parsed.related_titles == ("First", "Second without dash", "Third")


def test_numbered_points_and_plain_paragraphs():
    body = (
        "Intro:\n1. Point one\nDetail one.\n2. Point two\n3. Point three\nDetail three.\n"
        "After the list.\n3.5 percent is not a point."
    )

    rendered = str(render_markdown(parse_document(document(body=body)).body))

    assert rendered.count("<li>") == 3
    assert "<p><strong>Point two</strong></p>" in rendered
    assert re.search(r"</ol>\s*<p>After the list\.</p>\s*<p>3\.5 percent is not a point\.</p>$", rendered)


def test_markdown_and_html_in_a_document_are_shown_as_text():
    lines = [
        "<script>alert(1)</script>",
        "# not a heading",
        "- not a list",
        "*not emphasis* and [not](a link)",
        "<b>point</b>",
        "> quote",
    ]
    body = "\n".join(lines).replace("<b>", "1. <b>")

    rendered = str(render_markdown(parse_document(document(body=body)).body))

    assert "<script" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<b>" not in rendered and "<h1>" not in rendered and "<em>" not in rendered and "<a " not in rendered
    assert "<ul>" not in rendered and "<blockquote>" not in rendered
    shown = text_content(rendered)
    for line in lines:
        assert line in shown


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "the file is empty"),
        (" \n\t\n\u3000\n", "the file is empty"),
        ("Just a title\nQuestion?\nAnswer.", 'line 1 must be the breadcrumb "Site - Category - Title"'),
        ("Site - Category\nQuestion?\nAnswer.", 'line 1 must be the breadcrumb "Site - Category - Title"'),
        ("Site -  - Title\nQuestion?\nAnswer.", 'line 1 must be the breadcrumb "Site - Category - Title"'),
        ("Site - Category - Title", "line 2 must be the reader's question"),
        ("Site - Category - Title\nLegal basis:\nLaw\nArticle 1\nText.", "line 2 must be the reader's question"),
        ("Site - Category - Title\nQuestion?", "the document has no answer text after the question"),
        (
            "Site - Category - Title\nQuestion?\n- Related articles\n- Other",
            "the document has no answer text after the question",
        ),
        (
            document(tail="Legal basis:\nSome law\nNo heading here."),
            'the legal basis names "Some law" but no article heading follows it',
        ),
        (document(tail="Legal basis:\n- Related articles\n- Other"), "the legal basis section is empty"),
        (document(tail="Legal basis:\nSome law"), 'the legal basis names "Some law" but no article heading follows it'),
        (
            document(tail="Legal basis:\nSome law\nArticle 1\n- Related articles\n- Other"),
            '"Article 1" of "Some law" has no text',
        ),
        (
            document(tail="Legal basis:\n中华人民共和国社会保险法\n第二十七条规定，个人可以缴费。"),
            'the legal basis names "中华人民共和国社会保险法" but no article heading follows it',
        ),
        (
            document(tail="Legal basis:\nSome law\nArticle 1\nText.\nArticle 1\nAgain."),
            'the legal basis lists "Article 1" of "Some law" twice',
        ),
        (document("T" * 256), "the title is longer than 255 characters"),
        (f"{'S' * 201} - Category - Title\nQuestion?\nAnswer.", "the site name is longer than 200 characters"),
        (document(body="An answer\x00 with a NUL."), "the file holds NUL characters, so it is not a text document"),
    ],
)
def test_parse_rejects_incomplete_documents(text, reason):
    with pytest.raises(DocumentError) as raised:
        parse_document(text)

    assert raised.value.reason == reason


def test_parse_rejects_over_long_legal_and_related_values():
    with pytest.raises(DocumentError, match="a law name is longer than 255 characters"):
        parse_document(document(tail=f"Legal basis:\n{'L' * 256}\nArticle 1\nText."))
    with pytest.raises(DocumentError, match="a related article's title is longer than 255 characters"):
        parse_document(document(tail=f"- Related articles\n- {'R' * 256}"))


def test_reasons_follow_the_active_language():
    with translation.override("zh-hans"), pytest.raises(DocumentError) as raised:
        parse_document(document(tail=f"Legal basis:\n{'法' * 256}\n第一条\n条文。"))

    assert raised.value.reason == f"有一个法律名称超过 255 个字符：{'法' * 60}…"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"x" * (DOCUMENT_MAX_BYTES + 1), "the file is larger than 1,000,000 bytes, too large for an article"),
        (b"\x89PNG\r\n\x1a\n", "not UTF-8 text (byte 0x89 at offset 0)"),
        ("Site - 分类 - 标题".encode("gbk"), "not UTF-8 text (byte 0xb7 at offset 7)"),
        ("Site - Category - Title".encode("utf-16"), "not UTF-8 text (byte 0xff at offset 0)"),
    ],
)
def test_read_refuses_files_that_are_not_documents(data, reason):
    with pytest.raises(DocumentError) as raised:
        read_document(io.BytesIO(data))

    assert raised.value.reason == reason


def test_read_takes_a_document_up_to_the_limit_without_its_byte_order_mark():
    text = document()
    data = "\ufeff".encode() + text.encode() + b" " * (DOCUMENT_MAX_BYTES - len(text.encode()) - 3)

    assert read_document(io.BytesIO(data)).rstrip(" ") == text


# The import service


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


# "In short", headings, and the points the legal basis supports


@pytest.mark.parametrize(
    "lines",
    [
        ["In short: No, once a year.", "The answer."],
        ["in short：No, once a year.", "The answer."],
        ["In short:", "No, once a year.", "The answer."],
        ["简而言之：No, once a year.", "The answer."],
        ["简而言之:  No, once a year.", "The answer."],
    ],
)
def test_the_in_short_line_under_the_question_is_the_summary(lines):
    parsed = parse_document(document(body="\n".join(lines)))

    assert parsed.summary == "No, once a year."
    assert parsed.body == "The answer."


def test_an_in_short_line_further_down_is_body_text():
    parsed = parse_document(document(body="The answer.\nIn short: a closing remark."))

    assert parsed.summary == ""
    assert "In short: a closing remark." in parsed.body


def test_a_document_that_is_only_an_in_short_has_no_answer():
    with pytest.raises(DocumentError, match="no answer text"):
        parse_document(document(body="In short: yes."))


def test_an_in_short_longer_than_the_field_is_refused_with_the_reason():
    with pytest.raises(DocumentError, match="In short"):
        parse_document(document(body=f"In short: {'x' * 401}\nThe answer."))


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


def test_hash_lines_in_the_body_become_headings_and_do_not_end_a_point():
    parsed = parse_document(document(body="Intro:\n1. A point\n## Next part\nText.\n### Detail ##\nMore.\n# Not one"))

    rendered = str(render_markdown(parsed.body))

    assert "<h2>Next part</h2>" in rendered and "<h3>Detail</h3>" in rendered
    assert "<strong>A point</strong></li>" in rendered
    assert "<p># Not one</p>" in rendered


def test_hash_lines_in_the_legal_basis_name_the_point_the_laws_support():
    tail = (
        "Legal basis:\n"
        "## Paying twice\nFund Regulation\nArticle 17\nNo double benefits.\nArticle 41\nPenalties.\n"
        "Social Insurance Law\nArticle 30\nThird parties.\n"
        "## After retirement\nSocial Insurance Law\nArticle 27\nRequired years.\n"
        "## Nothing after it\n"
    )

    laws = parse_document(document(tail=tail)).laws

    assert [(law.heading, law.name, [item.number for item in law.articles]) for law in laws] == [
        ("Paying twice", "Fund Regulation", ["Article 17", "Article 41"]),
        ("Paying twice", "Social Insurance Law", ["Article 30"]),
        ("After retirement", "Social Insurance Law", ["Article 27"]),
    ]


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
