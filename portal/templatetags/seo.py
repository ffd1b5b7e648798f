"""Head tags for search engines and link previews: canonical URL, Open Graph locale, JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.text import clean_text
from serving.links import site_path

register = template.Library()

OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}

# As json_script does: these can never close the <script> element or start an HTML comment.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's one address: the view's `canonical_path` if it sets one, else this path without a query."""
    request = context["request"]
    return request.build_absolute_uri(context.get("canonical_path") or site_path(request))


@register.simple_tag
def og_locales():
    """The Open Graph locale of this page, then the other languages' locales."""
    current = get_language()
    return [OG_LOCALES[current], *(locale for code, locale in OG_LOCALES.items() if code != current)]


@register.filter
def json_ld(data):
    """A JSON-LD <script>. It is data, not code, so the Content-Security-Policy does not block it."""
    text = json.dumps(_clean_strings(data), cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _clean_strings(data):
    """`data` with every string cleaned (portal/text.py), for a row written past the models' cleaning: JSON
    only escapes a control character, and the text search engines decode from it still holds it."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {key: _clean_strings(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_clean_strings(item) for item in data]
    return data
