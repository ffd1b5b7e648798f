"""Rate limits per client: search, the API and votes, counted in the shared limits cache."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

from faq.models import ArticleFeedback
from serving.limits import RenderShare
from serving.page_cache import ReaderCacheApplication
from tests.factories import make_article

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/checkers/refund/?year=2026&other_scheme=employee&other_start=2025-12-01"


@pytest.fixture
def limits(settings):
    """Set (requests, seconds) for some groups of the limits."""

    def set_limits(**groups):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **groups}

    return set_limits


def test_search_is_limited_per_client_with_a_styled_page_in_the_readers_language(client, limits):
    limits(search=(2, 60))
    # Each a different search: a results page served from the page cache costs no search and is not counted.
    for query in ("pension", "refund"):
        assert client.get(reverse("search"), {"q": query}).status_code == 200

    response = client.get("/zh-hans/search/", {"q": "card"})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html and "您的连接发出的请求过多" in html
    # Another client still searches.
    assert client.get(reverse("search"), {"q": "pension"}, REMOTE_ADDR="192.0.2.1").status_code == 200


def test_api_is_limited_per_client_with_json(client, limits):
    limits(api=(3, 60))
    # Each a different question: an answer served from the page cache costs nothing and is not counted.
    assert [client.get(f"{API_URL}&as_of=2026-01-0{day}").status_code for day in (1, 2, 3)] == [200, 200, 200]

    response = client.get(f"{API_URL}&as_of=2026-01-04", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": {"__all__": ["Too many requests from your connection. Please wait a moment and try again."]}
    }
    assert int(response["Retry-After"]) > 0


def test_rotating_forged_forwarded_entries_does_not_escape_the_limit(client, limits, settings):
    settings.TRUSTED_PROXIES = 1
    limits(api=(2, 60))
    statuses = [
        client.get(f"{API_URL}&as_of=2026-01-0{number + 1}", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.7")
        .status_code
        for number in range(5)
    ]

    assert statuses == [200, 200, 429, 429, 429]


def test_votes_share_the_limiter(client, limits):
    limits(feedback=(1, 600))
    first, second = make_article(), make_article()
    client.post(reverse("faq:article_feedback", args=[first.pk]), {"helpful": "yes"})

    response = client.post(reverse("faq:article_feedback", args=[second.pk]), {"helpful": "yes"})

    assert response.status_code == 429
    assert ArticleFeedback.objects.count() == 1


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def limits_cache_down(settings):
    """The limits cache is a Redis server that is not there."""
    down = {
        "BACKEND": "serving.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    settings.CACHES = {**settings.CACHES, "limits": down}


def test_a_cache_that_is_down_lets_requests_through_with_a_logged_warning(client, limits, limits_cache_down, caplog):
    limits(search=(1, 60), api=(1, 60), feedback=(1, 600))
    article = make_article()

    with caplog.at_level(logging.WARNING, logger="serving.limits"):
        searches = [client.get(reverse("search"), {"q": "pension"}).status_code for _ in range(3)]
        answers = [client.get(API_URL).status_code for _ in range(3)]
        vote = client.post(reverse("faq:article_feedback", args=[article.pk]), {"helpful": "yes"})

    assert searches == answers == [200, 200, 200]
    assert vote.status_code == 302 and ArticleFeedback.objects.count() == 1
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert "Rate limit 'search' not applied: its cache is unavailable." in warnings
    assert "Rate limit 'api' not applied: its cache is unavailable." in warnings
    assert "Rate limit 'feedback' not applied: its cache is unavailable." in warnings


def test_a_missing_counter_table_lets_requests_through(client, limits, settings):
    limits(api=(1, 60))
    missing = {**settings.CACHES["limits"], "LOCATION": "no_such_table"}

    settings.CACHES = {**settings.CACHES, "limits": missing}

    assert [client.get(API_URL).status_code for _ in range(2)] == [200, 200]


def _expiries():
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM portal_rate_limits")
        return cursor.fetchall()


def test_database_counter_counts_and_keeps_its_expiry():
    cache = caches["limits"]
    cache.add("votes", 0, timeout=600)
    expiries = _expiries()

    assert [cache.incr("votes") for _ in range(3)] == [1, 2, 3]
    assert cache.get("votes") == 3
    assert _expiries() == expiries
    with pytest.raises(ValueError):
        cache.incr("never-added")


def test_database_counter_does_not_count_an_expired_entry():
    cache = caches["limits"]
    cache.add("votes", 5, timeout=-1)

    with pytest.raises(ValueError):
        cache.incr("votes")


def test_the_search_api_shares_the_search_allowance(client, limits):
    limits(search=(1, 60))
    client.get(reverse("search"), {"q": "pension"})

    response = client.get("/api/v1/search/", {"q": "pension"})

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"


def test_past_its_render_budget_a_client_gets_429_in_its_language_while_kept_pages_still_serve_it(client, limits):
    article = make_article()
    kept = client.get(article.get_absolute_url())
    limits(render=(2, 60))
    assert [client.get(f"/checkers/refund/answer/?year=2026&other_scheme=none&as_of=2026-01-0{day}").status_code
            for day in (1, 2)] == [200, 200]

    refused = client.get("/zh-hans/checkers/refund/answer/?year=2026&other_scheme=none&as_of=2026-01-03")
    api = client.get(f"{API_URL}&as_of=2026-01-04", HTTP_ACCEPT_LANGUAGE="zh-CN")
    unknown = client.get("/no-such-page/")
    again = client.get(article.get_absolute_url())

    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert "您的连接发出的请求过多" in refused.content.decode()
    assert refused["Content-Security-Policy"]  # the site's headers, as on any page
    assert api.status_code == 429 and api.json()["errors"]["__all__"] == ["您的连接发出的请求过多。请稍等片刻再试。"]
    assert unknown.status_code == 429
    assert again.status_code == 200 and again.content == kept.content
    assert client.get("/no-such-page/", REMOTE_ADDR="192.0.2.1").status_code == 404  # another client renders


def test_kept_pages_never_count_against_the_render_budget(client, limits):
    article = make_article()
    limits(render=(1, 60))

    statuses = [client.get(article.get_absolute_url()).status_code for _ in range(5)]

    assert statuses == [200] * 5
    assert client.get("/no-such-page/").status_code == 429


def test_the_wsgi_entry_refuses_a_client_past_its_budget_without_django_once_it_has_a_refusal(client, rf, limits):
    limits(render=(1, 60))
    client.get("/checkers/refund/answer/?year=2026&other_scheme=none&as_of=2026-01-01")
    refused = client.get("/checkers/refund/answer/?year=2026&other_scheme=none&as_of=2026-01-02")
    sent = {}

    def django(environ, start_response):
        raise AssertionError("a refusal this worker has sent before never reaches Django")

    body = ReaderCacheApplication(django)(
        rf.get("/checkers/refund/answer/?year=2026&other_scheme=none&as_of=2026-01-03").environ,
        lambda status, headers: sent.update(status=status, headers=dict(headers)),
    )

    assert sent["status"] == "429 Too Many Requests" and b"".join(body) == refused.content
    assert 0 < int(sent["headers"]["Retry-After"]) <= 60


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def share(settings):
    settings.RENDER_SHARE = 0.2
    clock = Clock()
    return RenderShare(clock=clock), clock


def test_a_client_alone_is_never_over_its_share_however_much_it_renders(share):
    worker, _clock = share
    for _ in range(100):
        worker.record("203.0.113.9", 0.5, rendered=True)

    assert worker.over("203.0.113.9") == 0


def test_while_others_are_served_a_client_rendering_past_its_share_is_refused_until_its_time_fades(share):
    worker, clock = share
    worker.record("192.0.2.1", 0.001, rendered=False)  # a reader's kept page
    worker.record("203.0.113.9", 0.2, rendered=True)  # 0.2 s of the last 1.44: within a share of 0.2
    assert worker.over("203.0.113.9") == 0

    worker.record("203.0.113.9", 0.2, rendered=True)
    refused_for = worker.over("203.0.113.9")

    assert refused_for >= 1
    clock.now += refused_for
    assert worker.over("203.0.113.9") == 0
    assert worker.over("192.0.2.1") == 0


def test_only_rendering_counts_against_the_share(share):
    worker, _clock = share
    worker.record("192.0.2.1", 0.001, rendered=False)
    worker.record("203.0.113.9", 1.0, rendered=False)  # kept pages, however many

    assert worker.over("203.0.113.9") == 0


def test_others_served_long_ago_do_not_count(share):
    worker, clock = share
    worker.record("192.0.2.1", 0.001, rendered=False)
    clock.now += 60
    worker.record("203.0.113.9", 1.0, rendered=True)

    assert worker.over("203.0.113.9") == 0


def test_a_share_of_1_turns_the_rule_off(share, settings):
    worker, _clock = share
    settings.RENDER_SHARE = 1
    worker.record("192.0.2.1", 0.001, rendered=False)
    worker.record("203.0.113.9", 1.0, rendered=True)

    assert worker.over("203.0.113.9") == 0


def test_a_full_table_forgets_clients_not_seen_for_a_while_and_keeps_the_recent(share, monkeypatch):
    worker, clock = share
    monkeypatch.setattr(RenderShare, "MAX_CLIENTS", 3)
    worker.record("192.0.2.1", 0.001, rendered=False)
    worker.record("192.0.2.2", 0.001, rendered=False)
    clock.now += 60
    worker.record("192.0.2.3", 0.001, rendered=False)
    worker.record("203.0.113.9", 1.0, rendered=True)

    assert worker.over("203.0.113.9") >= 1
    assert len(worker._clients) == 2


@pytest.mark.django_db(transaction=True)  # Django's handler closes the connection after each request
def test_the_wsgi_entry_refuses_a_client_holding_the_workers_while_others_wait_and_still_serves_its_kept_pages(
    rf, settings
):
    settings.RENDER_SHARE = 0.000_001  # any render is past it
    entry = ReaderCacheApplication(WSGIHandler())

    def get(day, address):
        sent = {}
        environ = rf.get(f"/checkers/refund/answer/?year=2026&other_scheme=none&as_of=2026-01-{day:02}",
                         REMOTE_ADDR=address).environ
        body = b"".join(entry(environ, lambda status, headers: sent.update(status=status, headers=dict(headers))))
        return sent["status"], sent["headers"], body

    assert get(1, "203.0.113.9")[0] == "200 OK"
    assert get(2, "203.0.113.9")[0] == "200 OK"  # alone: nobody waits for it
    assert get(3, "192.0.2.1")[0] == "200 OK"  # another reader is served

    status, headers, body = get(4, "203.0.113.9")

    assert status == "429 Too Many Requests" and int(headers["Retry-After"]) >= 1
    assert "Too many requests from your connection" in body.decode()
    assert get(1, "203.0.113.9")[0] == "200 OK"  # its kept answer
