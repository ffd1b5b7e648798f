"""Sign-in lockout: 5 failures for a username from one address lock that pair, 20 from one address lock
the address, for 15 minutes; nobody can lock an editor out from elsewhere."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.factories import make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor():
    return make_staff("Editor", username="editor")


def sign_in(username, password, address="192.0.2.10", path=LOGIN, **headers):
    """A sign-in from a fresh browser at `address`; returns the response."""
    return Client(REMOTE_ADDR=address).post(
        path, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_four_failures_then_the_right_password_signs_in(editor):
    for _ in range(4):
        assert sign_in("editor", "wrong").status_code == 200

    assert signed_in(sign_in("editor", "password"))


def test_five_failures_lock_the_username_at_that_address_only(editor):
    for _ in range(5):
        sign_in("editor", "wrong", address="192.0.2.1")

    response = sign_in("editor", "password", address="192.0.2.1")

    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    assert "Sign-in is locked for a while" in html
    assert "After 5 failed sign-ins" in html and "cannot sign in for 15 minutes" in html
    assert 'href="/static/css/portal.css"' in html or "css/portal" in html
    assert signed_in(sign_in("editor", "password", address="198.51.100.99"))


def test_failures_with_an_editors_name_from_many_addresses_never_lock_the_editor_out(editor):
    for number in range(30):
        sign_in("editor", "wrong", address=f"192.0.2.{number}")

    assert signed_in(sign_in("editor", "password", address="198.51.100.99"))


def test_an_address_is_locked_for_every_username_only_after_twenty_failures(editor, settings):
    for number in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(f"guess{number}", "wrong", address="203.0.113.5")
    assert signed_in(sign_in("editor", "password", address="203.0.113.5"))

    for number in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT):
        sign_in(f"guess{number}", "wrong", address="203.0.113.7")

    assert sign_in("editor", "password", address="203.0.113.7").status_code == 429
    assert signed_in(sign_in("editor", "password", address="203.0.113.6"))


def test_behind_a_proxy_the_forwarded_address_is_locked(editor, settings):
    settings.TRUSTED_PROXIES = 1
    for number in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT):
        # The proxy connects from one address; each client's own is the entry it appended.
        sign_in(f"guess{number}", "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.1.1.{number}, 203.0.113.5")

    locked = sign_in("editor", "password", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = sign_in("editor", "password", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert locked.status_code == 429
    assert signed_in(other)


def test_the_lockout_page_speaks_chinese(editor):
    for _ in range(5):
        sign_in("editor", "wrong", path="/zh-hans" + LOGIN)

    html = sign_in("editor", "password", path="/zh-hans" + LOGIN).content.decode()

    assert '<html lang="zh-hans"' in html
    assert "登录暂时被锁定" in html and "15分钟" in html


def test_the_lock_ends_after_15_minutes(editor):
    for _ in range(5):
        sign_in("editor", "wrong")
    assert sign_in("editor", "password").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    assert signed_in(sign_in("editor", "password"))


def test_an_administrator_unlocks_in_admin(editor, admin_client):
    for _ in range(5):
        sign_in("editor", "wrong")
    changelist = "/admin/axes/accessattempt/"
    attempts = AccessAttempt.objects.filter(username="editor").values_list("pk", flat=True)

    page = admin_client.get(changelist)
    admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": list(attempts), "post": "yes"}
    )

    assert page.status_code == 200 and "editor" in page.content.decode()
    assert not AccessAttempt.objects.filter(username="editor").exists()
    assert signed_in(sign_in("editor", "password"))


def test_sign_ins_and_lockouts_are_logged(editor, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        sign_in("editor", "password")
        for _ in range(5):
            sign_in("editor", "wrong", address="192.0.2.77")

    messages = [record.getMessage() for record in caplog.records]
    assert any("Successful login" in message and "editor" in message for message in messages)
    assert any("Locking out" in message and "192.0.2.77" in message for message in messages)
