"""What search engines and link previews read: sitemap, robots.txt, head tags, JSON-LD, the Atom feed."""

import json
import re
from datetime import datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest

from faq.models import Article, Category
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


def written_past_the_models(article, **fields):
    """Write `fields` as raw SQL or an old row would, without the cleaning saves do."""
    Article.objects.filter(pk=article.pk).update(**fields)


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")},
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_published_articles_with_lastmod_and_language_alternates(client, translated):
    original, chinese = translated
    make_article(title="Hidden", status=Article.Status.DRAFT)
    moment = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    Article.objects.filter(pk=original.pk).update(updated_at=moment)

    urls = _sitemap(client)

    english, zh = "http://testserver" + original.get_absolute_url(), "http://testserver" + chinese.get_absolute_url()
    assert urls[english]["lastmod"] == "2026-11-20"
    expected = {"en": english, "zh-hans": zh, "x-default": english}
    assert urls[english]["alternates"] == expected
    assert urls[zh]["alternates"] == expected
    assert not [url for url in urls if "hidden" in url]


def test_sitemap_lists_fixed_pages_in_both_languages_and_categories_where_they_have_articles(client, translated):
    urls = _sitemap(client)

    assert urls["http://testserver/"]["alternates"] == {
        "en": "http://testserver/",
        "zh-hans": "http://testserver/zh-hans/",
        "x-default": "http://testserver/",
    }
    assert "http://testserver/zh-hans/checkers/" in urls
    assert "http://testserver/faq/cards/" in urls
    assert "http://testserver/zh-hans/faq/cards/" not in urls
    assert "http://testserver/zh-hans/faq/%E5%8C%BB%E4%BF%9D%E5%8D%A1/" in urls


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /zh-hans/admin/", "Disallow: /search/"} <= set(lines)


def test_article_head_has_canonical_description_and_open_graph(client, translated):
    original, _chinese = translated
    html = client.get(original.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]

    url = "http://testserver" + original.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in head
    assert f'<meta property="og:url" content="{url}">' in head
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:title" content="Card">' in head
    assert '<meta name="description" content="Answer' in head
    assert '<meta property="og:locale" content="en_US">' in head
    assert '<meta property="og:locale:alternate" content="zh_CN">' in head
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/articles.atom"' in head


def test_search_results_are_not_indexed_and_have_a_canonical_without_the_query(client):
    head = client.get("/search/?q=card").content.decode().split("</head>")[0]

    assert '<meta name="robots" content="noindex, follow">' in head
    assert '<link rel="canonical" href="http://testserver/search/">' in head


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {data["@type"]: data for data in map(json.loads, blocks)}


def test_article_json_ld_has_the_question_the_full_answer_and_the_breadcrumb(client):
    article = make_article(
        category=make_category(name="Cards", slug="cards"),
        title="Card cash",
        question="Can I take cash from the card?",
        body="No.\n\n1. **Never**\n\n   It is forbidden.",
    )

    data = _json_ld(client.get(article.get_absolute_url()).content.decode())

    question = data["FAQPage"]["mainEntity"][0]
    assert question["name"] == "Can I take cash from the card?"
    answer = question["acceptedAnswer"]["text"]
    assert "<p>No.</p>" in answer and "<strong>Never</strong>" in answer and "It is forbidden." in answer
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Social Security Help", "Cards", "Card cash"]
    assert crumbs[-1]["item"] == "http://testserver" + article.get_absolute_url()


def test_json_ld_cannot_close_its_script_element(client):
    article = make_article(title="</script><script>alert(1)</script>", question="Q </script> & <!--")

    html = client.get(article.get_absolute_url()).content.decode()

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 2
    assert all("<" not in block and ">" not in block for block in blocks)
    assert _json_ld(html)["FAQPage"]["mainEntity"][0]["name"] == "Q </script> & <!--"


def test_article_json_ld_holds_no_control_characters_even_from_a_row_that_skipped_cleaning(client):
    article = make_article(category=make_category(name="Cards"))
    written_past_the_models(article, title="Card\x0bcash", question="Cash\x01?", body="No.\x0bNever\x1b.")
    Category.objects.filter(pk=article.category_id).update(name="Cards\x08")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    data = _json_ld(response.content.decode())
    question = data["FAQPage"]["mainEntity"][0]
    assert question["name"] == "Cash?"
    assert "No.\nNever." in question["acceptedAnswer"]["text"]
    assert [crumb["name"] for crumb in data["BreadcrumbList"]["itemListElement"]][1:] == ["Cards", "Card\ncash"]


def test_atom_feed_lists_new_and_updated_articles_of_its_language(client, translated):
    original, chinese = translated
    make_article(title="Draft", status=Article.Status.DRAFT)

    english = ElementTree.fromstring(client.get("/feeds/articles.atom").content)
    zh = ElementTree.fromstring(client.get("/zh-hans/feeds/articles.atom").content)

    assert [entry.findtext(f"{ATOM}title") for entry in english.findall(f"{ATOM}entry")] == ["Card"]
    assert [entry.findtext(f"{ATOM}title") for entry in zh.findall(f"{ATOM}entry")] == ["医保卡取现"]
    entry = english.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + original.get_absolute_url()
    assert entry.findtext(f"{ATOM}updated")
    assert zh.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-hans"



def test_atom_feed_holds_only_what_xml_allows_even_from_a_row_that_skipped_cleaning(client):
    article = make_article(category=make_category(name="Cards"))
    written_past_the_models(article, title="Card\x0bcash", body="No.\x0bNever\x1b.")
    Category.objects.filter(pk=article.category_id).update(name="Cards\x08")

    response = client.get("/feeds/articles.atom")

    assert response.status_code == 200
    entry = ElementTree.fromstring(response.content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Card\ncash"
    assert "No.\nNever." in entry.findtext(f"{ATOM}summary")
    assert entry.find(f"{ATOM}category").get("term") == "Cards"


def test_sitemap_holds_only_what_xml_allows_even_from_a_row_that_skipped_cleaning(client):
    article = make_article(category=make_category(slug="cards"), slug="card")
    written_past_the_models(article, title="Card\x0bcash", question="Cash\x01?", body="No.\x0bNever\x1b.")
    Category.objects.filter(pk=article.category_id).update(name="Cards\x08", description="About\x0ccards.")

    assert "http://testserver" + article.get_absolute_url() in _sitemap(client)
