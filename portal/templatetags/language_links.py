"""The current page in the other languages, for the header's switcher and the head's hreflang links."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info, override

from serving.links import site_full_path

register = template.Library()


def _versions(context):
    """(code, url, real) per language; `real` is False where the page only has its interface translated.

    A view whose content exists per language (an article and its translations) passes `language_urls`;
    any other page is the same page under each language's URL prefix.
    """
    request = context["request"]
    own = context.get("language_urls")
    for code, _name in settings.LANGUAGES:
        if own is None:
            yield code, _same_page_in(request, code), True
        elif code in own:
            yield code, own[code], True
        else:
            yield code, _same_page_in(request, code), False


def _same_page_in(request, code):
    """translate_url(site_full_path(request), code), once per request and language (the switcher and the
    head both ask), from the view the request already resolved to instead of resolving its path again."""
    kept = request.__dict__.setdefault("_same_page_in", {})
    if code not in kept:
        kept[code] = _translated(request, code)
    return kept[code]


def _translated(request, code):
    url = site_full_path(request)
    match = request.resolver_match
    if match is None or request.path != request.path_info:
        return translate_url(url, code)
    # As translate_url does, with the view it would have resolved.
    parsed = urlsplit(url)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return url
    return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))


@register.simple_tag(takes_context=True)
def other_languages(context):
    """Links for the switcher: every language but the current one, named in its own language. Each goes
    through the switch's endpoint, which remembers the choice, to the page in that language."""
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": f"{reverse('language_choose', args=[code])}?{urlencode({'next': url})}",
        }
        for code, url, _real in _versions(context)
        if code != current
    ]


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """<link rel="alternate" hreflang> targets: only versions whose content is in that language."""
    request = context["request"]
    alternates = [
        {"code": code, "url": request.build_absolute_uri(url)} for code, url, real in _versions(context) if real
    ]
    # Readers whose language has no version get the site's default language.
    default = [alternate for alternate in alternates if alternate["code"] == settings.LANGUAGE_CODE]
    return alternates + [{"code": "x-default", "url": default[0]["url"]}] if default else alternates


@register.filter
def lang_if_other(code):
    """` lang="…"` for an element whose text is in another language than the page's; nothing otherwise."""
    return format_html(' lang="{}"', code) if code and code != get_language() else ""
