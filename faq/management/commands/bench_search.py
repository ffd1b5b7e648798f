"""Time the search page at scale: many published articles, half English, half Chinese.

Run it through `make bench-search`, which points it at a throwaway database (a SQLite file, and a
PostgreSQL database it creates and drops) so that it never writes into real content. The text is
drawn from the demo articles, so that common words are in nearly every article, as on a real site.
"""

import random
import statistics
import time
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from faq.document_parser import document_language, parse_document
from faq.management.commands.load_demo import DEMO_DIR, DEMO_SYNONYMS
from faq.models import Article, Category, SynonymGroup
from faq.search import article_search
from faq.search_index import search_index_rebuild

BATCH_SIZE = 5000
CATEGORIES_PER_LANGUAGE = 10
# A word no demo article has, given to one article in RARE_EVERY: "a rare word".
RARE_WORD = "ombudsman"
RARE_EVERY = 5000
QUERIES = [
    ("common English word", "en", {"q": "insurance"}),
    ("two English words", "en", {"q": "medical refund"}),
    ("rare word", "en", {"q": RARE_WORD}),
    ("typo", "en", {"q": "insurence"}),
    ("2-character Chinese", "zh-hans", {"q": "医保"}),
    ("3-character Chinese", "zh-hans", {"q": "医保卡"}),
    ("finds nothing", "en", {"q": "zzyzx"}),
    ("page 5 of a common word", "en", {"q": "insurance", "page": "5"}),
]


class Command(BaseCommand):
    help = "Fill an empty database with published articles, rebuild the search index, time the search page."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000, help="Published articles, half in each language.")
        parser.add_argument("--requests", type=int, default=60, help="Timed requests per kind of query.")
        parser.add_argument(
            "--again", action="store_true", help="Time the searches again on a database this benchmark filled."
        )

    def handle(self, *args, articles, requests, again, **options):
        if again:
            articles = Article.objects.count()
            self.stdout.write(f"{connection.vendor}: {articles} published articles, filled before")
        else:
            self._fill_and_index(articles)
        self.stdout.write(f"{requests} requests per query, in-process")
        self.stdout.write("| query | p50 ms | p95 ms | results | SQL queries |")
        self.stdout.write("| --- | ---: | ---: | ---: | ---: |")
        client = Client(HTTP_HOST="localhost")
        for name, language, params in QUERIES:
            url = ("/search/" if language == "en" else f"/{language}/search/") + "?" + urlencode(params)
            timings, queries = self._time(client, url, requests)
            total = article_search(query=params["q"], language=language, page=params.get("page", 1)).total
            p95 = statistics.quantiles(timings, n=20)[-1]
            self.stdout.write(
                f"| {name} (`{params['q']}`) | {statistics.median(timings):.1f} | {p95:.1f} | {total} | {queries} |"
            )

    def _fill_and_index(self, articles):
        if Article.objects.exists():
            raise CommandError("The database has articles already: give this benchmark an empty, throwaway one.")
        started = time.perf_counter()
        self._fill(articles)
        filled = time.perf_counter() - started
        started = time.perf_counter()
        search_index_rebuild()
        rebuild = time.perf_counter() - started
        for language, terms in DEMO_SYNONYMS:
            SynonymGroup.objects.create(language=language, terms=terms)
        # The planner's statistics, and on PostgreSQL the vacuum rebuild_search_index ends with, as a
        # live site has them: freshly filled tables have none, and autovacuum would otherwise come by
        # in the middle of the timings.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(
            f"{connection.vendor}: {articles} published articles (written in {filled:.0f} s), "
            f"index rebuilt in {rebuild:.1f} s"
        )

    def _time(self, client, url, requests):
        client.get(url)  # warm up: the vocabulary, the checker names, the page cache of the database
        timings = []
        for number in range(requests):
            # A query string of its own, which the view ignores: no kept page answers, every request searches.
            uncached = f"{url}&request={number}"
            start = time.perf_counter()
            response = client.get(uncached)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{url}&request=queries")
        return timings, len(queries)

    def _fill(self, count):
        rng = random.Random(9)
        texts = _demo_texts()
        for language in texts:
            texts[language]["categories"] = Category.objects.bulk_create(
                Category(name=f"Benchmark {language} {number}", slug=f"benchmark-{language}-{number}")
                for number in range(CATEGORIES_PER_LANGUAGE)
            )
        for start in range(0, count, BATCH_SIZE):
            batch = []
            for number in range(start, min(start + BATCH_SIZE, count)):
                language = "en" if number % 2 == 0 else "zh-hans"
                text = texts[language]
                title = rng.choice(text["titles"])
                if number % RARE_EVERY == 0:
                    title = f"{title} ({RARE_WORD})"
                batch.append(Article(
                    title=f"{title} {number}",
                    slug=f"article-{number}",
                    category=rng.choice(text["categories"]),
                    question=rng.choice(text["questions"]),
                    body="\n\n".join(rng.sample(text["paragraphs"], min(6, len(text["paragraphs"])))),
                    language=language,
                    status=Article.Status.PUBLISHED,
                ))
            with transaction.atomic():
                Article.objects.bulk_create(batch)


def _demo_texts():
    """Titles, questions and paragraphs of the demo articles, by language."""
    texts = {}
    for path in sorted(DEMO_DIR.glob("*.txt")):
        document = parse_document(path.read_text(encoding="utf-8"))
        text = texts.setdefault(document_language(document), {"titles": [], "questions": [], "paragraphs": []})
        text["titles"].append(document.title)
        text["questions"].append(document.question)
        text["paragraphs"].extend(paragraph for paragraph in document.body.split("\n\n") if paragraph.strip())
    return texts
