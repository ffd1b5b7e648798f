"""The portal beside a bare Django "hello", both under gunicorn with the same workers, loaded by wrk.

Run it through `make bench`: it points the settings at throwaway databases and caches, so a benchmark
never touches real content. Each page is loaded in rounds that alternate with rounds on "hello", so
both meet the same machine load; the ratio is the page's requests/s over hello's, medians of the rounds.

Three modes per page. Warm: the page as readers ask for it, kept pages in place. Cold: every kept page
dropped before each round by replacing the content version, as an edit does. Uncached: emptied too,
and every request of the round asks for an address of its own, so each one is rendered: the cost of
the path behind the cache.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
from io import StringIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.servers import REPO, gunicorn
from faq.management.commands.load_demo import SEED_TITLE
from faq.models import Article
from serving.content_version import content_changed

UNCACHED_SCRIPT = REPO / "bench" / "uncached.lua"
MODES = ("warm", "cold", "uncached")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def demo_pages():
    """The pages of the issue's table, on the demo content."""
    seed = Article.objects.select_related("category").get(title=SEED_TITLE)
    return {
        "home": "/",
        "seed article": seed.get_absolute_url(),
        "category": seed.category.get_absolute_url(),
        "checkers list": "/checkers/",
        "pay-again answer": "/checkers/pay-again/answer/?year=2026&paid=yes&other_scheme=employee"
        "&other_start=2025-12-31",
        "refund API": "/api/v1/checkers/refund/?year=2026&other_scheme=employee&other_start=2025-12-01",
        "search": "/search/?q=medical+insurance",
    }


class Command(BaseCommand):
    help = "Benchmark the portal's pages against a bare Django hello under gunicorn with wrk."

    def add_arguments(self, parser):
        parser.add_argument("--title", default="", help="Names this setup in the printed table.")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers of each server.")
        parser.add_argument("--connections", type=int, default=32, help="wrk connections.")
        parser.add_argument("--duration", type=int, default=5, help="Seconds per wrk round.")
        parser.add_argument("--rounds", type=int, default=2, help="Rounds per page and mode.")
        parser.add_argument("--host", default="127.0.0.1", help="Where both servers listen.")
        parser.add_argument("--port", type=int, default=0, help="The portal's port; hello takes the next. 0: any free.")

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (make bench installs Debian's).")
        unreachable = self._unreachable()
        if unreachable:
            self.stdout.write(f"Skipped {options['title']}: nothing answers at {unreachable}.")
            return
        self._prepare_database()
        pages = demo_pages()
        # A generous timeout: on a loaded machine a slow answer is a latency to report, not an error.
        self.wrk_options = ["--threads", "2", "--connections", str(options["connections"]),
                            "--duration", f"{options['duration']}s", "--timeout", "10s", "--latency"]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.prod"}
        port = options["port"]
        servers = {"workers": options["workers"], "env": env, "host": options["host"]}
        with (
            gunicorn("portal.wsgi:application", port=port, ready_path="/health/", **servers) as portal,
            gunicorn("bench.hello:application", port=port + 1 if port else 0, **servers) as hello,
        ):
            rows = [
                self._compare(portal, hello, name, path, mode, options["rounds"])
                for mode in MODES
                for name, path in pages.items()
            ]
            self._wrk(portal.url + pages["seed article"], duration=1)  # kept again in every worker
            crowd = self._wrk(portal.url + pages["seed article"], connections=100)
            rss = portal.worker_rss_mb()
        self._print(options, rows, crowd, rss)

    def _unreachable(self):
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

    def _prepare_database(self):
        if connection.vendor == "postgresql":
            self._create_postgres_database()
        quiet = {"stdout": StringIO(), "verbosity": 0}
        call_command("migrate", interactive=False, **quiet)
        call_command("createcachetable", **quiet)  # the rate limits' counters, when there is no Redis
        call_command("load_demo", **quiet)
        call_command("collectstatic", interactive=False, **quiet)
        self._empty_caches()

    def _create_postgres_database(self):
        """The benchmark's own database, made on first use."""
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')

    def _empty_caches(self):
        """Every kept page dropped, in every worker: as after an edit, the content version is replaced.
        (Emptying the whole Redis database would also drop whatever else shares it.)"""
        content_changed()

    def _compare(self, portal, hello, name, path, mode, rounds):
        floor, results = [], []
        if mode == "warm":
            self._wrk(portal.url + path, duration=1)  # every worker keeps the page before it is timed
        for _ in range(rounds):
            floor.append(self._wrk(hello.url + "/"))
            if mode != "warm":
                self._empty_caches()
            results.append(self._wrk(portal.url + path, script=UNCACHED_SCRIPT if mode == "uncached" else None))
        rps = statistics.median(result["rps"] for result in results)
        floor_rps = statistics.median(result["rps"] for result in floor)
        return {
            "page": name,
            "mode": mode,
            "rps": rps,
            "p99": statistics.median(result["p99"] for result in results),
            "hello_rps": floor_rps,
            "hello_p99": statistics.median(result["p99"] for result in floor),
            "ratio": rps / floor_rps,
            "errors": sum(result["errors"] for result in results),
        }

    def _wrk(self, url, script=None, connections=None, duration=None):
        command = ["wrk", *self.wrk_options]
        if connections:
            command[command.index("--connections") + 1] = str(connections)
        if duration:
            command[command.index("--duration") + 1] = f"{duration}s"
        if script:
            command += ["--script", str(script)]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
        p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
        failed = int(errors.group(1)) if errors else 0
        failed += sum(map(int, sockets.groups())) if sockets else 0
        return {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p99": float(p99.group(1)) * UNITS[p99.group(2)],
            "errors": failed,
        }

    def _print(self, options, rows, crowd, rss):
        write = self.stdout.write
        cores = os.cpu_count()
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        write(f"\n### {options['title'] or connection.vendor}\n")
        write(f"{options['workers']} gunicorn sync workers each, wrk 2 threads x {options['connections']} "
              f"connections, {options['rounds']} alternating rounds of {options['duration']} s per page and mode, "
              f"medians; {cores} cores, load average now {load}.\n\n")
        write("| page | mode | requests/s | p99 ms | hello requests/s | hello p99 ms | ratio |")
        write("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for row in rows:
            errors = f" ({row['errors']} errors)" if row["errors"] else ""
            write(f"| {row['page']} | {row['mode']} | {row['rps']:.0f}{errors} | {row['p99']:.1f} | "
                  f"{row['hello_rps']:.0f} | {row['hello_p99']:.1f} | {row['ratio']:.2f} |")
        write(f"\nWarm seed article under 100 connections: {crowd['rps']:.0f} requests/s, p99 {crowd['p99']:.1f} ms.")
        write("Worker RSS after the benchmark: " + ", ".join(f"{size:.0f} MB" for size in rss) + ".\n")

