"""The portal beside a bare Django "hello", both under gunicorn with the same workers, loaded by wrk.

Run it through `make bench`: it points the settings at throwaway databases and caches, so a benchmark
never touches real content. Each page is loaded in rounds that alternate with rounds on "hello", so
both meet the same machine load; the ratio is the page's requests/s over hello's, medians of the rounds.

Three modes per page. Warm: the page as readers ask for it, kept pages in place. Cold: the same address
from a second portal server whose page store keeps nothing (PAGE_CACHE_KEEP=0), so every request is
rendered. Uncached: that server too, and every request an address of its own (bench/pages.py): a checker
answer with facts of its own, a search with words of its own. A page that takes no input is the same page
whatever it is asked with, so its uncached row would be its cold row again: it is printed once.
"""

import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.pages import WARM_TARGET, demo_pages, prepare_demo, unreachable_service
from bench.servers import REPO, gunicorn

OWN_ADDRESSES_SCRIPT = REPO / "bench" / "own_addresses.lua"
WRK_THREADS = 2
# More than this machine renders in a second: each uncached round has addresses enough of its own.
ADDRESSES_PER_SECOND = 1000
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


class Command(BaseCommand):
    help = "Benchmark the portal's pages against a bare Django hello under gunicorn with wrk."

    def add_arguments(self, parser):
        parser.add_argument("--title", default="", help="Names this setup in the printed table.")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers of each server.")
        parser.add_argument("--connections", type=int, default=32, help="wrk connections.")
        parser.add_argument("--duration", type=int, default=5, help="Seconds per wrk round.")
        parser.add_argument("--rounds", type=int, default=2, help="Rounds per page and mode.")
        parser.add_argument("--host", default="127.0.0.1", help="Where both servers listen.")
        parser.add_argument("--port", type=int, default=0,
                            help="The portal's port; the portal keeping nothing takes the next, hello the one after. "
                                 "0: any free.")

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (make bench installs Debian's).")
        unreachable = unreachable_service()
        if unreachable:
            self.stdout.write(f"Skipped {options['title']}: nothing answers at {unreachable}.")
            return
        prepare_demo()
        pages = demo_pages()
        # A generous timeout: on a loaded machine a slow answer is a latency to report, not an error.
        self.wrk_options = ["--threads", str(WRK_THREADS), "--connections", str(options["connections"]),
                            "--duration", f"{options['duration']}s", "--timeout", "10s", "--latency"]
        self.rounds, self.duration = options["rounds"], options["duration"]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.prod"}
        port = options["port"]
        servers = {"workers": options["workers"], "host": options["host"]}
        with (
            tempfile.TemporaryDirectory() as folder,
            gunicorn("portal.wsgi:application", port=port, ready_path="/health/", env=env, **servers) as portal,
            # Its /health/ reports a page store that keeps nothing as degraded: /health/live asks only the process.
            gunicorn("portal.wsgi:application", port=port + 1 if port else 0, ready_path="/health/live",
                     env={**env, "PAGE_CACHE_KEEP": "0"}, **servers) as cold,
            gunicorn("bench.hello:application", port=port + 2 if port else 0, env=env, **servers) as hello,
        ):
            self.folder = Path(folder)
            rows = []
            for page in pages:
                rows.append(self._compare(portal, hello, page, "warm"))
                rows.append(self._compare(cold, hello, page, "cold"))
                if page.own_addresses:
                    rows.append(self._compare(cold, hello, page, "uncached"))
            seed_article = next(page.path for page in pages if page.name == "seed article")
            self._wrk(portal.url + seed_article, duration=1)  # kept again in every worker
            crowd = self._wrk(portal.url + seed_article, connections=100)
            rss = portal.worker_rss_mb()
        self._print(options, rows, crowd, rss)

    def _compare(self, portal, hello, page, mode):
        floor, results = [], []
        if mode == "warm":
            self._wrk(portal.url + page.path, duration=1)  # every worker keeps the page before it is timed
        addresses, per_round = self._own_addresses(page) if mode == "uncached" else (None, 0)
        for number in range(self.rounds):
            floor.append(self._wrk(hello.url + "/"))
            # Each round asks addresses of its own, none another round asked.
            script_args = addresses and [addresses, str(number * per_round), str(per_round), str(WRK_THREADS)]
            results.append(self._wrk(portal.url + page.path, script_args=script_args))
        rps = statistics.median(result["rps"] for result in results)
        floor_rps = statistics.median(result["rps"] for result in floor)
        return {
            "page": page.name,
            "mode": mode if mode != "cold" or page.own_addresses else "cold = uncached",
            "rps": rps,
            "p99": statistics.median(result["p99"] for result in results),
            "hello_rps": floor_rps,
            "hello_p99": statistics.median(result["p99"] for result in floor),
            "ratio": rps / floor_rps,
            "target": WARM_TARGET if mode == "warm" else page.target,
            "errors": sum(result["errors"] for result in results),
            "repeated": sum(result["repeated"] for result in results),
        }

    def _own_addresses(self, page):
        """(the file of the page's addresses of their own, how many each round may take)."""
        path = self.folder / f"{page.name.replace(' ', '-')}.txt"
        addresses = page.own_addresses(self.rounds * self.duration * ADDRESSES_PER_SECOND)
        path.write_text("".join(address + "\n" for address in addresses))
        return str(path), len(addresses) // self.rounds

    def _wrk(self, url, script_args=None, connections=None, duration=None):
        command = ["wrk", *self.wrk_options]
        if connections:
            command[command.index("--connections") + 1] = str(connections)
        if duration:
            command[command.index("--duration") + 1] = f"{duration}s"
        command.append(url)
        if script_args:
            command[-1:-1] = ["--script", str(OWN_ADDRESSES_SCRIPT)]
            command += ["--", *script_args]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
        failed = int(errors.group(1)) if errors else 0
        failed += sum(map(int, sockets.groups())) if sockets else 0
        own = re.search(r"^Own addresses: (\d+) asked of (\d+)$", output, re.MULTILINE)
        return {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p99": float(p99.group(1)) * UNITS[p99.group(2)],
            "errors": failed,
            # Requests past the round's addresses: each asks one of them a second time.
            "repeated": max(0, int(own.group(1)) - int(own.group(2))) if own else 0,
        }

    def _print(self, options, rows, crowd, rss):
        write = self.stdout.write
        cores = os.cpu_count()
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        write(f"\n### {options['title'] or connection.vendor}\n")
        write(f"{options['workers']} gunicorn sync workers each, wrk {WRK_THREADS} threads x {options['connections']} "
              f"connections, {options['rounds']} alternating rounds of {options['duration']} s per page and mode, "
              f"medians; {cores} cores, load average now {load}. Warm: kept pages in place. Cold: a server that "
              "keeps no page, so every request is rendered. Uncached: that server, every request an address of "
              "its own; a page that takes no input is the same page at any address, so its cold row is its "
              "uncached row. Target: the issue's ratio.\n\n")
        write("| page | mode | requests/s | p99 ms | hello requests/s | hello p99 ms | ratio | target |")
        write("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in rows:
            notes = [f"{row['errors']} errors"] if row["errors"] else []
            notes += [f"{row['repeated']} addresses asked again"] if row["repeated"] else []
            noted = f" ({', '.join(notes)})" if notes else ""
            target = "—" if row["target"] is None else f"{row['target']:.2f}"
            write(f"| {row['page']} | {row['mode']} | {row['rps']:.0f}{noted} | {row['p99']:.1f} | "
                  f"{row['hello_rps']:.0f} | {row['hello_p99']:.1f} | {row['ratio']:.2f} | {target} |")
        write(f"\nWarm seed article under 100 connections: {crowd['rps']:.0f} requests/s, p99 {crowd['p99']:.1f} ms.")
        write("Worker RSS after the benchmark: " + ", ".join(f"{size:.0f} MB" for size in rss) + ".\n")
