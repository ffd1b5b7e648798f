"""Article text: Markdown in, sanitised HTML out."""

import functools
import re

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

# Raw HTML in the source is escaped by the parser and anything left is cleaned by nh3,
# so editor text can never carry a script into the page.
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}

# Characters that would otherwise turn plain text into Markdown syntax.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>!|~&])")
_LINE_START_SPECIALS = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


# The same text always renders the same, and one article page renders its body several times
# (page, meta description, structured data): keep recent results.
@functools.lru_cache(maxsize=512)
def render_markdown(text):
    html = _parser.render(text or "")
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
