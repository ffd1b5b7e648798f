"""Measure how long the public pages take to render, in-process, on the configured database.

Run it through `make bench`, which points it at a throwaway SQLite file so it
never writes into a real database.
"""

import statistics
import time
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from faq.models import Article, Category, RelatedArticle


class Command(BaseCommand):
    help = "Time the home, category and article pages; print median and 95th percentile per page."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="Requests per page.")
        parser.add_argument("--related", type=int, default=50, help="Extra related articles on the seed.")

    def handle(self, *args, requests, related, **options):
        call_command("load_demo", stdout=StringIO())
        seed = Article.objects.get(title="Can I pay the medical insurance again?")
        self._add_related(seed, related)
        pages = {
            "home": "/",
            "category": seed.category.get_absolute_url(),
            "article": seed.get_absolute_url(),
        }
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{'page':<10} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  ({requests} requests)")
        for name, url in pages.items():
            timings, queries = self._time(client, url, requests)
            p95 = statistics.quantiles(timings, n=20)[-1]
            self.stdout.write(f"{name:<10} {statistics.median(timings):>10.2f} {p95:>8.2f} {queries:>8}")

    def _add_related(self, seed, count):
        category, _ = Category.objects.get_or_create(name="Benchmark", defaults={"slug": "benchmark"})
        for number in range(count):
            title = f"Benchmark article {number}"
            target, _ = Article.objects.get_or_create(
                title=title,
                defaults={
                    "slug": f"benchmark-{number}",
                    "category": category,
                    "question": f"{title}?",
                    "body": "Benchmark body.",
                    "status": Article.Status.PUBLISHED,
                },
            )
            RelatedArticle.objects.get_or_create(
                article=seed, title=title, defaults={"target": target, "order": 100 + number}
            )

    def _time(self, client, url, requests):
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return timings, len(queries)
