"""`make soak`: the site under a bounded, local load, then a fuzzer, with a backup taken mid-load; then
one client's flood (bench/soak_flood.py), a frozen PostgreSQL and a hanging Redis (bench/soak_outages.py).

Passes only when: no 5xx and no socket error under the load, no 5xx from the fuzzed inputs, the backup
taken during the load restores with every article and vote written before it, and the flood and outages
meet their targets. Everything goes to servers on this machine; every loop is bounded in requests and time.
"""

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils import translation

from bench.forms import form_fields
from bench.servers import REPO, gunicorn
from bench.soak_flood import flood
from bench.soak_measure import table
from bench.soak_outages import frozen_postgres, hanging_redis, postgres_site, unreachable, with_log_lines
from faq.management.commands.load_demo import SEED_TITLE
from faq.models import Article, ArticleFeedback
from policy.choices import CheckerSlug
from portal.backups import database_backup

LUA = REPO / "bench" / "soak.lua"
# Odd inputs a reader, a broken app or an attacker may send, beside each field's own options.
ODD_VALUES = [
    "", " ", "0", "-1", "1e309", "99999999999999999999", "２０２６", "２０２５－１２－０１", "2026-02-30", "2026-13-01",
    "0000-00-00", "9999-12-31", "1900-01-01", "yes", "no", "true", "null", "None", "NaN", "<script>1</script>",
    "' OR 1=1 --", "../../etc/passwd", "%00", "\x00", "退费", "醫保", "🙂" * 50, "a" * 2000, "\u202e",
    "//evil.example/",
]


PARTS = ["load", "fuzz", "flood", "frozen-postgres", "hanging-redis"]
# Lifted for every part but the flood, so that the load reaches the pages instead of stopping at 429
# (in the outages a prober's request waiting on a frozen database would otherwise use up its share).
NO_RENDER_LIMIT = {"RENDER_RATE_LIMIT": "1000000/m", "RENDER_SHARE": "1"}


class Command(BaseCommand):
    help = ("Load the site with wrk, fuzz every form and API, and check a backup taken during the load; "
            "then flood it from one client, freeze its PostgreSQL and hang its Redis.")

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=PARTS,
                            help="Run this part alone (repeat for more); the load includes the backup.")
        parser.add_argument("--connections", type=int, default=100, help="wrk connections.")
        parser.add_argument("--duration", type=int, default=60, help="Seconds of load.")
        parser.add_argument("--fuzz", type=int, default=10_000, help="Fuzzed requests after the load.")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers.")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the fuzzer, to replay a run.")
        parser.add_argument("--phase", type=int, default=15,
                            help="Seconds of each phase of the flood and outages (before, during).")
        parser.add_argument("--postgres", default=os.environ.get("SOAK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
                            help="PostgreSQL server for the outages: a scratch database is created and dropped.")
        parser.add_argument("--redis", default=os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/14"),
                            help="Redis for the outages; the run's keys are deleted afterwards.")

    def handle(self, *args, only, workers, phase, postgres, redis, **options):
        parts = only or PARTS
        quiet = {"stdout": StringIO(), "verbosity": 0}
        call_command("migrate", interactive=False, **quiet)
        call_command("createcachetable", **quiet)
        call_command("load_demo", **quiet)
        call_command("collectstatic", interactive=False, **quiet)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.prod", "DJANGO_LOG_LEVEL": "ERROR"}
        failures = []
        if "load" in parts or "fuzz" in parts:
            failures += self._load_and_fuzz(parts, {**env, **NO_RENDER_LIMIT}, workers=workers, **options)
        # The flood and outages tell clients apart by X-Forwarded-For, as behind one proxy (bench/soak_measure.py).
        env["DJANGO_TRUSTED_PROXIES"] = "1"
        if "flood" in parts:
            with gunicorn("portal.wsgi:application", env=env, workers=workers, ready_path="/health/") as portal:
                limits = ", ".join(f"{name} {os.environ.get(name, 'default')}"
                                   for name in ("RENDER_RATE_LIMIT", "RENDER_SHARE"))
                failures += self._report(f"Flood: one client over 64 connections, 8 readers, SQLite, {limits}",
                                         flood(portal.url, seconds=phase))
        outages = [part for part in ("frozen-postgres", "hanging-redis") if part in parts]
        if outages:
            failures += self._outages(outages, {**env, **NO_RENDER_LIMIT}, workers, phase, postgres, redis)
        if failures:
            raise CommandError("Soak failed. " + " | ".join(failures))
        self.stdout.write(f"Soak passed: {', '.join(parts)}.")

    def _load_and_fuzz(self, parts, env, *, workers, connections, duration, fuzz, seed, **options):
        failures = []
        with gunicorn("portal.wsgi:application", env=env, workers=workers, ready_path="/health/") as portal, \
                tempfile.TemporaryDirectory() as scratch:
            if "load" in parts:
                failures += self._load_and_backup(portal.url, connections, duration, Path(scratch))
            if "fuzz" in parts:
                fuzz_errors = self._fuzz(portal.url, fuzz, random.Random(seed))
                if fuzz_errors:
                    failures.append(f"fuzz: {len(fuzz_errors)} answers of 5xx, e.g. {fuzz_errors[:5]}")
        return failures

    def _load_and_backup(self, url, connections, duration, scratch):
        """wrk over the paths while a writer writes and a backup is taken half-way; the backup must restore."""
        backup = scratch / "soak.backup"
        writer = Writer(url)
        writer.start()
        load = threading.Thread(target=self._load, args=(url, self._paths(), connections, duration, scratch))
        load.start()
        time.sleep(duration / 2)
        before = writer.written()
        database_backup(path=backup)
        load.join()
        writer.stop()
        self.stdout.write(f"Backup taken half-way: {len(before[0])} articles and {len(before[1])} votes "
                          f"written before it; the writer added {writer.articles} articles, "
                          f"{writer.votes} votes in all.")
        missing = self._restore_and_compare(backup, before, scratch)
        failures = []
        if writer.error or not writer.articles or not writer.votes:
            failures.append(f"writer: {writer.articles} articles and {writer.votes} votes written; {writer.error!r}")
        if self.load_result["server_errors"] or self.load_result["socket_errors"]:
            failures.append(f"load: {self.load_result}")
        if missing:
            failures.append(f"restore: missing after restore: {missing}")
        return failures

    def _outages(self, outages, env, workers, phase, postgres, redis):
        """PostgreSQL frozen, then Redis hung, on one site; each with its own figures."""
        deadline = float(os.environ.get("DJANGO_DB_DEADLINE", "5"))
        cache_timeout = float(os.environ.get("DJANGO_CACHE_TIMEOUT", "1"))
        if missing := unreachable(postgres, redis):
            return [f"{', '.join(outages)}: {missing} (--only picks the other parts)"]
        failures = []
        with tempfile.TemporaryDirectory() as scratch, \
                postgres_site(postgres=postgres, redis_url=redis, env=env, workers=workers, scratch=scratch) as site:
            if "frozen-postgres" in outages:
                failures += self._report(
                    f"Frozen PostgreSQL: {max(phase, deadline + 2):g} s (DJANGO_DB_DEADLINE {deadline:g} s), 8 readers",
                    with_log_lines(site, frozen_postgres, seconds=phase, deadline=deadline))
            if "hanging-redis" in outages:
                failures += self._report(
                    f"Hanging Redis: {phase} s after the first {cache_timeout:g} s timeout, 8 readers",
                    with_log_lines(site, hanging_redis, seconds=phase, cache_timeout=cache_timeout))
        return failures

    def _report(self, title, figures):
        """Print the figures; return the targets missed."""
        self.stdout.write(table(title, figures))
        return [f"{title.split(':')[0]}: {figure.name} {figure.value} (target {figure.target})"
                for figure in figures if figure.met is False]

    def _paths(self):
        """A mix of what readers and apps ask for: pages in both languages, checkers, search and the APIs."""
        seed = Article.objects.select_related("category").get(title=SEED_TITLE)
        paths = ["/", "/zh-hans/", seed.get_absolute_url(), seed.category.get_absolute_url(),
                 "/checkers/", "/search/?q=refund", "/zh-hans/search/?q=%E9%80%80%E8%B4%B9",
                 "/sitemap.xml", "/feeds/articles.atom", "/health/",
                 "/api/v1/checkers/refund/?year=2026&other_scheme=employee&other_start=2025-12-01",
                 "/api/v1/search/?q=medical"]
        for checker in CheckerSlug:
            with translation.override("en"):
                paths.append(reverse("policy:checker_start", args=[checker.value]))
        return paths

    def _load(self, url, paths, connections, duration, scratch):
        listing = scratch / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        output = subprocess.run(
            ["wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{duration}s",
             "--timeout", "10s", "--latency", "--script", str(LUA), url],
            env={**os.environ, "SOAK_PATHS": str(listing)}, capture_output=True, text=True, check=True,
        ).stdout
        sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
        self.load_result = {
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "server_errors": int(re.search(r"server errors: (\d+)", output).group(1)),
            "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
        }
        p99 = re.search(r"^\s+99%\s+(\S+)\s*$", output, re.MULTILINE).group(1)
        self.stdout.write(f"Load: {connections} connections for {duration} s: {self.load_result['requests']} "
                          f"requests, p99 {p99}, {self.load_result['server_errors']} answers of 5xx, "
                          f"{self.load_result['socket_errors']} socket errors.")

    def _fuzz(self, url, count, rng):
        """Send `count` requests with odd inputs to every form and API; return the 5xx ones."""
        targets = fuzz_targets(url)
        requests = [random_request(url, targets, rng) for _ in range(count)]
        errors = []
        with ThreadPoolExecutor(max_workers=8) as pool:
            for request, status in zip(requests, pool.map(send, requests), strict=True):
                if status is None or status >= 500:
                    errors.append((status, request.get_method(), request.full_url[:200]))
        self.stdout.write(f"Fuzz: {count} requests to {len(targets)} forms and APIs, {len(errors)} answers of 5xx.")
        return errors

    def _restore_and_compare(self, backup, before, scratch):
        """Restore into a new database of the same kind; return what was written before the backup and is missing."""
        if connection.vendor == "sqlite":
            target = f"sqlite:///{scratch / 'restored.sqlite3'}"
        else:
            name = f"{connection.settings_dict['NAME']}_soak_restored"
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}"')
            settings = connection.settings_dict
            target = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
        env = {**os.environ, "DATABASE_URL": target}
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "restore", str(backup), "--noinput"], cwd=REPO, env=env, check=True,
                       capture_output=True)
        listing = subprocess.run(
            [*manage, "shell", "--verbosity", "0", "-c",
             "from faq.models import Article, ArticleFeedback; "
             "print(*Article.objects.values_list('pk', flat=True)); "
             "print(*ArticleFeedback.objects.values_list('pk', flat=True))"],
            cwd=REPO, env=env, check=True, capture_output=True, text=True,
        ).stdout.splitlines()
        restored = [{int(pk) for pk in line.split()} for line in listing]
        kinds = zip(("articles", "votes"), before, restored, strict=True)
        return {kind: sorted(wanted - got) for kind, wanted, got in kinds if wanted - got}


class Writer(threading.Thread):
    """Writes articles (as editors do, through the ORM) and votes (as readers do, over HTTP) until stopped."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.articles, self.votes, self.error = url, 0, 0, None
        self.category = Article.objects.get(title=SEED_TITLE).category
        self.run_id = uuid.uuid4().hex[:8]
        self._stop_event = threading.Event()

    def run(self):
        try:
            while not self._stop_event.is_set():
                name = f"soak-{self.run_id}-{self.articles}"
                article = Article.objects.create(
                    category=self.category, title=name, slug=name,
                    question="Written by the soak?", body="Yes.", status=Article.Status.PUBLISHED,
                )
                self.articles += 1
                status = send(urllib.request.Request(
                    f"{self.url}{reverse('faq:article_feedback', args=[article.pk])}",
                    data=b"helpful=yes", headers={"Origin": self.url}, method="POST",
                ))
                self.votes += status in (200, 302)
                time.sleep(0.05)
        except Exception as error:  # reported by the soak as a failure, not lost in a thread
            self.error = error
        finally:
            connection.close()

    def written(self):
        """Every article and vote committed so far (read from the database, so only what is committed)."""
        return (set(Article.objects.values_list("pk", flat=True)),
                set(ArticleFeedback.objects.values_list("pk", flat=True)))

    def stop(self):
        self._stop_event.set()
        self.join()


def fuzz_targets(url):
    """(method, path, {field: [options]}) for every form and API, read from the pages themselves."""
    targets = []
    for checker in CheckerSlug:
        with translation.override("en"):
            questions = reverse("policy:checker_questions", args=[checker.value])
            answer = reverse("policy:checker_answer", args=[checker.value])
        # Every field the API requires (its 400 names them), with the options the question page offers.
        fields = {name: [] for name in json.loads(fetch(f"{url}/api/v1/checkers/{checker.value}/"))["errors"]}
        for name, value in form_fields(fetch(url + questions), "checker-form"):
            fields.setdefault(name, []).append(value)
        targets += [("GET", questions, fields), ("GET", answer, fields),
                    ("GET", f"/api/v1/checkers/{checker.value}/", fields)]
    seed = Article.objects.get(title=SEED_TITLE)
    targets += [
        ("GET", "/search/", {"q": ["refund", "退费"], "page": ["1", "2"], "category": ["cards"]}),
        ("GET", "/api/v1/search/", {"q": ["refund", "退费"], "language": ["en", "zh-hans"], "page": ["1"]}),
        ("POST", reverse("faq:article_feedback", args=[seed.pk]),
         {"helpful": ["yes", "no"], "reason": ["outdated", "unclear"], "comment": ["ok"]}),
        ("POST", "/admin/login/", {"username": ["editor"], "password": ["password"]}),
        ("GET", "/faq/no-such-category/no-such-article/", {"x": ["1"]}),
    ]
    return targets


def random_request(url, targets, rng):
    method, path, fields = rng.choice(targets)
    names = list(fields) + ["unexpected"]
    chosen = rng.sample(names, rng.randint(0, len(names)))
    query = [(name, rng.choice(fields.get(name, []) + ODD_VALUES) if fields.get(name) and rng.random() < 0.5
              else rng.choice(ODD_VALUES)) for name in chosen]
    body = urllib.parse.urlencode(query).encode()
    if method == "GET":
        return urllib.request.Request(f"{url}{path}?{body.decode()}")
    return urllib.request.Request(f"{url}{path}", data=body, method="POST", headers={"Origin": url})


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are answers too; following one could leave this machine."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects())


def send(request):
    """The status of the answer, or None when the connection failed."""
    try:
        with OPENER.open(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def fetch(url):
    """The body of a page or API answer, whatever its status."""
    try:
        with OPENER.open(url, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        return error.read().decode()
