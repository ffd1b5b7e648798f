"""Article documents: the pure parser (faq/importers.py saves a parsed document as an article).

A document is plain text:

    Site - Category - Title
    The reader's question
    In short: the answer in one or two sentences (optional)
    Body paragraphs; "1. Point" lines, each followed by the point's paragraph; "## Heading" lines
    Legal basis:
    ## The point the references below support (optional)
    Law name
    Article 27
    The article's text
    - Related articles
    - Another article's title

The Chinese markers "简而言之：", "法律依据：", "第二十七条" and "- 相关文章" are read the same way. A
document whose question has more Chinese characters than Latin letters is a Simplified Chinese
article; any other is English.

A document may begin, above the breadcrumb, with how much its change matters to the article's
translations: "Significance: typo", "Significance: content" or "Significance: major" ("改动程度：错字",
"内容" or "重大"). Without that line an imported change to an original counts as content.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.text import clean_text

from .markdown import escape_markdown
from .models import (
    Article,
    ArticleLegalReference,
    Category,
    LegalReference,
    RelatedArticle,
    Significance,
)


class DocumentError(Exception):
    """The document cannot be imported; the message says why in plain words, in the active language."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LawArticle:
    number: str
    text: str


@dataclass(frozen=True)
class Law:
    name: str
    articles: tuple[LawArticle, ...]
    # The point of the answer the law's articles support; empty when the document names none.
    heading: str = ""


@dataclass(frozen=True)
class ParsedDocument:
    site: str
    category: str
    title: str
    question: str
    body: str
    laws: tuple[Law, ...]
    related_titles: tuple[str, ...]
    # The editor's "In short"; empty when the document has none.
    summary: str = ""
    # How much the change matters to translations, when the document says; empty when it does not.
    significance: str = ""


_LEGAL_MARKER = re.compile(r"^(legal basis|法律依据)\s*[:：]$", re.IGNORECASE)


_RELATED_MARKER = re.compile(r"^(-\s*)?(related articles|相关文章)\s*[:：]?$", re.IGNORECASE)


_SIGNIFICANCE_MARKER = re.compile(r"^(significance|改动程度)\s*[:：]\s*(.*)$", re.IGNORECASE)


# The significance words, in English and Chinese.
_SIGNIFICANCES = {
    "typo": Significance.TYPO, "错字": Significance.TYPO,
    "content": Significance.CONTENT, "内容": Significance.CONTENT,
    "major": Significance.MAJOR, "重大": Significance.MAJOR,
}


# Directly under the question; the answer may follow on the same line or on the next.
_SUMMARY_MARKER = re.compile(r"^(in short|简而言之)\s*[:：]\s*(.*)$", re.IGNORECASE)


# "## Heading" in the body is a section heading ("###" one level down); in the legal basis it names
# the point the following laws support.
_HEADING = re.compile(r"^(#{2,3})\s+(\S.*?)\s*#*$")


# The lookahead keeps "1.5 million" and "3.2" from being read as numbered points.
_NUMBERED = re.compile(r"^(\d{1,9})[.、．](?!\d)\s*(\S.*)$")


# A heading is followed by whitespace or nothing, so a sentence such as "第二十七条规定…" stays text.
_ARTICLE_HEADING = re.compile(
    r"^(Article\s+\d+\w*|第[零〇一二三四五六七八九十百千两\d]+条(?:之[一二三四五六七八九十]+)?)(?=\s|$)",
    re.IGNORECASE,
)


# Not ")": law names often end in one, e.g. "(2010 Revision)".
_SENTENCE_END = tuple(".。;；:：!！?？")


_RELATED_DASH = re.compile(r"^-(\s+|$)")


_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


_LATIN = re.compile(r"[A-Za-z]")


# A document is a few kilobytes; a file many times that size is not one, and is not read whole.
DOCUMENT_MAX_BYTES = 1_000_000


_TITLE_MAX = Article._meta.get_field("title").max_length


_SITE_MAX = Article._meta.get_field("source_site").max_length


_SLUG_MAX = Article._meta.get_field("slug").max_length


_CATEGORY_NAME_MAX = Category._meta.get_field("name").max_length


_CATEGORY_SLUG_MAX = Category._meta.get_field("slug").max_length


_LAW_NAME_MAX = LegalReference._meta.get_field("law_name").max_length


_ARTICLE_NUMBER_MAX = LegalReference._meta.get_field("article_number").max_length


_RELATED_TITLE_MAX = RelatedArticle._meta.get_field("title").max_length


_SUMMARY_MAX = Article._meta.get_field("summary").max_length


_LEGAL_HEADING_MAX = ArticleLegalReference._meta.get_field("heading").max_length


# Reasons for a value longer than its column allows, given the limit and the value's start.
_LAW_NAME_TOO_LONG = gettext_lazy("a law name is longer than %(limit)s characters: %(start)s…")


_ARTICLE_HEADING_TOO_LONG = gettext_lazy("an article heading is longer than %(limit)s characters: %(start)s…")


_RELATED_TITLE_TOO_LONG = gettext_lazy("a related article's title is longer than %(limit)s characters: %(start)s…")


_SUMMARY_TOO_LONG = gettext_lazy("the “In short” text is longer than %(limit)s characters: %(start)s…")


_LEGAL_HEADING_TOO_LONG = gettext_lazy("a legal basis heading is longer than %(limit)s characters: %(start)s…")


def read_document(file) -> str:
    """The text of a document from an open binary file; DocumentError if it is too large or not UTF-8."""
    data = file.read(DOCUMENT_MAX_BYTES + 1)
    if len(data) > DOCUMENT_MAX_BYTES:
        raise DocumentError(
            _("the file is larger than %(limit)s bytes, too large for an article")
            % {"limit": f"{DOCUMENT_MAX_BYTES:,}"}
        )
    try:
        # utf-8-sig: documents saved by Windows editors start with a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            _("not UTF-8 text (byte %(byte)s at offset %(offset)s)")
            % {"byte": f"{data[error.start]:#04x}", "offset": error.start}
        ) from None


def parse_document(text: str) -> ParsedDocument:
    """Read a document's text; raise DocumentError if it is not a complete article."""
    if "\x00" in text:
        # No database column takes them (PostgreSQL refuses them outright): the file is not text.
        raise DocumentError(_("the file holds NUL characters, so it is not a text document"))
    # Cleaned as a save cleans: a re-import then compares like with like, and rows bulk-created past save() are clean.
    lines = [line.strip() for line in clean_text(text).splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise DocumentError(_("the file is empty"))
    significance, lines = _parse_significance(lines)
    if not lines:
        raise DocumentError(_('line 1 must be the breadcrumb "Site - Category - Title"'))

    site, category, title = _parse_breadcrumb(lines[0])
    if len(lines) < 2 or _is_marker(lines[1]):
        raise DocumentError(_("line 2 must be the reader's question"))
    question = lines[1]
    summary, rest = _parse_summary(lines[2:])

    body_lines, legal_lines, related_lines = [], None, []
    current = body_lines
    for line in rest:
        if _LEGAL_MARKER.match(line):
            if legal_lines is None:
                legal_lines = []
            current = legal_lines
        elif _RELATED_MARKER.match(line):
            current = related_lines
        else:
            current.append(line)
    if not body_lines:
        raise DocumentError(_("the document has no answer text after the question"))

    return ParsedDocument(
        site=site,
        category=category,
        title=title,
        question=question,
        body=_body_to_markdown(body_lines),
        laws=_parse_legal_basis(legal_lines) if legal_lines is not None else (),
        related_titles=_parse_related(related_lines, own_title=title),
        summary=summary,
        significance=significance,
    )


def _is_marker(line):
    return bool(_LEGAL_MARKER.match(line) or _RELATED_MARKER.match(line))


def _parse_significance(lines):
    """(the significance or "", the lines after it): the line counts only above the breadcrumb."""
    marker = _SIGNIFICANCE_MARKER.match(lines[0])
    if not marker:
        return "", lines
    significance = _SIGNIFICANCES.get(marker.group(2).strip().lower())
    if significance is None:
        raise DocumentError(
            _("the significance must be typo, content or major (错字, 内容 or 重大), not “%(value)s”")
            % {"value": marker.group(2)[:60]}
        )
    return significance, lines[1:]


def _parse_summary(lines):
    """(the "In short" text or "", the lines after it): the marker counts only directly under the question."""
    marker = _SUMMARY_MARKER.match(lines[0]) if lines else None
    if not marker:
        return "", lines
    summary, rest = marker.group(2), lines[1:]
    if not summary and rest and not _is_marker(rest[0]):
        summary, rest = rest[0], rest[1:]
    _check_length(summary, _SUMMARY_MAX, _SUMMARY_TOO_LONG)
    return summary, rest


def _parse_breadcrumb(line):
    parts = [part.strip() for part in line.split(" - ", maxsplit=2)]
    if len(parts) != 3 or not all(parts):
        raise DocumentError(_('line 1 must be the breadcrumb "Site - Category - Title"'))
    site, category, title = parts
    if len(site) > _SITE_MAX:
        raise DocumentError(_("the site name is longer than %(limit)s characters") % {"limit": _SITE_MAX})
    if len(category) > _CATEGORY_NAME_MAX:
        raise DocumentError(
            _("the category name is longer than %(limit)s characters") % {"limit": _CATEGORY_NAME_MAX}
        )
    if len(title) > _TITLE_MAX:
        raise DocumentError(_("the title is longer than %(limit)s characters") % {"limit": _TITLE_MAX})
    return site, category, title


def _body_to_markdown(lines):
    """Markdown for the answer lines, each escaped so it reads exactly as written.

    Each line is a paragraph, except that a "## " line is a heading, and a numbered line starts a
    list item with a bold heading and the one line after it becomes that item's paragraph.
    """
    blocks = []
    index = 0
    while index < len(lines):
        heading = _HEADING.match(lines[index])
        numbered = _NUMBERED.match(lines[index])
        if heading:
            blocks.append(f"{heading.group(1)} {escape_markdown(heading.group(2))}")
            index += 1
            continue
        if not numbered:
            blocks.append(escape_markdown(lines[index]))
            index += 1
            continue
        marker = f"{numbered.group(1)}. "
        item = f"{marker}**{escape_markdown(numbered.group(2))}**"
        index += 1
        if index < len(lines) and not _NUMBERED.match(lines[index]) and not _HEADING.match(lines[index]):
            item += "\n\n" + " " * len(marker) + escape_markdown(lines[index])
            index += 1
        blocks.append(item)
    return "\n\n".join(blocks)


def _parse_legal_basis(lines):
    """Laws in document order, each with its articles and the heading it stands under.

    A line starts a new law when it is directly followed by an article heading, does not end
    in sentence punctuation, and the article before it already has text: law names are titles,
    while the last line of an article's text ends a sentence. The line after a "## " heading
    always starts a law. A heading with no law after it says nothing and is left out.
    """
    laws, topic, starts_law = [], "", True
    for index, line in enumerate(lines):
        heading_line = _HEADING.match(line)
        if heading_line:
            topic, starts_law = heading_line.group(2), True
            _check_length(topic, _LEGAL_HEADING_MAX, _LEGAL_HEADING_TOO_LONG)
            continue
        if starts_law:
            laws.append((topic, line, []))
            starts_law = False
            continue
        _topic, law_name, articles = laws[-1]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = _ARTICLE_HEADING.match(line)
        if heading:
            rest = line[heading.end() :].strip()
            articles.append((" ".join(heading.group(1).split()), [rest] if rest else []))
        elif not articles:
            raise DocumentError(_no_heading_after(law_name))
        elif articles[-1][1] and _ARTICLE_HEADING.match(following) and not line.endswith(_SENTENCE_END):
            laws.append((topic, line, []))
        else:
            articles[-1][1].append(line)
    if not laws:
        raise DocumentError(_("the legal basis section is empty"))

    parsed, seen = [], set()
    for topic, law_name, articles in laws:
        _check_length(law_name, _LAW_NAME_MAX, _LAW_NAME_TOO_LONG)
        if not articles:
            raise DocumentError(_no_heading_after(law_name))
        for number, text in articles:
            _check_length(number, _ARTICLE_NUMBER_MAX, _ARTICLE_HEADING_TOO_LONG)
            if not text:
                raise DocumentError(_('"%(number)s" of "%(law)s" has no text') % {"number": number, "law": law_name})
            if (law_name, number) in seen:
                raise DocumentError(
                    _('the legal basis lists "%(number)s" of "%(law)s" twice') % {"number": number, "law": law_name}
                )
            seen.add((law_name, number))
        parsed.append(Law(
            name=law_name,
            articles=tuple(LawArticle(number=n, text="\n".join(t)) for n, t in articles),
            heading=topic,
        ))
    return tuple(parsed)


def _parse_related(lines, *, own_title):
    titles = []
    for line in lines:
        title = _RELATED_DASH.sub("", line).strip()
        if not title or title == own_title or title in titles:
            continue
        _check_length(title, _RELATED_TITLE_MAX, _RELATED_TITLE_TOO_LONG)
        titles.append(title)
    return tuple(titles)


def _no_heading_after(law_name):
    return _('the legal basis names "%(law)s" but no article heading follows it') % {"law": law_name}


def _check_length(value, limit, reason):
    if len(value) > limit:
        raise DocumentError(reason % {"limit": limit, "start": value[:60]})


def document_language(document: ParsedDocument) -> str:
    chinese, latin = _CHINESE.findall(document.question), _LATIN.findall(document.question)
    return "zh-hans" if len(chinese) > len(latin) else "en"
