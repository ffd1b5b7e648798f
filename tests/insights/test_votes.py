"""Votes counted on their day in the site's time zone, midnights and a change of the clocks included."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from faq.models import ArticleFeedback
from insights.votes import per_day, period_votes
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_each_vote_counts_on_its_day_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Europe/Berlin"  # summer time began on 29 March 2026 at 02:00
    berlin = ZoneInfo("Europe/Berlin")
    article = make_article()
    moments = [
        (datetime(2026, 3, 27, 23, 59, 59, tzinfo=berlin), True),  # before the period
        (datetime(2026, 3, 28, 0, 0, tzinfo=berlin), True),
        (datetime(2026, 3, 28, 23, 59, 59, 999999, tzinfo=berlin), False),
        (datetime(2026, 3, 29, 0, 0, tzinfo=berlin), True),
        (datetime(2026, 3, 29, 23, 30, tzinfo=berlin), True),
        (datetime(2026, 3, 30, 0, 30, tzinfo=berlin), False),
        (datetime(2026, 3, 31, 0, 0, tzinfo=berlin), True),  # after it
    ]
    for number, (moment, helpful) in enumerate(moments):
        vote = ArticleFeedback.objects.create(article=article, voter_key=f"v{number}", helpful=helpful)
        ArticleFeedback.objects.filter(pk=vote.pk).update(created_at=moment)
    days = [date(2026, 3, 28) + timedelta(days=offset) for offset in range(3)]

    rows = per_day(period_votes(days), days)

    assert {(row["day"].day, row["series"]): row["value"] for row in rows if row["value"]} == {
        (28, "yes"): 1, (28, "no"): 1, (29, "yes"): 2, (30, "no"): 1,
    }
