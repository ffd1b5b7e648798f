"""The page view sums the dashboard reads stay equal to the counts: through batches that move the periods on,
late counts for earlier days, retention, an article's deletion, the migration's fill and several workers
writing at once."""

import json
import os
import random
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.counts import page_view_record, reader_counts_flush, reader_counts_prune
from insights.dashboard import most_read_charts, period
from insights.models import DayViewCount, PageViewCount, PeriodViewCount
from insights.rollups import PERIODS, page_view_sums_rebuild
from tests.factories import make_article
from tests.servers import REPO, manage, scratch_postgres_database

pytestmark = pytest.mark.django_db


def out_of_step():
    """What the sums say that the counts do not; empty when they are in step."""
    found = []
    counted = {
        (row["day"], row["language"]): row["total"]
        for row in PageViewCount.objects.values("day", "language").annotate(total=Sum("views")).order_by()
    }
    days = {(row.day, row.language): row.views for row in DayViewCount.objects.all() if row.views}
    if days != counted:
        found.append(("days", days, counted))
    end = DayViewCount.objects.aggregate(end=Max("day"))["end"]
    for days in PERIODS:
        counted = {} if end is None else {
            (row["article"], row["language"]): row["total"]
            for row in PageViewCount.objects.filter(day__gt=end - timedelta(days=days), day__lte=end)
            .values("article", "language").annotate(total=Sum("views")).order_by()
        }
        sums = {
            (row.article_id, row.language): row.views for row in PeriodViewCount.objects.filter(days=days) if row.views
        }
        if sums != counted:
            found.append((days, sums, counted))
    return found


def _views(article, day, views=1):
    for _view in range(views):
        page_view_record(article_id=article.pk, language=article.language, day=day)


def test_the_sums_follow_every_batch_prune_and_deletion():
    rng = random.Random(7)
    articles = [make_article(language=language) for language in ("en", "zh-hans", "en", "zh-hans")]
    today = timezone.localdate()
    for step in range(60):
        today += timedelta(days=rng.choice([0, 0, 1, 1, 2, 6, 31, 100]))
        for _row in range(rng.randint(1, 6)):
            # Mostly today's counts; now and then a late one for an earlier day, in or out of the periods.
            _views(rng.choice(articles), today - timedelta(days=rng.choice([0, 0, 0, 1, 3, 29, 30, 89, 90, 200])),
                   rng.randint(1, 3))
        reader_counts_flush()
        if step % 9 == 4:
            reader_counts_prune(keep_days=rng.choice([10, 45, 180]), today=today)
        if step % 13 == 6:
            doomed = articles.pop(rng.randrange(len(articles)))
            doomed.delete()
            articles.append(make_article(language=doomed.language))

        assert out_of_step() == [], f"step {step}"


def test_a_day_moves_each_period_on():
    article = make_article(language="en")
    today = timezone.localdate()
    for days_ago in (90, 30, 7, 6, 0):
        _views(article, today - timedelta(days=days_ago), views=days_ago + 1)
    reader_counts_flush()

    def sums():
        return dict(PeriodViewCount.objects.filter(views__gt=0).values_list("days", "views"))

    # 7 days end today: 6 days ago and today; 30 days: from 29 days ago.
    assert sums() == {7: 7 + 1, 30: 8 + 7 + 1, 90: 31 + 8 + 7 + 1}
    _views(article, today + timedelta(days=1))
    reader_counts_flush()
    # 6 days ago leaves the 7 days, 30 days ago the 30.
    assert sums() == {7: 1 + 1, 30: 8 + 7 + 1 + 1, 90: 31 + 8 + 7 + 1 + 1}
    assert out_of_step() == []


def test_retention_takes_the_pruned_days_off_the_sums():
    article = make_article(language="en")
    today = timezone.localdate()
    for days_ago in range(100):
        _views(article, today - timedelta(days=days_ago))
    reader_counts_flush()

    reader_counts_prune(keep_days=20, today=today)

    assert DayViewCount.objects.order_by("day").first().day == today - timedelta(days=20)
    assert dict(PeriodViewCount.objects.values_list("days", "views")) == {7: 7, 30: 21, 90: 21}
    assert out_of_step() == []


def test_an_article_deleted_takes_its_views_off_the_day_and_its_period_sums_go():
    kept, deleted = make_article(language="en"), make_article(language="en")
    _views(kept, timezone.localdate(), views=2)
    _views(deleted, timezone.localdate(), views=5)
    reader_counts_flush()

    deleted.delete()

    assert DayViewCount.objects.get().views == 2
    assert set(PeriodViewCount.objects.values_list("article", flat=True)) == {kept.pk}
    assert out_of_step() == []


def test_the_migration_adds_up_the_counts_kept_before_it():
    article = make_article(language="zh-hans")
    today = timezone.localdate()
    PageViewCount.objects.bulk_create(
        PageViewCount(day=today - timedelta(days=days_ago), article=article, language="zh-hans", views=days_ago)
        for days_ago in range(1, 120, 3)
    )

    page_view_sums_rebuild()

    assert DayViewCount.objects.aggregate(end=Max("day"))["end"] == today - timedelta(days=1)
    assert PeriodViewCount.objects.get(days=7).views == 1 + 4 + 7
    assert out_of_step() == []


def test_the_most_read_off_the_sums_equal_those_added_up_from_the_counts():
    rng = random.Random(3)
    articles = [make_article(language=language) for language in ("en", "zh-hans") * 12]
    today = timezone.localdate()
    for days_ago in range(120):
        for article in rng.sample(articles, 12):
            _views(article, today - timedelta(days=days_ago), rng.randint(1, 4))
    reader_counts_flush()

    for days in PERIODS:
        with CaptureQueriesContext(connection) as queries:
            from_sums = [chart.rows for chart in most_read_charts(period(days), current=True)]
        from_counts = [chart.rows for chart in most_read_charts(period(days), current=False)]
        assert from_sums == from_counts and len(from_sums[0]) == 10
        assert all("insights_periodviewcount" in query["sql"] for query in queries.captured_queries)


WORKER = """
import random
from datetime import date, timedelta
from insights.rollups import page_views_write
rng = random.Random({seed})
for batch in range(40):
    end = date(2026, 1, 1) + timedelta(days=batch // 4)
    page_views_write([
        (end - timedelta(days=rng.choice([0, 0, 0, 1, 6, 7, 29, 89, 95])), rng.randint(1, 8),
         rng.choice(["en", "zh-hans"]), 1)
        for _row in range(5)
    ])
"""
CHECK = """
import json
from django.db.models import Sum
from insights.models import PageViewCount
from tests.insights.test_rollups import out_of_step
print(json.dumps([repr(out_of_step()), PageViewCount.objects.aggregate(total=Sum("views"))["total"]]))
"""


def _shell(env, code):
    return subprocess.run([sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code], cwd=REPO, env=env,
                          check=True, capture_output=True, text=True)


@pytest.fixture
def shared_database(tmp_path):
    """A database of its own for processes to write to: a SQLite file, or a scratch PostgreSQL database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    if connection.vendor == "postgresql":
        with scratch_postgres_database(connection.settings_dict) as database:
            env["DATABASE_URL"] = database
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            yield env
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        yield env


def test_workers_writing_at_once_keep_the_sums_in_step(shared_database):
    workers = [
        subprocess.Popen([sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", WORKER.format(seed=seed)],
                         cwd=REPO, env=shared_database, stderr=subprocess.PIPE, text=True)
        for seed in range(3)
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read()

    differences, total = json.loads(_shell(shared_database, CHECK).stdout)

    assert differences == "[]" and total == 3 * 40 * 5
