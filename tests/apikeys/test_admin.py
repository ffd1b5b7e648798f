"""Publishers make, name, rotate and revoke keys in admin, set each one's quota and read its use; Editors
cannot. A key is shown once, on a page no browser keeps."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apikeys.models import ApiKey, ApiKeyUsage
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:apikeys_apikey_changelist")
ADD = reverse("admin:apikeys_apikey_add")
API_URL = "/api/v1/checkers/refund/?year=2026&other_scheme=none"
SHOWN_KEY = re.compile(r'<code class="api-key">([^<]+)</code>')


@pytest.fixture
def publisher(client):
    client.force_login(make_staff("Publisher"))
    return client


def _create(publisher, name="Recruitment app", quota="1200", period="3600"):
    return publisher.post(ADD, {"name": name, "quota": quota, "quota_period": period})


def test_a_publisher_creates_a_named_key_with_its_quota_and_sees_it_once(publisher, client):
    response = _create(publisher)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    [key] = SHOWN_KEY.findall(response.content.decode())
    api_key = ApiKey.objects.get()
    assert (api_key.name, api_key.quota, api_key.quota_period) == ("Recruitment app", 1200, 3600)
    assert api_key.created_by.groups.get().name == "Publisher"
    # Shown nowhere again: not in the list, not on the key's own page.
    for address in (CHANGELIST, reverse("admin:apikeys_apikey_change", args=[api_key.pk])):
        page = publisher.get(address).content.decode()
        assert api_key.prefix in page and key not in page
    publisher.logout()
    assert client.get(API_URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_a_key_needs_a_name_of_its_own(publisher):
    _create(publisher)

    response = _create(publisher)

    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert ApiKey.objects.count() == 1


def _action(publisher, action, *keys):
    return publisher.post(CHANGELIST, {"action": action, "_selected_action": [key.pk for key in keys]})


def test_rotating_shows_the_new_key_once_and_the_old_stops_working(publisher):
    [old] = SHOWN_KEY.findall(_create(publisher).content.decode())
    api_key = ApiKey.objects.get()

    response = _action(publisher, "rotate", api_key)

    [new] = SHOWN_KEY.findall(response.content.decode())
    assert "no-store" in response["Cache-Control"]
    assert new != old
    publisher.logout()
    assert publisher.get(API_URL, HTTP_AUTHORIZATION=f"Bearer {old}").status_code == 401
    assert publisher.get(API_URL, HTTP_AUTHORIZATION=f"Bearer {new}").status_code == 200


def test_revoking_makes_the_key_401_and_it_is_never_rotated_again(publisher):
    [key] = SHOWN_KEY.findall(_create(publisher).content.decode())
    api_key = ApiKey.objects.get()

    response = _action(publisher, "revoke", api_key)

    assert response.status_code == 302
    assert ApiKey.objects.get().revoked_at is not None
    response = _action(publisher, "rotate", api_key)
    assert SHOWN_KEY.findall(response.content.decode()) == []
    publisher.logout()
    assert publisher.get(API_URL, HTTP_X_API_KEY=key).status_code == 401


def test_a_publisher_changes_a_keys_quota_and_no_key_is_deleted(publisher):
    _create(publisher)
    api_key = ApiKey.objects.get()

    response = publisher.post(reverse("admin:apikeys_apikey_change", args=[api_key.pk]),
                              {"name": "Recruitment chat", "quota": "50", "quota_period": "60"})

    assert response.status_code == 302
    assert ApiKey.objects.get().rate == (50, 60)
    assert publisher.get(reverse("admin:apikeys_apikey_delete", args=[api_key.pk])).status_code == 403


def test_usage_is_listed_per_day_and_endpoint(publisher):
    _create(publisher)
    api_key = ApiKey.objects.get()
    ApiKeyUsage.objects.create(key=api_key, day=timezone.localdate(), endpoint="/api/v1/search/", requests=42)

    page = publisher.get(reverse("admin:apikeys_apikeyusage_changelist")).content.decode()

    assert "Recruitment app" in page and "/api/v1/search/" in page and "42" in page


@pytest.mark.parametrize("address", [CHANGELIST, ADD, reverse("admin:apikeys_apikeyusage_changelist")])
def test_an_editor_has_no_access(client, address):
    client.force_login(make_staff("Editor"))

    assert client.get(address).status_code == 403
