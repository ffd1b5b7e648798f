"""Article text: Markdown in, sanitised HTML out."""

import functools
import re
from dataclasses import dataclass
from html import unescape

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from serving.links import is_safe_link

# Raw HTML in the source is escaped by the parser and anything left is cleaned by nh3,
# so editor text can never carry a script into the page.
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
# A link to anything but http, https, mailto or this site stays text (nh3 below checks the same again).
_parser.validateLink = is_safe_link

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
# Heading ids are set by render_with_headings only: the parser takes no HTML, so an editor cannot write one.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}, "h2": {"id"}, "h3": {"id"},
}
# Headings of these levels get ids; the top level is the table of contents.
_ANCHORED_HEADINGS = ("h2", "h3")
_CONTENTS_LEVEL = "h2"

# Characters that would otherwise turn plain text into Markdown syntax.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>!|~&])")
_LINE_START_SPECIALS = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


# The same text always renders the same, and one article page renders its body several times
# (page, meta description, structured data): keep recent results.
@functools.lru_cache(maxsize=512)
def render_markdown(text):
    return _clean(_parser.render(text or ""))


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


@dataclass(frozen=True)
class RenderedText:
    html: str
    # The top-level headings, in order: what a table of contents lists.
    headings: tuple[Heading, ...]


@functools.lru_cache(maxsize=512)
def render_with_headings(text):
    """Markdown as render_markdown makes it, with an id on each heading so that it can be linked to.

    Ids come from the heading's words (Chinese ones too) and start with "section-", so they never
    take an id the page around the text uses.
    """
    env = {}
    tokens = _parser.parse(text or "", env)
    headings, used = [], set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag not in _ANCHORED_HEADINGS:
            continue
        inline_html = _parser.renderer.renderInline(tokens[index + 1].children, _parser.options, env)
        words = " ".join(unescape(strip_tags(inline_html)).split())
        base = "section-" + (slugify(words, allow_unicode=True) or str(len(used) + 1))
        anchor, number = base, 2
        while anchor in used:
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        token.attrSet("id", anchor)
        if token.tag == _CONTENTS_LEVEL:
            headings.append(Heading(id=anchor, text=words))
    return RenderedText(html=_clean(_parser.renderer.render(tokens, _parser.options, env)), headings=tuple(headings))


def _clean(html):
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


def escape_markdown(text):
    """Make plain text safe to embed in Markdown: it renders as the same words."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    return _LINE_START_SPECIALS.sub(lambda m: m.group(1) + re.sub(r"([#>+\-=.)])", r"\\\1", m.group(2)), text)


def validate_markdown_links(text):
    """Model validator: every link target in the text is one readers may follow."""
    targets = [
        token.attrGet("href")
        for block in _link_finder.parse(text or "")
        for token in block.children or ()
        if token.type == "link_open"
    ]
    refused = [target for target in targets if not is_safe_link(target)]
    if refused:
        raise ValidationError(
            _("Links may only go to web addresses (http:// or https://), e-mail addresses (mailto:) or pages of "
              "this site. Change or remove: %(links)s"),
            code="link_scheme", params={"links": ", ".join(refused)},
        )


# Parses like the page does but keeps every link, so that the validator sees what an editor wrote.
_link_finder = MarkdownIt("commonmark", {"html": False}).enable("table")
_link_finder.validateLink = lambda url: True
_link_finder.normalizeLink = lambda url: url
