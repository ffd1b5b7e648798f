"""Shared records kept in each worker per content version: read once, read again after any content change."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from policy.selectors import region_choices
from portal.models import SiteSettings
from portal.selectors import site_help
from serving.content_version import content_changed, read_version
from serving.per_version import kept_per_version

pytestmark = pytest.mark.django_db

ANSWER = "/checkers/pay-again/answer/?year=2026&paid=yes&other_scheme=employee&other_start=2025-12-{day:02d}"


def queries_of(read):
    with CaptureQueriesContext(connection) as queries:
        value = read()
    return value, len(queries)


@pytest.fixture
def version():
    content_changed()  # a current version, as on a site that has served a page
    read_version()  # and the worker's once-per-process check of it against the database done


def test_a_read_is_kept_while_the_content_version_stays(version):
    SiteSettings.objects.create(hotline="12393")

    first, read_first = queries_of(site_help)
    again, read_again = queries_of(site_help)

    assert (read_first, read_again) == (1, 0) and again is first


def test_a_content_change_reads_again(version):
    row = SiteSettings.objects.create(hotline="12393")
    site_help()

    row.hotline = "12345"
    row.save()  # replaces the version, as every save of content does

    assert site_help().hotline == "12345"


def test_each_reader_language_has_its_own_value(version):
    SiteSettings.objects.create(hotline_text="Call us", hotline_text_zh="请致电")

    with translation.override("en"):
        english = site_help().hotline_text
    with translation.override("zh-hans"):
        chinese = site_help().hotline_text

    assert (english, chinese) == ("Call us", "请致电")


def test_without_a_version_nothing_is_kept():
    SiteSettings.objects.create(hotline="12393")
    caches["content_version"].clear()

    assert [queries_of(site_help)[1] for _ in range(2)] == [1, 1]


def test_arguments_are_kept_apart(version):
    calls = []

    @kept_per_version
    def double(number):
        calls.append(number)
        return number * 2

    assert [double(1), double(2), double(1)] == [2, 4, 2]
    assert calls == [1, 2]


def test_a_checker_answer_reads_the_regions_once_per_version(client, version):
    client.get(ANSWER.format(day=1))
    region_choices()  # kept by the answer above

    with CaptureQueriesContext(connection) as queries:
        assert client.get(ANSWER.format(day=2)).status_code == 200

    assert not [query for query in queries if "policy_regionalperiod" in query["sql"]]
