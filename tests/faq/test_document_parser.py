"""Reading article documents (faq/document_parser.py): what each part becomes, and what is refused."""

import html
import io
import re
from pathlib import Path

import pytest
from django.utils import translation

from faq.document_parser import DOCUMENT_MAX_BYTES, DocumentError, Law, LawArticle, parse_document, read_document
from faq.markdown import render_markdown

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
