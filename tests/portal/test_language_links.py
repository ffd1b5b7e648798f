"""The page in each language, worked out from the view the request resolved to, is translate_url's answer."""

import re
from html import unescape

import pytest
from django.urls import translate_url

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="http://testserver([^"]+)">')


@pytest.mark.parametrize("path", [
    "/", "/zh-hans/", "/search/?q=refund&page=1", "/zh-hans/search/?q=%E9%80%80%E8%B4%B9", "/checkers/",
    "/checkers/pay-again/answer/?year=2026&paid=yes&other_scheme=employee&other_start=2025-12-31",
])
def test_every_language_version_of_a_page_is_where_translate_url_puts_it(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    asked = response.wsgi_request.get_full_path()  # as the view saw it: the page cache orders the query
    alternates = dict(ALTERNATE.findall(response.content.decode()))
    assert {"en", "zh-hans"} <= set(alternates)
    for code in ("en", "zh-hans"):
        assert unescape(alternates[code]) == translate_url(asked, code)
