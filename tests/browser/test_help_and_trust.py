"""Help beyond the page and trust, as a reader on a phone sees them in both languages: the help block,
what a "No" brings, the region's own office under a checker answer, "What changed", the recently updated
answers, and the privacy and accessibility statements. Every page axe clean."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.corrections import article_rows, correction_data, correction_submit
from faq.models import Article, ArticleChange, ArticleFeedback
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import axe_violations
from tests.factories import make_staff
from tests.policy.factories import make_required_years

LANGUAGES = ["en", "zh-hans"]
WORDS = {
    "en": {
        "help": "Still need help?",
        "find_office": "Find your local office",
        "no": "No",
        "outdated": "It seems out of date",
        "send": "Send",
        "reason_thanks": "Thank you for telling us what was wrong.",
        "comment_help": "At most 300 characters.",
        "related": "Related articles",
        "office": "Official medical insurance service page for Testshire",
        "what_changed": "What changed",
        "note": "The waiting period from 2025 is added.",
        "recent": "Recently updated answers",
        "privacy": "Privacy",
        "privacy_title": "Privacy notice",
        "accessibility": "Accessibility",
        "accessibility_title": "Accessibility statement",
    },
    "zh-hans": {
        "help": "还需要帮助？",
        "find_office": "查找当地医保经办机构",
        "no": "没有帮助",
        "outdated": "内容好像过时了",
        "send": "提交",
        "reason_thanks": "感谢您告诉我们问题所在",
        "comment_help": "最多 300 个字",
        "related": "相关文章",
        "office": "测试市医保官方服务页面",
        "what_changed": "更新内容",
        "note": "补充了2025年起的等待期。",
        "recent": "最近更新的解答",
        "privacy": "隐私",
        "privacy_title": "隐私声明",
        "accessibility": "无障碍",
        "accessibility_title": "无障碍声明",
    },
}
RETIREMENT = "checkers/retirement/answer/?category=male_60&birth_month=1970-01&years_paid=15&region=999001"
OFFICE = "https://ybj.testshire.example/"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    return {"en": seed, "zh-hans": seed.translations.get()}


def prefix(live_server, language):
    return live_server.url + ("/" if language == "en" else f"/{language}/")


def assert_axe_clean(page):
    violations = axe_violations(page)
    assert violations == [], violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_no_vote_brings_the_reason_question_related_articles_checkers_and_help(
    demo, live_server, page, screenshot, language
):
    words, article = WORDS[language], demo[language]
    page.goto(live_server.url + article.get_absolute_url())
    help_block = page.locator("#still-need-help")
    expect(help_block.get_by_role("heading", name=words["help"])).to_be_visible()
    expect(help_block.get_by_role("link", name="12393")).to_have_attribute("href", "tel:12393")
    office = help_block.get_by_role("link", name=words["find_office"])
    expect(office).to_have_attribute("href", "https://www.nhsa.gov.cn/")

    feedback = page.locator("#feedback")
    feedback.get_by_role("button", name=words["no"], exact=True).click()

    expect(page).to_have_url(re.compile(r"\?feedback=sent&vote=[^&#]+#feedback$"))
    expect(feedback.get_by_role("button", name=words["no"], exact=True)).to_have_count(0)
    expect(feedback.get_by_role("radio", name=words["outdated"])).to_be_visible()
    expect(feedback.locator("#still-need-help")).to_be_visible()
    expect(feedback.locator("#id_comment-help")).to_contain_text(words["comment_help"])
    expect(page.locator("#still-need-help")).to_have_count(1)
    related = [link.target for link in article.related_links.filter(target__isnull=False)]
    if related:
        expect(feedback.get_by_role("heading", name=words["related"])).to_be_visible()
    expect(feedback.locator(".feedback-checkers a")).to_have_count(article.checker_links.count())
    assert_axe_clean(page)
    screenshot(f"help-after-no-{language}")
    feedback.screenshot(path=str(ARTIFACTS / f"help-after-no-{language}-feedback.png"))

    feedback.get_by_text(words["outdated"]).click()  # the label, not the small circle
    feedback.get_by_role("button", name=words["send"]).click()

    expect(page.locator("#feedback")).to_contain_text(words["reason_thanks"])
    expect(page.locator("#feedback").get_by_role("radio")).to_have_count(0)
    assert list(ArticleFeedback.objects.values_list("helpful", "reason")) == [(False, "outdated")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_checker_answer_offers_the_hotline_app_and_the_regions_own_office(
    demo, live_server, page, screenshot, language
):
    # A row of our own: the live server's database is emptied between tests, seeded rows included.
    make_required_years(region_name_zh="测试市", men_years=15, women_years=15, min_local_years=None, office_url=OFFICE)
    words = WORDS[language]
    page.goto(prefix(live_server, language) + RETIREMENT)

    help_block = page.locator("#still-need-help")
    expect(help_block.get_by_role("link", name="12393")).to_be_visible()
    expect(help_block.get_by_role("link", name=words["office"])).to_have_attribute("href", OFFICE)
    expect(help_block.locator(".help-app")).to_have_attribute("href", "https://fuwu.nhsa.gov.cn/")
    assert_axe_clean(page)
    screenshot(f"help-checker-answer-{language}")
    help_block.screenshot(path=str(ARTIFACTS / f"help-checker-answer-{language}-block.png"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_changed_on_the_article_and_the_recently_updated_answers_on_home(
    demo, live_server, page, screenshot, language
):
    words, article = WORDS[language], demo[language]
    ArticleChange.objects.create(article=article, note=words["note"])
    article.save()  # as approving the correction does: the answer is the latest updated

    page.goto(prefix(live_server, language))
    recent = page.locator(".recently-updated")
    expect(recent.get_by_role("heading", name=words["recent"])).to_be_visible()
    expect(recent).to_contain_text(words["note"])
    assert_axe_clean(page)
    screenshot(f"home-recently-updated-{language}")
    recent.screenshot(path=str(ARTIFACTS / f"home-recently-updated-{language}-list.png"))

    recent.get_by_role("link", name=article.title).click()
    page.locator(".article-dates").get_by_role("link", name=words["what_changed"]).click()
    what_changed = page.locator(".what-changed")
    expect(what_changed).to_be_in_viewport()
    expect(what_changed).to_contain_text(words["note"])
    assert_axe_clean(page)
    screenshot(f"article-what-changed-{language}")
    page.locator(".article-dates").screenshot(path=str(ARTIFACTS / f"article-what-changed-{language}-dates.png"))
    what_changed.screenshot(path=str(ARTIFACTS / f"article-what-changed-{language}-notes.png"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("statement", ["privacy", "accessibility"])
def test_the_statements_open_from_the_footer(demo, live_server, page, screenshot, language, statement):
    words = WORDS[language]
    page.goto(prefix(live_server, language))

    page.locator(".site-footer").get_by_role("link", name=words[statement], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words[f"{statement}_title"])
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_axe_clean(page)
    screenshot(f"{statement}-{language}")


@pytest.fixture
def publisher(transactional_db):
    return make_staff("Publisher", username="pat")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_publisher_writes_the_note_on_approving_and_a_reader_reads_it_on_a_phone(
    demo, publisher, live_server, browser, page, sign_in, screenshot, language
):
    words, article = WORDS[language], demo[language]
    editor = make_staff("Editor", username="erin")
    edited = Article.objects.get(pk=article.pk)
    edited.body += "\n\nA sentence the editor added."
    correction = correction_submit(
        article=article, data=correction_data(article=edited, rows=article_rows(article)),
        base_version=article.version, user=editor,
    )

    sign_in("pat", "password")
    page.goto(f"{live_server.url}/admin/faq/correction/{correction.pk}/change/")
    page.get_by_label("Public note on what changed").fill(words["note"])
    screenshot(f"admin-correction-note-{language}")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("The correction is published")

    reader = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator(".what-changed")).to_contain_text(words["note"])
    expect(reader.locator(".article-body")).to_contain_text("A sentence the editor added.")
    assert_axe_clean(reader)
    reader.context.close()


def test_a_publisher_changes_the_help_texts_in_admin_and_readers_see_them_in_both_languages(
    demo, publisher, live_server, browser, page, sign_in, screenshot
):
    seed = demo["en"]
    reader = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(live_server.url + seed.get_absolute_url())  # kept for readers from now on
    expect(reader.locator("#still-need-help")).to_contain_text("12393")

    sign_in("pat", "password")
    page.goto(live_server.url + "/admin/portal/sitesettings/")
    page.get_by_label("About the hotline:", exact=True).fill("Answered on working days, 9:00 to 17:00.")
    page.get_by_label("About the hotline, in Chinese:").fill("工作日 9:00 至 17:00 接听。")
    screenshot("admin-site-settings")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()

    # A fresh browser: another one may show its own copy for up to max-age; the server's is new at once.
    reader.context.close()
    reader = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(live_server.url + seed.get_absolute_url())
    expect(reader.locator("#still-need-help")).to_contain_text("Answered on working days, 9:00 to 17:00.")
    reader.goto(live_server.url + demo["zh-hans"].get_absolute_url())
    expect(reader.locator("#still-need-help")).to_contain_text("工作日 9:00 至 17:00 接听。")
    assert_axe_clean(reader)
    reader.context.close()
