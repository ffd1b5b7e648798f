"""Time the dashboard of how the content serves readers on a year of counts at scale.

Run it through `make bench-dashboard` (part of `make bench`), which points it at a throwaway database
(a SQLite file, and a PostgreSQL database it creates and drops) so that it never writes into real
content. Views follow a long tail, as on a real site: a few articles are read every day, most rarely.
"""

import random
import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from faq.models import Article, ArticleFeedback, Category, SearchCount
from insights.dashboard import PERIODS
from insights.models import CheckerUseCount, PageViewCount
from policy.choices import CheckerSlug
from portal.roles import roles_grant

BATCH_SIZE = 20_000
OUTCOMES = ("can_pay", "no_need_to_pay", "refund_eligible", "refund_not_eligible", "check_locally")


class Command(BaseCommand):
    help = "Fill an empty database with articles and a year of reader counts, then time the dashboard."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000, help="Published articles, half in each language.")
        parser.add_argument("--days", type=int, default=365, help="Days of counts, ending today.")
        parser.add_argument(
            "--read-per-day", type=int, default=20_000, help="Distinct articles read each day (a page view row each)."
        )
        parser.add_argument("--searches-per-day", type=int, default=2_000, help="Distinct queries searched each day.")
        parser.add_argument("--votes-per-day", type=int, default=300, help="Helpful votes each day.")
        parser.add_argument("--requests", type=int, default=10, help="Timed requests per period.")

    def handle(self, *args, articles, days, read_per_day, searches_per_day, votes_per_day, requests, **options):
        if Article.objects.exists():
            raise CommandError("The database has articles already: give this benchmark an empty, throwaway one.")
        started = time.perf_counter()
        ids = self._articles(articles)
        rows = self._counts(ids, days, min(read_per_day, len(ids)), searches_per_day, votes_per_day)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(
            f"{connection.vendor}: {articles} articles, {days} days of counts ({rows:,} rows) "
            f"written in {time.perf_counter() - started:.0f} s"
        )
        client = Client(HTTP_HOST="localhost")
        roles_grant()
        publisher = get_user_model().objects.create_user("bench", is_staff=True)
        publisher.groups.add(Group.objects.get(name="Publisher"))
        client.force_login(publisher)
        self.stdout.write(f"{requests} requests per page, in-process")
        self.stdout.write("| page | p50 ms | p95 ms | SQL queries |")
        self.stdout.write("| --- | ---: | ---: | ---: |")
        pages = [
            (f"dashboard, {period} days", f"/admin/insights/pageviewcount/?days={period}") for period in PERIODS
        ]
        pages.append(("an article's change page", f"/admin/faq/article/{ids[0]}/change/"))
        for name, url in pages:
            timings, queries = self._time(client, url, requests)
            p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
            self.stdout.write(f"| {name} | {statistics.median(timings):.1f} | {p95:.1f} | {queries} |")

    def _articles(self, count):
        categories = {
            language: Category.objects.create(name=f"Benchmark {language}", slug=f"benchmark-{language}",
                                              language=language)
            for language in ("en", "zh-hans")
        }
        for start in range(0, count, BATCH_SIZE):
            with transaction.atomic():
                Article.objects.bulk_create(
                    Article(
                        title=f"Benchmark article {number}", slug=f"article-{number}",
                        category=categories[_language(number)],
                        question=f"Question {number}?", body=f"Answer {number}.",
                        language=_language(number), status=Article.Status.PUBLISHED,
                    )
                    for number in range(start, min(start + BATCH_SIZE, count))
                )
        return list(Article.objects.order_by("pk").values_list("pk", flat=True))

    def _counts(self, ids, days, read_per_day, searches_per_day, votes_per_day):
        """A year of counts; returns how many rows were written."""
        rng = random.Random(27)
        today = timezone.localdate()
        written = voter = 0
        for offset in range(days):
            day = today - timedelta(days=offset)
            # The long tail: a few articles read every day and often, the rest now and then.
            popular = {min(int(rng.paretovariate(1.2)) - 1, len(ids) - 1) for _ in range(read_per_day // 2)}
            read = popular | set(rng.sample(range(len(ids)), read_per_day - len(popular)))
            views = [
                PageViewCount(day=day, article_id=ids[index], language=_language(index), views=1 + 5000 // (index + 1))
                for index in read
            ]
            searches = [
                SearchCount(day=day, query=f"query {number}", language=_language(number),
                            searches=1 + 800 // (number + 1), result_count=0 if number % 7 == 0 else 3)
                for number in range(searches_per_day)
            ]
            votes = []
            for _vote in range(votes_per_day):
                voter += 1
                votes.append(ArticleFeedback(
                    article_id=ids[min(int(rng.paretovariate(1.2)) - 1, len(ids) - 1)], voter_key=f"v{voter}",
                    helpful=rng.random() < 0.7, reason="" if rng.random() < 0.5 else "unclear",
                ))
            uses = [
                CheckerUseCount(day=day, checker=slug.value, language=language, event=event, outcome=outcome,
                                uses=rng.randint(1, 400))
                for slug in CheckerSlug for language in ("en", "zh-hans")
                for event, outcome in [("started", ""), *(("answered", name) for name in OUTCOMES)]
            ]
            with transaction.atomic():
                PageViewCount.objects.bulk_create(views, batch_size=BATCH_SIZE)
                SearchCount.objects.bulk_create(searches, batch_size=BATCH_SIZE)
                created = ArticleFeedback.objects.bulk_create(votes, batch_size=BATCH_SIZE)
                # Votes are dated by the moment they were given, which their creation sets to now.
                noon = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
                ArticleFeedback.objects.filter(pk__in=[vote.pk for vote in created]).update(
                    created_at=noon + timedelta(hours=12)
                )
                CheckerUseCount.objects.bulk_create(uses, batch_size=BATCH_SIZE)
            written += len(views) + len(searches) + len(votes) + len(uses)
        return written

    def _time(self, client, url, requests):
        client.get(url)  # warm up
        timings = []
        for _request in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return timings, len(queries)


def _language(number):
    return "en" if number % 2 == 0 else "zh-hans"
