"""Where a rendered page's time goes: the pages of `make bench` rendered in this process, through the
production WSGI entry, with the page store keeping nothing, timed and then profiled with cProfile.

Run it through `make profile`: production settings, PAGE_CACHE_KEEP=0 and throwaway databases. A page that
takes input is asked with input of its own on every request, as in the benchmark's uncached rows.

Per page: milliseconds per request without the profiler, SQL queries per request, and how the profiled
time divides into templates, SQL execution, the ORM (building queries and objects), the checker rules,
the middleware (with Django's request handling and the WSGI entry) and the rest (views, URL resolving,
forms); then the functions with the most time of their own, over every page profiled. The division is
cProfile's, shared out edge by edge (bench/profiling.py), so read it to a few percent.
"""

import cProfile
import io
import os
import pstats
import sqlite3
import sys
import time
from datetime import UTC, datetime
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.pages import demo_pages, prepare_demo, unreachable_service
from bench.profiling import KINDS, Kinds, location

WARM_UP = 5


class Command(BaseCommand):
    help = "Profile the rendering of the benchmark's pages in-process, with the page store keeping nothing."

    def add_arguments(self, parser):
        parser.add_argument("--title", default="", help="Names this setup in the printed tables.")
        parser.add_argument("--requests", type=int, default=100, help="Requests per page, timed and again profiled.")
        parser.add_argument("--page", action="append", default=[], help="Only this page (by its name); repeatable.")
        parser.add_argument("--top", type=int, default=15, help="How many functions to list by their own time.")

    def handle(self, *args, **options):
        if settings.PAGE_CACHE_KEEP:
            raise CommandError("Run it with PAGE_CACHE_KEEP=0 (make profile does), or it profiles kept pages.")
        unreachable = unreachable_service()
        if unreachable:
            self.stdout.write(f"Skipped {options['title']}: nothing answers at {unreachable}.")
            return
        prepare_demo()
        pages = [page for page in demo_pages() if not options["page"] or page.name in options["page"]]
        if not pages:
            raise CommandError("No such page: " + ", ".join(options["page"]))
        from portal.wsgi import application  # after the database is ready: it checks the content version

        self.application = application
        if connection.vendor == "sqlite":
            # As another worker of a server would: closed last, a connection would checkpoint and remove the
            # write-ahead log at the end of every request.
            self.other_worker = sqlite3.connect(connection.settings_dict["NAME"])
        count = options["requests"]
        started, load = datetime.now(UTC), os.getloadavg()
        rows, profile = [], None
        for page in pages:
            addresses = page.own_addresses(WARM_UP + 2 * count) if page.own_addresses else []
            addresses = iter(addresses or [page.path] * (WARM_UP + 2 * count))
            for _ in range(WARM_UP):  # templates compiled, connections open, as in a worker that has served
                self._get(next(addresses))
            timed, profiled = [next(addresses) for _ in range(count)], [next(addresses) for _ in range(count)]
            queries = QueryCount()
            with connection.execute_wrapper(queries):
                begun = time.perf_counter()
                for address in timed:
                    self._get(address)
                elapsed = time.perf_counter() - begun
            page_profile = cProfile.Profile()
            for address in profiled:
                page_profile.runcall(self._get, address)
            rows.append((page.name, elapsed / count, queries.count / count, Kinds(pstats.Stats(page_profile).stats)))
            profile = profile.add(page_profile) if profile else pstats.Stats(page_profile)
        self._print(options, started, load, rows, profile, len(pages) * count)

    def _get(self, address):
        """One GET of `address` through the WSGI entry, as gunicorn would hand it over; anything but 200 stops."""
        parts = urlsplit(address)
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": unquote_to_bytes(parts.path).decode("iso-8859-1"),
            "QUERY_STRING": parts.query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        statuses = []
        body = self.application(environ, lambda status, headers, exc_info=None: statuses.append(status))
        try:
            b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if not statuses[0].startswith("200"):
            raise CommandError(f"{address} answered {statuses[0]}")

    def _print(self, options, started, load, rows, profile, requests):
        write = self.stdout.write
        write(f"\n### {options['title'] or connection.vendor}\n")
        write(f"{started:%d %B %Y, %H:%M} UTC, load average {', '.join(f'{value:.2f}' for value in load)} at the "
              f"start; {options['requests']} requests per page after {WARM_UP} to warm up, in one process, "
              "production settings, no page kept. Milliseconds without the profiler; the shares are of the "
              "profiled time.\n\n")
        write("| page | ms per request | SQL queries | " + " | ".join(KINDS) + " |")
        write("| --- | ---: | ---: | " + " | ".join("---:" for _ in KINDS) + " |")
        for name, seconds, queries, kinds in rows:
            totals = kinds.totals()
            whole = sum(totals.values()) or 1
            shares = " | ".join(f"{100 * totals[kind] / whole:.0f} %" for kind in KINDS)
            write(f"| {name} | {1000 * seconds:.1f} | {queries:.0f} | {shares} |")
        kinds = Kinds(profile.stats)
        write(f"\nThe {options['top']} functions with the most time of their own, over every page above "
              "(profiled, per request of any page):\n\n")
        write("| own ms | calls | function | counted in |")
        write("| ---: | ---: | --- | --- |")
        ranked = sorted(profile.stats.items(), key=lambda item: item[1][2], reverse=True)[: options["top"]]
        for function, (_primitive, calls, own, _cumulative, _callers) in ranked:
            kind = kinds.kind(function) or "its callers"
            write(f"| {1000 * own / requests:.2f} | {calls / requests:.1f} | `{location(function)}` | {kind} |")
        write("")


class QueryCount:
    """A database execute wrapper that counts the statements run."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
