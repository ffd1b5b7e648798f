from unittest import mock

import pytest
from django.db import OperationalError
from django.template.loader import render_to_string
from django.urls import path

from policy.choices import CheckerSlug
from serving.cache import RedisCache
from serving.page_store import warn_if_unbounded
from tests.servers import REDIS_URL


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/health/", "/health/ready"])
def test_health_reports_ok_when_the_database_answers(client, address):
    response = client.get(address)

    assert response.status_code == 200
    checks = {"database": "ok", "cache": "ok", "cache:pages": "ok", "cache:content_version": "ok"}
    assert response.json() == {"status": "ok", "checks": checks, "failing": [], "degraded": [], "warnings": []}


@pytest.mark.django_db
def test_health_live_asks_no_dependency(client, django_assert_num_queries):
    with mock.patch("django.core.cache.backends.locmem.LocMemCache.get") as cache_read:
        with django_assert_num_queries(0):
            response = client.get("/health/live")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    cache_read.assert_not_called()


@pytest.mark.django_db
def test_health_ready_is_degraded_not_unavailable_while_a_cache_is_out(client):
    with mock.patch("django.core.cache.backends.locmem.LocMemCache.get", side_effect=ConnectionError("down")):
        response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["degraded"] == ["cache"]
    assert response.json()["failing"] == []


@pytest.mark.django_db
def test_health_ready_is_unavailable_when_the_database_cannot_be_reached(client):
    with mock.patch("portal.views._database_answers", side_effect=OperationalError("no database")):
        response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["failing"] == ["database"] and response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_health_warns_without_failing_when_redis_would_not_bound_the_kept_pages(client, settings):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "serving.cache.RedisCache", "LOCATION": REDIS_URL,
                                                   "KEY_PREFIX": "test-health"}}
    problem = "Redis has no maxmemory: kept pages can fill its memory."
    with mock.patch.object(RedisCache, "unbounded", return_value=problem):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["warnings"] == [problem]


def test_each_worker_warns_at_startup_when_redis_would_not_bound_the_kept_pages(settings, caplog):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "serving.cache.RedisCache", "LOCATION": REDIS_URL}}
    with mock.patch.object(RedisCache, "unbounded", return_value="Redis has no maxmemory"):
        warn_if_unbounded()

    assert "Redis has no maxmemory" in caplog.text


def test_server_error_page_renders_without_a_request_context():
    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert "css/portal.css" in html


@pytest.mark.django_db
def test_home_without_content_says_so(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "No articles have been published yet." in response.content.decode()


def _broken_view(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("broken/", _broken_view)]


@pytest.mark.urls(__name__)
def test_an_unexpected_error_shows_the_site_error_page_with_status_500(client):
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_home_offers_every_checker(client):
    html = client.get("/").content.decode()

    for checker in CheckerSlug:
        assert f'href="/checkers/{checker.value}/"' in html
        assert str(checker.label) in html


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "label"), [("", "Checkers"), ("/zh-hans", "自助查询")])
def test_every_page_header_links_to_the_checkers(client, prefix, label):
    html = client.get(f"{prefix}/search/").content.decode()

    assert f'<a class="site-nav-link" href="{prefix}/checkers/">{label}</a>' in html
