import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS


@pytest.fixture
def editor(transactional_db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")


@pytest.mark.parametrize(("prefix", "heading"), [("", "Sign-in is locked for a while"), ("/zh-hans", "登录暂时被锁定")])
def test_five_wrong_passwords_show_the_lockout_page(editor, live_server, browser, prefix, heading):
    # Not the `page` fixture: the browser reports the lockout's 429 status as a console error.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for _ in range(5):
        page.goto(f"{live_server.url}{prefix}/admin/login/")
        page.locator("#id_username").fill("editor")
        page.locator("#id_password").fill("wrong-password")
        page.locator("input[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"signin-locked{prefix.replace('/', '-')}.png"), full_page=True)
    context.close()
