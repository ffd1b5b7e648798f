"""The API's page for people: in both languages, every endpoint with an example that answers when copied."""

import re
from html import unescape

import pytest

from policy.checkers import CHECKERS

pytestmark = pytest.mark.django_db

EXAMPLE = re.compile(r"<code>curl '([^']+)'</code>")


@pytest.mark.parametrize("path, language, heading", [
    ("/api/", "en", "API for developers"), ("/zh-hans/api/", "zh-hans", "开发者接口"),
])
def test_the_page_lists_every_endpoint_in_the_readers_language(client, path, language, heading):
    response = client.get(path)
    page = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert f"<h1 class=\"h3 mb-3\">{heading}</h1>" in page
    for slug in CHECKERS:
        assert f"GET /api/v1/checkers/{slug}/" in page
    assert "GET /api/v1/search/" in page
    assert "http://testserver/api/v1/openapi.json" in page
    assert "<script>" not in page and "style=" not in page


def test_the_chinese_page_words_the_questions_in_chinese(client):
    page = client.get("/zh-hans/api/").content.decode()

    assert "您问的是哪个参保年度？" in page
    assert "Which coverage year" not in page


@pytest.mark.parametrize("path", ["/api/", "/zh-hans/api/"])
def test_every_example_answers_when_copied(client, path):
    examples = [unescape(url) for url in EXAMPLE.findall(client.get(path).content.decode())]

    assert len(examples) == len(CHECKERS) + 1
    for url in examples:
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, (url, response.content)


def test_the_footer_links_to_the_page(client):
    assert 'href="/api/"' in client.get("/").content.decode()
