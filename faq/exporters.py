"""Articles back to the document format the importer reads: importing an export changes nothing."""

import re
from itertools import groupby

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .document_parser import _HEADING, _NUMBERED, _SUMMARY_MARKER, _is_marker
from .markdown import escape_markdown

# Articles written in admin have no document of origin; their breadcrumb starts with this.
DEFAULT_SITE = "Job Recruitment Website"
# Section markers in the article's language: (in short, legal basis, related articles).
MARKERS = {"zh-hans": ("简而言之：", "法律依据：", "- 相关文章")}
ENGLISH_MARKERS = ("In short: ", "Legal basis:", "- Related articles")

_ESCAPED = re.compile(r"\\([\\`*_\[\]<>!|~&#+\-=.)])")
_ITEM_HEADING = re.compile(r"^(\d+)\. \*\*(.+)\*\*$")
_SECTION_HEADING = re.compile(r"^(#{2,3}) (.+)$")
# Where in the body a block that cannot be exported stands, for the reason.
_IN_POINT = gettext_lazy("a numbered point")
_IN_POINT_PARAGRAPH = gettext_lazy("a numbered point's paragraph")
_IN_PARAGRAPH = gettext_lazy("a paragraph")
_IN_HEADING = gettext_lazy("a heading")


class ExportError(Exception):
    """The article holds something the document format cannot carry; the message says what, in the active language."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def article_export(article) -> str:
    """The article as a document, in the format and line order the importer reads."""
    lines = [f"{article.source_site or DEFAULT_SITE} - {article.category.name} - {article.title}", article.question]
    summary_marker, legal_marker, related_marker = MARKERS.get(article.language, ENGLISH_MARKERS)
    body = _body_lines(article.body)
    if article.summary.strip():
        # The line format has one line for it; the page shows it as one paragraph anyway.
        lines.append(summary_marker + " ".join(article.summary.split()))
    elif body and _SUMMARY_MARKER.match(body[0]):
        raise _reads_as_marker(body[0])
    lines += body
    links = list(article.legal_reference_links.select_related("legal_reference").order_by("order", "id"))
    if links:
        lines.append(legal_marker)
        heading = ""
        for (topic, law_name), group in groupby(links, key=lambda link: (link.heading, link.legal_reference.law_name)):
            if topic and topic != heading:
                lines.append(f"## {topic}")
            heading = topic
            lines.append(law_name)
            for link in group:
                lines.append(link.legal_reference.article_number)
                lines += link.legal_reference.text.splitlines()
    related = [title for title in article.related_links.order_by("order", "id").values_list("title", flat=True)]
    related = [title for title in related if title != article.title]
    if related:
        lines.append(related_marker)
        lines += [f"- {title}" for title in related]
    return "\n".join(lines)


def _unescape(text):
    return _ESCAPED.sub(r"\1", text)


def _plain(markdown, *, where):
    """The plain line a block of importer-made Markdown stands for; ExportError for any other Markdown."""
    text = _unescape(markdown)
    if escape_markdown(text) != markdown or "\n" in text:
        raise ExportError(
            _("the body uses Markdown formatting the document format cannot keep (%(where)s: %(start)s)")
            % {"where": where, "start": repr(markdown[:60])}
        )
    return text


def _body_lines(body):
    """The answer's lines: each paragraph one line, each numbered point its heading line and paragraph."""
    lines = []
    blocks = [block for block in body.split("\n\n") if block.strip()]
    for index, block in enumerate(blocks):
        item = _ITEM_HEADING.match(block)
        section = _SECTION_HEADING.match(block)
        if section:
            lines.append(f"{section.group(1)} {_plain(section.group(2), where=_IN_HEADING)}")
        elif item:
            lines.append(f"{item.group(1)}. {_plain(item.group(2), where=_IN_POINT)}")
        elif block.startswith(" ") and index and _ITEM_HEADING.match(blocks[index - 1]):
            lines.append(_plain(block.strip(), where=_IN_POINT_PARAGRAPH))
        else:
            line = _plain(block, where=_IN_PARAGRAPH)
            # Read back, such a line would become a numbered point or end the answer.
            if _NUMBERED.match(line) or _HEADING.match(line) or _is_marker(line):
                raise _reads_as_marker(line)
            lines.append(line)
    return lines


def _reads_as_marker(line):
    return ExportError(
        _("a paragraph would read as a numbered point or a section heading: %(start)s") % {"start": repr(line[:60])}
    )
