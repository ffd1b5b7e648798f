"""A first visit to an article stays light on a phone connection, and loads nothing from other hosts."""

import gzip
import re
from io import StringIO

import pytest
from django.core.management import call_command

from faq.models import Article

BUDGET = 100 * 1024
NOT_ASSETS = ("canonical", "alternate")


def assets_of(html):
    urls = []
    for tag in re.findall(r"<(?:link|script|img)\b[^>]*>", html):
        rel = re.search(r'\brel="([^"]+)"', tag)
        if rel and rel.group(1) in NOT_ASSETS:
            continue
        url = re.search(r'\b(?:href|src)="([^"]+)"', tag)
        if url:
            urls.append(url.group(1))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_article_page_with_its_assets_is_under_100_kb_on_a_first_visit(client, language):
    call_command("load_demo", stdout=StringIO())
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    article = seed if language == "en" else seed.translations.get()

    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assets = assets_of(html)

    # Everything comes from this site: no other host, not even protocol-relative.
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets), assets
    # The HTML as the portal sends it (uncompressed), the static files as whitenoise serves them (gzip).
    sizes = {"html": len(response.content)}
    for url in assets:
        asset = client.get(url)
        assert asset.status_code == 200, url
        sizes[url] = len(gzip.compress(b"".join(asset.streaming_content), compresslevel=9))
    total = sum(sizes.values())
    assert total < BUDGET, f"{total} bytes: {sizes}"
