"""The document's descriptions on the /api/ page: their CommonMark code spans (`value`) as <code>."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

CODE_SPAN = re.compile(r"`([^`]+)`")


@register.filter
def code_spans(text):
    """Escaped text, with each `code span` in <code>: the one piece of CommonMark the descriptions use."""
    return mark_safe(CODE_SPAN.sub(r"<code>\1</code>", escape(text)))  # escaped first
