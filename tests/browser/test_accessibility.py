"""WCAG 2.1 AA in a real browser: axe-core on every kind of page, both languages, phone and desktop,
and the keyboard paths a reader without a mouse takes."""

from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import Article
from tests.browser.conftest import ARTIFACTS
from tests.conftest import REPO
from tests.factories import make_article, make_category

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
REFUND_ELIGIBLE = "year=2026&other_scheme=employee&other_start=2025-12-31"
RETIREMENT = "category=female_50&birth_month=1984-11&years_paid=20"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())
    seed = Article.objects.get(title="Can I pay the medical insurance again?")
    # Content with no version in the other language: the language switch leads to a page that says so.
    only_english = make_article(
        category=make_category(name="Pensions", slug="pensions"), slug="pension-age", title="Pension age",
        question="When can I draw my pension?", summary="At the statutory retirement age.",
    )
    only_chinese = make_article(
        category=make_category(name="养老金", slug="养老金", language="zh-hans"), slug="领取年龄",
        title="养老金领取年龄", question="什么时候可以领养老金？", summary="到法定退休年龄时。", language="zh-hans",
    )
    return {
        "en": seed,
        "zh-hans": seed.translations.get(),
        "untranslated": {"en": only_chinese, "zh-hans": only_english},
    }


def pages_to_check(demo, language):
    """(name, path) of every kind of page a reader meets, under the language's prefix."""
    seed = demo[language]
    prefix = "" if language == "en" else f"/{language}"
    article = seed.get_absolute_url()
    category = seed.category.get_absolute_url()
    # The other language's article and category under this language's prefix.
    untranslated = demo["untranslated"][language]
    found = "pay" if language == "en" else quote("医保")
    return [
        ("home", f"{prefix}/"),
        ("category", category),
        ("article", article),
        ("untranslated-article", prefix + untranslated.get_absolute_url().removeprefix("/zh-hans")),
        ("untranslated-category", prefix + untranslated.category.get_absolute_url().removeprefix("/zh-hans")),
        ("search-results", f"{prefix}/search/?q={found}"),
        ("search-nothing", f"{prefix}/search/?q=zzzzqq"),
        ("search-empty", f"{prefix}/search/"),
        ("checker-list", f"{prefix}/checkers/"),
        ("checker-start", f"{prefix}/checkers/refund/"),
        ("checker-questions", f"{prefix}/checkers/refund/questions/"),
        ("checker-error", f"{prefix}/checkers/refund/answer/?year=abc&other_scheme=employee"),
        ("checker-outcome", f"{prefix}/checkers/refund/answer/?{REFUND_ELIGIBLE}"),
        # The card-use questions show follow-ups by answer; the retirement answer adds its own lines.
        (
            "card-use-questions",
            f"{prefix}/checkers/card-use/questions/?scheme=employee&use=treatment&cause=third_party",
        ),
        ("card-use-error", f"{prefix}/checkers/card-use/answer/?scheme=employee&use=relative&asked=relation"),
        # Without the script, the follow-ups the answers call for come on a step of their own.
        ("card-use-step", f"{prefix}/checkers/card-use/answer/?scheme=employee&use=treatment"),
        ("card-use-outcome", f"{prefix}/checkers/card-use/answer/?scheme=employee&use=cash"),
        ("retirement-outcome", f"{prefix}/checkers/retirement/answer/?{RETIREMENT}"),
        # Dates typed in boxes, and those boxes refused.
        ("pay-again-questions", f"{prefix}/checkers/pay-again/questions/?other_scheme=employee"),
        ("retirement-error", f"{prefix}/checkers/retirement/answer/?birth_month_month=13&birth_month_year=1970"),
        ("not-found", f"{prefix}/faq/no-such-category/no-such-article/"),
        ("privacy", f"{prefix}/privacy/"),
        ("accessibility", f"{prefix}/accessibility/"),
        ("api", f"{prefix}/api/"),
    ]


def axe_violations(page):
    """axe-core's default rules (WCAG 2.0/2.1 A and AA, and best practices) on the loaded page."""
    # evaluate() is not subject to the page's Content-Security-Policy, which forbids inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + "  " + n.html.slice(0, 120)),
            }));
        }"""
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_axe_finds_no_violations(demo, live_server, browser, language, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    report = []
    for name, path in pages_to_check(demo, language):
        response = page.goto(live_server.url + path)
        assert response.status == (404 if name == "not-found" else 200), path
        for violation in axe_violations(page):
            report.append(f"{name} {path}: {violation['id']} ({violation['impact']}) {violation['help']}")
            report += [f"    {node}" for node in violation["nodes"]]
        if name in ("article", "untranslated-article", "category"):
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{language}-{viewport}.png"), full_page=True)
    context.close()

    assert report == [], "axe violations:\n" + "\n".join(report)
    # The 404 page's own request is the one expected console error; nothing else, e.g. no CSP report.
    assert [error for error in errors if "404" not in error] == []


def focus_is_visible(page):
    """The focused element draws an outline or a focus ring (box-shadow)."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== "none";
        }"""
    )


def test_keyboard_reader_skips_to_the_content_and_sees_where_focus_is(demo, live_server, page):
    page.goto(live_server.url + demo["en"].get_absolute_url())

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # The next Tab stops inside the main content, with a visible focus ring.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert focus_is_visible(page)


def test_keyboard_reader_searches_from_the_header(demo, live_server, page):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    page.keyboard.press("Tab")  # checkers
    page.keyboard.press("Tab")  # language switch
    page.keyboard.press("Tab")
    search = page.get_by_role("combobox", name="Search the questions")
    expect(search).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.type("refund")
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url + "/search/?q=refund")
    expect(page.get_by_role("heading", level=1)).to_contain_text("for “refund”")
    expect(page.locator(".search-result mark").first).to_have_text("refund", ignore_case=True)


def test_the_error_summary_takes_focus(demo, live_server, page):
    page.goto(live_server.url + "/checkers/refund/questions/")

    page.get_by_role("button", name="See the answer").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    assert focus_is_visible(page)
