"""The "Was this helpful?" votes of a period, added up in the database.

A vote is dated by the moment it was given and counts on its day in the site's time zone. Its day is found
among the period's midnights by a few comparisons (a balanced tree of them), which both databases make
natively: truncating a moment to a date in a time zone is, in SQLite, a Python function called a row, and
took a third of a second for 90 days of votes.
"""

from datetime import timedelta

from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone

from faq.models import ArticleFeedback


def start_of(day):
    """The first moment of `day` in the site's time zone."""
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def period_votes(days):
    """The votes given over `days`. Bounded on both sides, which also leads SQLite to the index on the moment."""
    return ArticleFeedback.objects.filter(
        created_at__gte=start_of(days[0]), created_at__lt=start_of(days[-1] + timedelta(days=1))
    )


def _day_number(midnights, low, high):
    """The number of the day, from `low` to `high` (excluded), that a vote was given on."""
    if high - low == 1:
        return Value(low)
    middle = (low + high) // 2
    return Case(
        When(created_at__lt=midnights[middle], then=_day_number(midnights, low, middle)),
        default=_day_number(midnights, middle, high),
    )


def per_day(votes, days):
    """Rows for a chart of yes and no a day, from `votes` (given over `days`): one query."""
    midnights = [start_of(day) for day in days]
    rows = (
        votes.annotate(number=_day_number(midnights, 0, len(days))).values("number")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))).order_by()
    )
    return [{"day": days[row["number"]], "series": name, "value": row[name]} for row in rows for name in ("yes", "no")]
