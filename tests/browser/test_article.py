import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.seed import seed_body_sentences


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


def test_reader_reaches_the_seed_article_from_home_and_reads_it(demo, live_server, page, screenshot):
    page.goto(live_server.url + "/")
    page.locator(".article-list").get_by_role("link", name="Can I pay the medical insurance again?").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Can I pay the medical insurance again?"
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    assert "Social security inquiry" in breadcrumb.inner_text()
    text = page.locator(".article-body").inner_text()
    for sentence in seed_body_sentences():
        assert sentence in " ".join(text.split()), sentence
    points = page.locator(".article-body ol > li")
    assert points.count() == 3
    assert points.nth(0).locator("strong").inner_text() == "Cash withdrawal is prohibited."
    legal = page.get_by_role("region", name="Legal basis")
    assert "Article 27" in legal.inner_text()
    assert "statutory retirement age" in legal.inner_text()
    screenshot("seed-article-phone")

    # Every internal link on the page leads to a page that exists.
    hrefs = {href for href in page.locator("a").evaluate_all("links => links.map(a => a.href)")}
    internal = sorted(href for href in hrefs if href.startswith(live_server.url))
    assert len(internal) >= 5
    for href in internal:
        response = page.request.get(href)
        assert response.status == 200, href

    # Breadcrumb back to the category, which lists the article too.
    breadcrumb.get_by_role("link", name="Social security inquiry").click()
    assert re.search(r"/faq/social-security-inquiry/$", page.url)
    assert page.locator(".article-list").get_by_role("link", name="Can I pay the medical insurance again?").is_visible()
