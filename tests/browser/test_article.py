import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import Article
from tests.factories import make_article, make_category
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


PHONE_HEIGHT = 844


def top(locator):
    return locator.bounding_box()["y"]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", {
            "in_short": "In short", "note": "Editor's note", "contents": "On this page", "legal": "Legal basis",
            "retirement": "After retirement", "article": "Article 27", "switch": "简体中文",
            "other_title": "医保可以重复缴纳吗？",
        }),
        ("zh-hans", {
            "in_short": "简而言之", "note": "编辑按语", "contents": "本页内容", "legal": "法律依据",
            "retirement": "退休后的医保", "article": "第二十七条", "switch": "English",
            "other_title": "Can I pay the medical insurance again?",
        }),
    ],
)
def test_the_seed_answers_first_on_a_phone_in_both_languages(demo, live_server, page, screenshot, language, words):
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    article = seed if language == "en" else seed.translations.get()
    page.goto(live_server.url + article.get_absolute_url())

    # The current rule is on the first screen, and the correction comes before the out-of-date text.
    in_short = page.get_by_role("region", name=words["in_short"])
    expect(in_short).to_contain_text(article.summary)
    assert top(in_short) < PHONE_HEIGHT
    note = page.locator(".editor-note")
    expect(note).to_contain_text(words["note"])
    assert top(in_short) < top(note) < top(page.locator(".article-body"))

    # The table of contents takes the reader to each part.
    contents = page.get_by_role("navigation", name=words["contents"])
    links = contents.get_by_role("link")
    assert links.count() == 5
    links.last.click()
    target = links.last.get_attribute("href")
    expect(page.locator(target)).to_be_in_viewport()
    page.goto(live_server.url + article.get_absolute_url())

    # Legal basis: grouped by the point each law supports, retirement under its own heading.
    legal = page.get_by_role("region", name=words["legal"])
    retirement = legal.get_by_role("heading", name=words["retirement"])
    expect(retirement).to_be_visible()
    assert legal.get_by_role("heading", level=3).count() == 3
    expect(legal.locator("dt").last).to_have_text(words["article"])

    # "Check your case" offers every checker the points lead to, the refund checker among them.
    check = page.locator(".check-your-case")
    expect(check.get_by_role("link")).to_have_count(4)
    assert check.locator("a[href$='/checkers/refund/']").count() == 1
    screenshot(f"seed-answer-first-{language}-phone")

    page.get_by_role("link", name=words["switch"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["other_title"])


@pytest.mark.parametrize(
    ("language", "notice", "home", "original_lang"),
    [
        ("zh-hans", "这篇解答还没有中文版", "中文首页", "en"),
        ("en", "This answer has not been translated into English yet.", "Home page in English", "zh-hans"),
    ],
)
def test_an_untranslated_answer_says_so_in_the_readers_language(
    demo, live_server, page, screenshot, language, notice, home, original_lang
):
    if original_lang == "en":
        article = make_article(
            category=make_category(name="Pensions", slug="pensions"), slug="pension-age", title="Pension age",
            question="When can I draw my pension?", summary="At the statutory retirement age.",
        )
        switch = "简体中文"
    else:
        article = make_article(
            category=make_category(name="养老金", slug="养老金", language="zh-hans"), slug="领取年龄",
            title="养老金领取年龄", question="什么时候可以领养老金？", summary="到法定退休年龄时。", language="zh-hans",
        )
        switch = "English"
    page.goto(live_server.url + article.get_absolute_url())

    page.get_by_role("link", name=switch, exact=True).click()

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("note")).to_contain_text(notice)
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", original_lang)
    expect(page.locator(".in-short-text")).to_have_attribute("lang", original_lang)
    screenshot(f"untranslated-answer-{language}-phone")
    page.get_by_role("note").get_by_role("link", name=home).click()
    expect(page).to_have_url(live_server.url + ("/" if language == "en" else "/zh-hans/"))


def test_the_category_switch_leads_to_the_translated_category(demo, live_server, page):
    page.goto(live_server.url + "/faq/social-security-inquiry/")

    page.get_by_role("link", name="简体中文").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("社保查询")
    published = Article.objects.published().filter(category__slug="社保查询").count()
    expect(page.locator(".article-list li")).to_have_count(published)
