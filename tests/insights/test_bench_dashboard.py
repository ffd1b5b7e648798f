"""The dashboard benchmark at a tiny size: it fills, times every page, and refuses a database with content."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from insights.models import DayViewCount, PageViewCount
from tests.factories import make_article
from tests.insights.test_rollups import out_of_step

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # as in `make bench`: PostgreSQL's VACUUM runs outside a transaction
def test_a_tiny_run_reports_each_page():
    out = io.StringIO()

    call_command(
        "bench_dashboard", "--articles", "40", "--days", "3", "--read-per-day", "10", "--searches-per-day", "5",
        "--votes-per-day", "4", "--requests", "2", stdout=out,
    )

    report = out.getvalue()
    assert PageViewCount.objects.values("day").distinct().count() == 3
    assert DayViewCount.objects.count() == 3 * 2 and out_of_step() == []  # the sums filled as the migration does
    for page in ("dashboard, 7 days", "dashboard, 30 days", "dashboard, 90 days", "an article's change page"):
        assert f"| {page} |" in report


def test_it_refuses_a_database_with_articles():
    make_article()

    with pytest.raises(CommandError, match="throwaway"):
        call_command("bench_dashboard", "--articles", "2", stdout=io.StringIO())
