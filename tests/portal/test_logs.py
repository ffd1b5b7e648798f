"""Quiet logs in an outage: one line per failed request naming the dependency, a traceback once a minute."""

import io
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from portal.logs import OutageFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_log():
    """What the site's log handler writes, with its filter, as settings.LOGGING sets it up."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(OutageFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    # In place of the site's own handler, whose filter, with its own memory, would see each record first.
    with mock.patch.object(root, "handlers", [handler]):
        yield stream


def test_an_outage_writes_one_line_per_failed_request_and_one_traceback(site_log):
    reader = Client(raise_request_exception=False)
    with mock.patch("portal.views.category_list_with_articles", side_effect=OperationalError("server closed")):
        statuses = {reader.get("/").status_code for _ in range(20)}

    lines = [line for line in site_log.getvalue().splitlines() if line.startswith(("ERROR", "WARNING"))]
    assert statuses == {503}
    assert len(lines) == 20
    assert all("Service Unavailable: /" in line and "database did not answer: server closed" in line for line in lines)
    assert site_log.getvalue().count("Traceback (most recent call last)") == 1


def test_a_bug_keeps_every_traceback(site_log):
    reader = Client(raise_request_exception=False)
    with mock.patch("portal.views.category_list_with_articles", side_effect=ValueError("a bug")):
        for _ in range(3):
            reader.get("/")

    assert site_log.getvalue().count("Traceback (most recent call last)") == 3


def test_a_warning_of_the_sites_own_is_written_once_a_minute(site_log):
    logger = logging.getLogger("serving.limits")
    for _ in range(50):
        logger.warning("Rate limit %r not applied: its cache is unavailable.", "render")

    assert site_log.getvalue().count("not applied") == 1
