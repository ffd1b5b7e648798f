"""What the soak's fault scenarios share: wrk as one client, a prober asking pages one at a time, the table.

Clients are told apart by address the way the site tells them apart behind its proxy: the servers run
with DJANGO_TRUSTED_PROXIES=1 and every client sends its own address in X-Forwarded-For (all of them in
127.0.0.0/8, all traffic to 127.0.0.1). wrk cannot bind a source address, and a relay that could would
cost the flood more than the site does; the header costs nothing and is what nginx sends in production.
"""

import math
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from bench.servers import REPO

CLIENT_LUA = REPO / "bench" / "soak_client.lua"
# wrk gives up on a request after this long; more than 1% of them so is reported as a p99 of this, and a
# load that had no answer at all as a p99 of infinity.
WRK_TIMEOUT_S = 10
# Clients, each its own address: readers of kept pages, the flooder, and the prober.
READER, FLOODER, PROBER = "127.0.0.3", "127.0.0.2", "127.0.0.4"


@dataclass
class Load:
    """wrk's figures for one client."""

    requests: int
    per_second: float
    p99_ms: float
    timeouts: int
    statuses: dict

    def share(self, status):
        return self.statuses[status] / max(1, sum(self.statuses.values()))


def start_wrk(url, path, *, client, connections, seconds, distinct=False):
    """wrk on `path` as `client` for `seconds`; with `distinct`, a new checker answer on every request."""
    env = {"SOAK_DISTINCT": "1"} if distinct else {}
    return subprocess.Popen(
        ["wrk", "--threads", str(min(2, connections)), "--connections", str(connections),
         "--duration", f"{seconds}s", "--timeout", f"{WRK_TIMEOUT_S}s", "--latency", "--script", str(CLIENT_LUA),
         "--header", f"X-Forwarded-For: {client}", url + path],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish_wrk(process):
    output, errors = process.communicate()
    if process.returncode:
        raise RuntimeError(f"wrk failed: {errors}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    timeouts = re.search(r"Socket errors: .* timeout (\d+)", output)
    timeouts = int(timeouts.group(1)) if timeouts else 0
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)\s*$", output, re.MULTILINE).group(1))
    if timeouts > 0.01 * (requests + timeouts):
        p99 = WRK_TIMEOUT_S * 1000
    if not requests:
        p99 = math.inf
    statuses = dict(zip(("2xx", "429", "5xx", "other"),
                        map(int, re.search(r"statuses: 2xx (\d+), 429 (\d+), 5xx (\d+), other (\d+)", output).groups()),
                        strict=True))
    per_second = float(re.search(r"Requests/sec:\s+(\S+)", output).group(1))
    return Load(requests, per_second, p99, timeouts, statuses)


def run_wrk(url, path, **options):
    return finish_wrk(start_wrk(url, path, **options))


def warm(url, paths):
    """A second of load on each path, unmeasured, so that every worker has the pages and has woken."""
    for path in paths:
        run_wrk(url, path, client=PROBER, connections=8, seconds=1)


def _milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects())


def ask(url, *, client=PROBER, timeout=10):
    """(status or None when the connection failed or timed out, seconds taken, body)."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers={"X-Forwarded-For": client})
    try:
        with OPENER.open(request, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError:
        status, body = None, b""
    return status, time.monotonic() - started, body.decode(errors="replace")


def wait_for(url, good, *, within, timeout=10):
    """Seconds until `url` answers so that good(status, body), asking again every 0.2 s; None if not `within`."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        status, _seconds, body = ask(url, timeout=timeout)
        if good(status, body):
            return time.monotonic() - started
        time.sleep(0.2)
    return None


class Prober(threading.Thread):
    """Asks a new search (so a page that needs the database) after another, one at a time, until stopped."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url
        self.answers = []  # (sent, answered, status), monotonic seconds
        self._stopping = threading.Event()

    def run(self):
        count = 0
        while not self._stopping.is_set():
            count += 1
            sent = time.monotonic()
            status, _seconds, _body = ask(f"{self.url}/search/?q=soak-probe-{id(self)}-{count}", timeout=30)
            self.answers.append((sent, time.monotonic(), status))
            time.sleep(0.1)

    def stop(self):
        """Stops asking; an answer still awaited is left to its thread."""
        self._stopping.set()
        return list(self.answers)

    def first(self, status, since):
        """Seconds from `since` until the first answer of `status`; None if none came."""
        return next((answered - since for _sent, answered, got in self.answers if got == status), None)

    def failed(self):
        """How many answers were 5xx or none at all."""
        return sum(1 for _sent, _answered, status in self.answers if status is None or status >= 500)

    def p99_ms(self):
        times = sorted(answered - sent for sent, answered, _status in self.answers)
        return times[math.ceil(0.99 * len(times)) - 1] * 1000 if times else None


@dataclass
class Figure:
    name: str
    value: str
    target: str = ""
    met: bool | None = None  # None: a figure without a target


def ms(value):
    return "no answer" if value in (None, math.inf) else f"{value:.1f} ms"


def in_seconds(value):
    return "never" if value is None else f"{value:.2f} s"


def table(title, figures):
    """The figures as a plain table, one figure a line, with its target and whether it was met. A value
    without a target (a log line) may run past its column."""
    rows = [("figure", "value", "target", "met")]
    rows += [(f.name, f.value, f.target, {True: "yes", False: "MISSED", None: ""}[f.met]) for f in figures]
    widths = [max(len(row[column]) for row in rows if column == 0 or row[2]) for column in range(4)]
    lines = [title] + ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                       for row in rows]
    return "\n".join(lines)
