"""The API's page for people on a phone, and the admin page that shows a new key once, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from apikeys.models import ApiKey
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language, prefix", [("en", ""), ("zh-hans", "/zh-hans")])
def test_the_api_page_reads_on_a_phone_and_its_example_opens_an_answer(live_server, page, screenshot, language,
                                                                       prefix):
    page.goto(f"{live_server.url}{prefix}/api/")

    expect(page.locator("h1")).to_have_text("API for developers" if language == "en" else "开发者接口")
    # Long commands wrap: nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(f"api-page-{language}")
    # The JSON itself is asked for as a client would (a browser opening it would also ask for a favicon).
    example = page.get_by_role("link", name=re.compile("Open this example|打开此示例")).first.get_attribute("href")
    answer = page.request.get(example)
    assert answer.ok and answer.json()["checker"] == "pay-again"


def test_a_publisher_makes_a_key_and_sees_it_once(live_server, page, sign_in, screenshot):
    make_staff("Publisher", username="publisher")
    sign_in("publisher", "password")

    page.goto(f"{live_server.url}/admin/apikeys/apikey/add/")
    page.get_by_label("Name").fill("Recruitment app, back end")
    page.get_by_label("Quota").fill("1200")
    page.get_by_role("button", name="Save", exact=True).click()

    key = page.locator("code.api-key").inner_text()
    assert key.startswith(ApiKey.objects.get().prefix + ".")
    screenshot("api-key-shown-once")
    page.get_by_role("link", name="Back to the API keys").click()
    expect(page.locator("#result_list")).to_contain_text("Recruitment app, back end")
    assert key not in page.content()
