"""The dashboard in a real browser under the strict CSP: charts drawn without script, tables that hold
the counts the test made, the period switch, the actions on searches that found nothing, an article's
own small charts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from faq.models import ArticleFeedback
from faq.services import search_counts, search_log_record
from insights.counts import checker_use_record, page_view_record, reader_counts_flush
from tests.browser.test_accessibility import AXE
from tests.factories import make_article, make_staff

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def counted(transactional_db):
    make_staff("Editor", username="erin")
    refunds = make_article(title="Refunds after enrolling twice", language="en")
    resign = make_article(title="辞职后医保怎么办", language="zh-hans")
    today = timezone.localdate()
    for offset in range(5):
        day = today - timedelta(days=offset)
        for _view in range(3):
            page_view_record(article_id=refunds.pk, language="en", day=day)
        page_view_record(article_id=resign.pk, language="zh-hans", day=day)
        search_log_record(query="灵活就业", result_count=0, language="zh-hans", day=day)
        search_log_record(query="refund", result_count=1, language="en", day=day)
        checker_use_record(checker="refund", language="en", event="started", day=day)
    checker_use_record(checker="refund", language="en", event="answered", outcome="refund_eligible", day=today)
    # An old count, outside the 7 days.
    page_view_record(article_id=refunds.pk, language="en", day=today - timedelta(days=20))
    reader_counts_flush()
    search_counts.flush()
    ArticleFeedback.objects.create(article=refunds, voter_key="k1", helpful=True)
    ArticleFeedback.objects.create(article=refunds, voter_key="k2", helpful=False, reason="outdated")
    return refunds, resign


def sign_in_as(page, sign_in, username):
    sign_in(username, "password")
    expect(page.locator("#user-tools")).to_be_visible()
    page.set_viewport_size(DESKTOP)


def cells(page, key):
    return page.locator(f"#table-{key} tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.children].map(cell => cell.textContent.trim()))"
    )


def test_dashboard_charts_and_tables_match_the_counts(live_server, page, sign_in, screenshot, counted):
    refunds, resign = counted
    sign_in_as(page, sign_in, "erin")
    page.get_by_role("link", name="How the content serves readers: reading").click()
    page.get_by_role("link", name="last 7 days").click()

    expect(page.locator("svg.chart")).not_to_have_count(0)
    assert page.locator("svg.chart rect.bar").count() > 10
    assert page.locator("script:not([src])").count() == 0 and page.locator("[style]").count() == 0
    assert cells(page, "most-read-en") == [[refunds.title, "15"]]
    assert cells(page, "most-read-zh-hans") == [[resign.title, "5"]]
    views = cells(page, "views")
    assert len(views) == 7 and views[-1][1:] == ["3", "1"]
    assert cells(page, "searches")[-1][1:] == ["2", "1", "50%"]
    assert cells(page, "reasons") == [["It seems out of date", "1"]]
    refund_row = next(row for row in cells(page, "checkers") if row[0].startswith("Can I get my contribution"))
    assert refund_row[1:3] == ["5", "1"]
    screenshot("admin-reader-dashboard")

    page.get_by_role("link", name="last 30 days").click()
    assert cells(page, "most-read-en") == [[refunds.title, "16"]]

    row = page.locator("#zero-result-actions tr", has_text="灵活就业")
    with page.expect_navigation():
        row.get_by_role("link", name="Write an article").click()
    expect(page.get_by_label("Title:")).to_have_value("灵活就业")
    expect(page.get_by_label("Status:")).to_have_value("draft")


def test_csv_download(live_server, page, sign_in, counted):
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/insights/pageviewcount/?days=7")
    with page.expect_download() as download:
        page.locator("#chart-most-read-en").get_by_role("link", name="Download the figures (CSV)").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines() == ["Article,Views", f"{counted[0].title},15"]


def test_an_article_change_page_shows_its_small_charts(live_server, page, sign_in, screenshot, counted):
    refunds, _resign = counted
    sign_in_as(page, sign_in, "erin")
    page.goto(f"{live_server.url}/admin/faq/article/{refunds.pk}/change/")

    stats = page.locator("#reader-stats")
    expect(stats.locator("svg.chart")).to_have_count(3)
    assert cells(page, "article-searches") == [["refund", "5"]]  # "灵活就业" found nothing
    views = cells(page, "article-views")
    assert sum(int(row[1]) for row in views) == 16 and all(row[2] == "0" for row in views)
    votes = cells(page, "article-votes")
    assert votes[-1][1:] == ["1", "1"]
    stats.screenshot(path="test-artifacts/admin-article-reader-stats.png")


def test_the_dashboard_and_an_articles_charts_pass_axe(live_server, browser, counted):
    # A context of its own: axe sets inline styles as it runs, which the strict CSP reports as console errors.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_be_visible()
    found = []
    for path, part in (
        ("/admin/insights/pageviewcount/?days=7", ".insights-dashboard"),
        (f"/admin/faq/article/{counted[0].pk}/change/", "#reader-stats"),
    ):
        page.goto(live_server.url + path)
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found += page.evaluate(
            """async part => (await axe.run(part, {resultTypes: ["violations"]})).violations
                .map(v => `${v.id}: ${v.help} ${v.nodes.slice(0, 2).map(n => n.target.join(" ")).join(", ")}`)""",
            part,
        )
    context.close()
    assert found == []
