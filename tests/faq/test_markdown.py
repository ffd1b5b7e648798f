from html import unescape
from html.parser import HTMLParser

import pytest
from django.utils.html import strip_tags

from faq.markdown import escape_markdown, render_markdown, render_with_headings


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _tags(html):
    """The elements and attributes a browser would build from the HTML."""
    collector = _TagCollector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    ],
)
def test_markdown_renders_scripts_handlers_and_javascript_links_inert(source):
    tags = _tags(render_markdown(source))

    assert {name for name, _ in tags} <= {"p"}
    assert all(not attrs for _, attrs in tags)


def test_markdown_keeps_safe_links_and_marks_them_noopener():
    html = render_markdown("[Official text](https://www.gov.cn/zhengce/)")

    assert 'href="https://www.gov.cn/zhengce/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize(
    "text",
    [
        "1. Not a list",
        "# Not a heading",
        "- Not a bullet",
        "*not emphasis* and _not either_",
        "<b>not bold</b>",
        "Fees &copy; and &amp; stay as typed",
        "[not](a link)",
        "back\\slash",
    ],
)
def test_escaped_text_renders_as_the_same_words(text):
    html = render_markdown(escape_markdown(text))

    assert unescape(strip_tags(html)).strip() == text
    assert "<ol" not in html and "<ul" not in html and "<h1" not in html and "<em" not in html


def test_headings_get_unique_ids_from_their_words_and_the_top_level_is_the_contents():
    rendered = render_with_headings("## Paying *again*\n\n### Details\n\n## 缴费和退费\n\n## Paying again\n\n## !!!")

    assert [(heading.id, heading.text) for heading in rendered.headings] == [
        ("section-paying-again", "Paying again"),
        ("section-缴费和退费", "缴费和退费"),
        ("section-paying-again-2", "Paying again"),
        ("section-5", "!!!"),
    ]
    assert '<h2 id="section-paying-again">Paying <em>again</em></h2>' in rendered.html
    assert '<h3 id="section-details">Details</h3>' in rendered.html


def test_an_editor_cannot_set_an_id_or_a_heading_attribute():
    rendered = render_with_headings('<h2 id="main" onclick="x">Hi</h2>\n\n## <span id="x">Hello</span>')

    assert [name for name, attrs in _tags(rendered.html) if ("id", "main") in attrs or ("onclick", "x") in attrs] == []
    assert [heading.id for heading in rendered.headings] == ["section-span-idxhellospan"]
