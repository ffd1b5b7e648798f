"""The header's language switch as tests read it."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

SWITCH_LINK = re.compile(r'<a class="language-switch" href="([^"]*)" lang="([^"]*)"')


def switcher_links(html):
    """The page each language link of the switcher opens, by language: the switch's endpoint remembers the
    choice and redirects to the address in its `next`."""
    links = {}
    for href, language in SWITCH_LINK.findall(html):
        parts = urlsplit(unescape(href))
        assert parts.path == f"/language/{language}/", href
        [links[language]] = parse_qs(parts.query)["next"]
    return links
