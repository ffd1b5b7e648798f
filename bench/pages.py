"""The pages `make bench` and `make profile` measure, on the demo content, and the addresses of their own
that uncached requests ask for.

A page that takes input is asked, uncached, with input of its own on every request: a checker answer with
facts of its own, a search with words of its own. Every address is one the page answers in full (a checker
answer, not its questions again; a search that finds articles), so each request costs what a reader's new
question costs. A page that takes no input is the same page whatever it is asked with: uncached, it is
its cold row.
"""

import itertools
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from io import StringIO
from random import Random
from urllib.parse import quote_plus, urlencode, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from faq import tokenizer
from faq.management.commands.load_demo import SEED_TITLE
from faq.models import Article
from policy.checkers import get_checker
from policy.rules.enrolment import OtherScheme
from policy.rules.pay_again import MAX_YEARS_WITHOUT_COVER
from policy.services import checker_form, checker_run
from serving.content_version import content_changed

# The targets: requests/s of a rendered page over bare Django's, and of every page kept.
WARM_TARGET = 0.90

PAY_AGAIN_QUERY = {"year": "2026", "paid": "yes", "other_scheme": "employee", "other_start": "2025-12-31"}
SEARCH_QUERY = "medical insurance"

# Words readers would search the demo content by, each in at least one of its articles (a test checks).
SEARCH_WORDS = {
    "en": (
        "insurance medical refund enrolment resident employee payment cover waiting period account family "
        "retire retirement card cash job unemployment benefit flexible worker pension hospital pharmacy "
        "office subsidy years contribution local spouse parents children employer leaving twice premium fine "
        "fraud treatment designated month certificate resign dismissed deemed minimum region"
    ).split(),
    "zh-hans": (
        "医保 退费 参保 缴费 居民医保 职工医保 个人账户 家人 退休 失业 失业保险金 灵活就业 待遇 等待期 补缴 医保卡 "
        "药店 医院 断保 报销 单位 离职 养老 缴费年限 终止 社保 配偶 父母 子女 罚款 违规 套现 办理 政府补助 大病保险 "
        "经办机构 领取 视同缴费 户籍 辞职 退保"
    ).split(),
}


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str  # as readers ask it: the warm and cold rows
    target: float | None  # the target for the page rendered, cold or uncached; None: it names none
    own_addresses: Callable[[int], list] | None = None  # count -> that many addresses of its own


def demo_pages():
    """The pages of the issue's table, on the demo content."""
    seed = Article.objects.select_related("category").get(title=SEED_TITLE)
    answer = reverse("policy:checker_answer", args=["pay-again"])
    api = reverse("policy_api:checker", args=["pay-again"])
    return [
        BenchPage("home", "/", 0.20),
        BenchPage("category", seed.category.get_absolute_url(), 0.20),
        BenchPage("seed article", seed.get_absolute_url(), 0.15),
        BenchPage("checkers list", reverse("policy:checker_list"), None),
        BenchPage("pay-again answer", f"{answer}?{urlencode(PAY_AGAIN_QUERY)}", 0.25,
                  lambda count: [f"{answer}?{query}" for query in pay_again_queries(count)]),
        BenchPage("pay-again API", f"{api}?{urlencode(PAY_AGAIN_QUERY)}", 0.35,
                  lambda count: [f"{api}?{query}" for query in pay_again_queries(count)]),
        BenchPage("search", f"{reverse('search')}?q={quote_plus(SEARCH_QUERY)}", 0.15, search_paths),
    ]


def pay_again_queries(count, seed=1):
    """`count` distinct pay-again answers, as query strings: coverage years and regions the checker answers
    for today, with every other fact drawn over its valid values (enrolments on any day of two years)."""
    checker = get_checker("pay-again")
    today = timezone.localdate()
    regions = [code for code, _name in checker_form(checker=checker).fields["region"].choices]
    # Whether a year is answered depends on the day and, for a region, on its rows: asked once each.
    shapes = [
        (year, region)
        for year in range(today.year - 3, today.year + 2)
        for region in regions
        if checker_run(checker=checker, data={"year": year, "paid": "yes", "other_scheme": "none", "region": region})[1]
    ]
    schemes = [scheme.value for scheme in OtherScheme]
    random = Random(seed)
    queries = {}
    while len(queries) < count:
        year, region = random.choice(shapes)
        query = {"year": year, "paid": random.choice(("yes", "no")), "other_scheme": random.choice(schemes)}
        if query["other_scheme"] != OtherScheme.NONE:
            query["other_start"] = (date(year - 1, 1, 1) + timedelta(days=random.randrange(730))).isoformat()
        if query["paid"] == "no":
            query["last_year_covered"] = random.choice(("yes", "no"))
            if query["last_year_covered"] == "no":
                query["years_without_cover"] = random.randrange(1, MAX_YEARS_WITHOUT_COVER)
        if region:
            query["region"] = region
        queries[urlencode(query)] = None
    return list(queries)


def search_paths(count, seed=2):
    """Up to `count` distinct searches, English and Chinese in turn: two or three words of SEARCH_WORDS
    that one published demo article of the language has together, so that every search finds it (about
    12,000 on the demo content)."""
    lists = []
    for language, words in SEARCH_WORDS.items():
        with translation.override(language):
            page = reverse("search")
        searches = [f"{page}?q={quote_plus(' '.join(combination))}" for combination in _found_together(language, words)]
        Random(seed).shuffle(searches)
        lists.append(searches)
    mixed = [path for pair in itertools.zip_longest(*lists) for path in pair if path]
    return mixed[:count]


def _found_together(language, words, most=3):
    articles = [
        set(tokenizer.index_terms(f"{article.title}\n{article.question}\n{article.editor_note}\n{article.body}"))
        for article in Article.objects.published().filter(language=language)
    ]
    terms = {word: set(tokenizer.index_terms(word)) for word in words}
    for size in range(2, most + 1):
        for combination in itertools.combinations(words, size):
            wanted = set().union(*(terms[word] for word in combination))
            if any(wanted <= found for found in articles):
                yield combination


def prepare_demo():
    """The demo content in the configured database (a PostgreSQL one made on first use), with nothing kept."""
    if connection.vendor == "postgresql":
        _create_postgres_database()
    quiet = {"stdout": StringIO(), "verbosity": 0}
    call_command("migrate", interactive=False, **quiet)
    call_command("createcachetable", **quiet)  # the rate limits' counters, when there is no Redis
    call_command("load_demo", **quiet)
    call_command("collectstatic", interactive=False, **quiet)
    # Pages kept by an earlier run (in Redis) are dropped, as after an edit.
    content_changed()


def _create_postgres_database():
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def unreachable_service():
    """The address of a configured database or Redis server that does not answer, if any."""
    addresses = []
    if connection.vendor != "sqlite":
        addresses.append((connection.settings_dict["HOST"], int(connection.settings_dict["PORT"] or 5432)))
    if settings.REDIS_URL:
        redis = urlsplit(settings.REDIS_URL)
        addresses.append((redis.hostname, redis.port or 6379))
    for host, port in addresses:
        try:
            socket.create_connection((host, port), timeout=2).close()
        except OSError:
            return f"{host}:{port}"
    return None
