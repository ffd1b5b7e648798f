"""Requests with an API key: the key's own quota instead of the address's, 401 for a wrong or revoked key
(kept answer or not), its use counted per day and endpoint without a write per request."""

import hashlib
import json

import pytest
from django.test import RequestFactory
from django.utils import timezone

from apikeys.models import ApiKey, ApiKeyUsage
from apikeys.services import KnownKeys, key_issue, key_revoke, key_rotate, known_keys, usage_counts
from portal.wsgi import application

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/checkers/refund/?year=2026&other_scheme=none"


def make_key(name="Recruitment app", quota=600, period=ApiKey.Period.MINUTE):
    api_key = ApiKey(name=name, quota=quota, quota_period=period)
    key = key_issue(api_key)
    api_key.save()
    return api_key, key


@pytest.fixture
def limits(settings):
    def set_limits(**groups):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **groups}

    return set_limits


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def answers(client, count, month=1, **headers):
    """Statuses of `count` different checker answers in `month` (a kept answer costs no allowance)."""
    return [client.get(f"{API_URL}&as_of=2026-{month:02}-{day:02}", **headers).status_code
            for day in range(1, count + 1)]


def test_a_key_is_kept_only_as_its_hash():
    api_key, key = make_key()

    assert key.startswith(api_key.prefix + ".")
    assert api_key.hashed == hashlib.sha256(key.encode()).hexdigest()
    assert key not in json.dumps(list(ApiKey.objects.values()), default=str)


@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_API_KEY"])
def test_a_valid_key_is_taken_in_either_header(client, header):
    _api_key, key = make_key()
    value = f"Bearer {key}" if header == "HTTP_AUTHORIZATION" else key

    assert client.get(API_URL, **{header: value}).status_code == 200


@pytest.mark.parametrize("value", ["Bearer nonsense", "Bearer ", "Bearer abcd1234.wrong"])
def test_a_wrong_key_is_a_json_401_in_the_clients_language(client, value):
    make_key()

    response = client.get(API_URL, HTTP_AUTHORIZATION=value, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"errors": {"__all__": ["接口密钥无效。请检查密钥，或不带密钥以使用地址的限额。"]}}


def test_a_revoked_key_is_401_even_where_the_answer_is_kept(client):
    api_key, key = make_key()
    assert client.get(API_URL, **bearer(key)).status_code == 200
    assert client.get(API_URL).status_code == 200  # kept

    key_revoke(api_key)

    assert client.get(API_URL, **bearer(key)).status_code == 401
    assert client.get(API_URL).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_key_revoked_elsewhere_is_refused_here_once_this_worker_asks_again(client, settings):
    api_key, key = make_key()
    assert client.get(API_URL, **bearer(key)).status_code == 200
    # Another worker revokes it: this one does not hear of it.
    ApiKey.objects.filter(pk=api_key.pk).update(revoked_at=timezone.now())
    assert client.get(API_URL, **bearer(key)).status_code == 200

    known_keys.clear()  # as when API_KEY_RECHECK_SECONDS have passed

    assert client.get(API_URL, **bearer(key)).status_code == 401


def test_a_known_key_is_asked_for_again_after_the_recheck_seconds(settings):
    settings.API_KEY_RECHECK_SECONDS = 5
    now = [100.0]
    keys = KnownKeys(clock=lambda: now[0])
    api_key = ApiKey(pk=7, quota=10, quota_period=60)
    keys.add("hash", api_key)

    assert keys.get("hash") == (7, (10, 60))
    now[0] += 5
    assert keys.get("hash") is None


@pytest.mark.django_db(transaction=True)
def test_the_wsgi_entry_refuses_a_wrong_key_before_the_kept_answer():
    def serve(**headers):
        sent = {}
        environ = RequestFactory().get(API_URL, **headers).environ
        body = b"".join(application(environ, lambda status, headers: sent.update(status=status)))
        return sent["status"], body

    assert serve()[0].startswith("200")
    assert serve()[0].startswith("200")  # kept now

    status, body = serve(HTTP_X_API_KEY="abcd1234.wrong")

    assert status.startswith("401")
    assert json.loads(body)["errors"]["__all__"]


def test_rotating_a_key_stops_the_old_one_and_starts_the_new(client):
    api_key, old = make_key()

    new = key_rotate(api_key)

    assert client.get(API_URL, **bearer(old)).status_code == 401
    assert client.get(API_URL, **bearer(new)).status_code == 200
    assert new.split(".")[0] == old.split(".")[0]


def test_a_keys_quota_replaces_the_addresss_api_limit(client, limits):
    limits(api=(2, 60))
    _api_key, key = make_key(quota=4)

    assert answers(client, 5, **bearer(key)) == [200, 200, 200, 200, 429]
    # The address's own allowance is untouched by the key's requests, and is its own.
    assert answers(client, 3, month=2) == [200, 200, 429]


def test_each_key_has_its_own_quota(client, limits):
    _first, first = make_key(name="App", quota=1)
    _second, second = make_key(name="Chat", quota=1)

    assert client.get(f"{API_URL}&as_of=2026-02-01", **bearer(first)).status_code == 200
    assert client.get(f"{API_URL}&as_of=2026-02-02", **bearer(first)).status_code == 429
    assert client.get(f"{API_URL}&as_of=2026-02-03", **bearer(second)).status_code == 200


def test_a_keys_quota_replaces_the_addresss_render_budget(client, limits):
    limits(render=(1, 60))
    _api_key, key = make_key(quota=3)

    assert answers(client, 2) == [200, 429]
    assert answers(client, 3, month=2, **bearer(key)) == [200, 200, 200]


def test_a_keyed_search_counts_against_the_key_not_the_address(client, limits):
    limits(search=(1, 60))
    _api_key, key = make_key(quota=2)

    statuses = [client.get("/api/v1/search/", {"q": query}, **bearer(key)).status_code
                for query in ("refund", "pension", "card")]

    assert statuses == [200, 200, 429]
    assert client.get("/api/v1/search/", {"q": "refund"}).status_code == 200


def test_keyless_use_keeps_the_address_limits(client, limits):
    limits(api=(1, 60))

    assert answers(client, 2) == [200, 429]


def test_use_is_counted_per_key_day_and_endpoint_without_a_write_per_request(client, django_assert_num_queries):
    api_key, key = make_key()
    client.get(API_URL, **bearer(key))  # rendered and kept

    # A kept answer with a key the worker found valid a moment ago costs no query at all.
    with django_assert_num_queries(0):
        assert client.get(API_URL, **bearer(key)).status_code == 200
    client.get("/api/v1/search/", {"q": "refund"}, **bearer(key))
    client.get("/api/v1/no-such-endpoint/", **bearer(key))
    assert not ApiKeyUsage.objects.exists()

    usage_counts.flush()

    today = timezone.localdate()
    assert set(ApiKeyUsage.objects.values_list("key", "day", "endpoint", "requests")) == {
        (api_key.pk, today, "/api/v1/checkers/refund/", 2),
        (api_key.pk, today, "/api/v1/search/", 1),
        (api_key.pk, today, "other", 1),
    }
    client.get(API_URL, **bearer(key))
    usage_counts.flush()
    assert ApiKeyUsage.objects.get(endpoint="/api/v1/checkers/refund/").requests == 3


def test_a_wrong_key_is_not_counted(client):
    client.get(API_URL, HTTP_X_API_KEY="abcd1234.wrong")

    assert len(usage_counts) == 0


def test_pages_ignore_an_authorization_header(client):
    assert client.get("/", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_key_is_held_to_its_quota_not_to_a_workers_share(settings):
    """The share stops one address holding the workers; a key's use is bounded by the quota Publishers set."""
    settings.RENDER_SHARE = 0.000_001  # any render is past it
    _api_key, key = make_key()

    def get(day, address, **headers):
        sent = {}
        environ = RequestFactory().get(f"{API_URL}&as_of=2026-03-{day:02}", REMOTE_ADDR=address, **headers).environ
        b"".join(application(environ, lambda status, headers: sent.update(status=status)))
        return int(sent["status"].split()[0])

    assert get(1, "192.0.2.1") == 200  # another client is served
    assert [get(day, "203.0.113.9", **bearer(key)) for day in (2, 3, 4)] == [200, 200, 200]
    assert [get(day, "203.0.113.9") for day in (5, 6)] == [200, 429]


def test_answers_vary_on_the_key_so_a_shared_cache_keeps_keyed_copies_apart(client):
    _api_key, key = make_key()

    varies = {part.strip() for part in client.get(API_URL, **bearer(key))["Vary"].split(",")}

    assert {"Authorization", "X-API-Key"} <= varies
