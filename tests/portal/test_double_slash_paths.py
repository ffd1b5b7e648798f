"""A path that starts with // never turns into a link to another host (language switch, canonical, og:url, hreflang)."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

ATTRIBUTE_URLS = re.compile(r'(?:href|content|action)="([^"]*)"')


def hosts_linked(html):
    return {urlsplit(url.replace("&amp;", "&")).netloc for url in ATTRIBUTE_URLS.findall(html)} - {""}


@pytest.mark.parametrize(
    "path",
    ["//evil.example/", "//evil.example/faq/", "///evil.example/", "/zh-hans//evil.example/"],
)
def test_no_link_points_to_the_host_named_in_the_path(client, path):
    # The raw path, as a client sends "GET //evil.example/ HTTP/1.1" (the test client would read a host in it).
    response = client.get("/", {"q": "1"}, PATH_INFO=path)

    assert response.status_code == 404
    html = response.content.decode()
    assert hosts_linked(html) == {"testserver"}  # the canonical and hreflang links are absolute
