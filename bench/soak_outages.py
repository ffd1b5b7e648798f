"""The soak's outages: PostgreSQL, then Redis, stops answering on open connections, and comes back.

The site runs on a scratch PostgreSQL database (created and dropped here) with Redis, each reached
through a FreezingProxy (bench/faults.py), which keeps connections open but relays nothing, as a hung
server or pooler does. Readers ask the kept home page throughout; a prober asks new searches, pages
that need the database, one at a time.
"""

import json
import math
import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

from bench.faults import FreezingProxy
from bench.servers import REPO, Server, gunicorn
from bench.soak_measure import (
    READER,
    Figure,
    Prober,
    ask,
    finish_wrk,
    in_seconds,
    ms,
    run_wrk,
    start_wrk,
    wait_for,
    warm,
)

READER_PAGE = "/"
READERS = 8
# The most the soak waits for the site to come back after a fault ends.
RECOVERY_WAIT_S = 30


@dataclass
class Site:
    server: Server
    database: FreezingProxy
    cache: FreezingProxy
    log: str  # the servers' log file


@contextmanager
def postgres_site(*, postgres, redis_url, env, workers, scratch):
    """The demo site on a scratch database of the PostgreSQL server at `postgres` (postgres://user@host:port),
    with Redis at `redis_url`, both through freezing proxies; the database and the run's keys go afterwards."""
    name = f"portal_soak_{uuid.uuid4().hex[:8]}"
    prefix = f"soak-{name}-"
    server = urlsplit(postgres)
    direct = {**env, "DATABASE_URL": urlunsplit(server._replace(path=f"/{name}")), "REDIS_URL": redis_url,
              "DJANGO_CACHE_KEY_PREFIX": prefix}
    with psycopg.connect(urlunsplit(server._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        for command in (["migrate", "--noinput"], ["createcachetable"], ["load_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=REPO, env=direct, check=True,
                           capture_output=True)
        cache_url = urlsplit(redis_url)
        log = os.path.join(scratch, "outages-server.log")
        with FreezingProxy((server.hostname, server.port or 5432)) as database, \
                FreezingProxy((cache_url.hostname, cache_url.port or 6379)) as cache, open(log, "w") as log_file:
            proxied = {**direct, "DATABASE_URL": _through(direct["DATABASE_URL"], database),
                       "REDIS_URL": _through(redis_url, cache)}
            with gunicorn("portal.wsgi:application", env=proxied, workers=workers, ready_path="/health/",
                          stderr=log_file) as portal:
                warm(portal.url, [READER_PAGE])
                yield Site(portal, database, cache, log)
    finally:
        with psycopg.connect(urlunsplit(server._replace(path="/postgres")), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        keys = redis.Redis.from_url(redis_url)
        for key in keys.scan_iter(match=f"{prefix}*"):
            keys.delete(key)


def _through(url, proxy):
    """`url` with the proxy's address in place of the server's."""
    parts = urlsplit(url)
    user = parts.netloc.rpartition("@")[0]
    return urlunsplit(parts._replace(netloc=f"{user + '@' if user else ''}{proxy.address[0]}:{proxy.port}"))


def unreachable(postgres, redis_url):
    """What of the PostgreSQL server and Redis does not answer, in words; "" when both do."""
    missing = []
    for name, url, port in (("PostgreSQL", postgres, 5432), ("Redis", redis_url, 6379)):
        parts = urlsplit(url)
        try:
            socket.create_connection((parts.hostname, parts.port or port), timeout=2).close()
        except OSError as error:
            missing.append(f"no {name} at {parts.hostname}:{parts.port or port} ({error})")
    return "; ".join(missing)


def frozen_postgres(site, *, seconds, deadline):
    """PostgreSQL frozen for `seconds` (at least the deadline and 2 s) while readers ask kept pages; then thawed."""
    url = site.server.url
    before = run_wrk(url, READER_PAGE, client=READER, connections=READERS, seconds=seconds)
    workers = site.server.worker_pids()
    site.database.freeze()
    frozen_at = time.monotonic()
    prober = Prober(url)
    prober.start()
    readers = start_wrk(url, READER_PAGE, client=READER, connections=READERS, seconds=seconds)
    time.sleep(max(0.0, frozen_at + min(deadline + 1, seconds / 2) - time.monotonic()))
    ready, ready_s, _body = ask(f"{url}/health/ready", timeout=5)
    live, live_s, _body = ask(f"{url}/health/live", timeout=5)
    during = finish_wrk(readers)
    time.sleep(max(0.0, frozen_at + deadline + 2 - time.monotonic()))  # a short phase still outlasts the deadline
    site.database.thaw()
    prober.stop()
    recovery = wait_for(f"{url}/search/?q=soak-recovered", lambda status, _body: status == 200,
                        within=RECOVERY_WAIT_S)
    first_503 = prober.first(503, since=frozen_at)
    killed = len(set(workers) - set(site.server.worker_pids()))
    before_figures, during_figures = _throughput(before, during)
    return [
        *before_figures,
        *during_figures,
        Figure("first 503 to a database page", in_seconds(first_503), f"≤ {deadline + 1:g} s",
               first_503 is not None and first_503 <= deadline + 1),
        Figure("/health/ready while frozen", f"{ready} in {ready_s:.2f} s", "503 in ≤ 2 s",
               ready == 503 and ready_s <= 2),
        Figure("/health/live while frozen", f"{live} in {live_s:.2f} s", "200 in ≤ 2 s",
               live == 200 and live_s <= 2),
        Figure("recovery: thaw to a database page's 200", in_seconds(recovery), "≤ 10 s",
               recovery is not None and recovery <= 10),
        Figure("workers killed by gunicorn's timeout", str(killed), "0", killed == 0),
    ]


def hanging_redis(site, *, seconds, cache_timeout):
    """Redis hangs for `seconds` after its first timeout while readers ask kept pages; then it answers again."""
    url = site.server.url
    before = run_wrk(url, READER_PAGE, client=READER, connections=READERS, seconds=seconds)
    workers = site.server.worker_pids()
    site.cache.freeze()
    prober = Prober(url)
    prober.start()
    first = run_wrk(url, READER_PAGE, client=READER, connections=READERS, seconds=math.ceil(cache_timeout))
    during = run_wrk(url, READER_PAGE, client=READER, connections=READERS, seconds=seconds)
    site.cache.thaw()
    prober.stop()
    recovery = wait_for(f"{url}/health/ready", _ready_and_whole, within=RECOVERY_WAIT_S)
    killed = len(set(workers) - set(site.server.worker_pids()))
    before_figures, during_figures = _throughput(before, during)
    return [
        *before_figures,
        Figure(f"readers' req/s, first {math.ceil(cache_timeout)} s of the hang", f"{first.per_second:.1f}"),
        Figure(f"readers' p99, first {math.ceil(cache_timeout)} s of the hang", ms(first.p99_ms)),
        *during_figures,
        Figure("p99 of database pages during the hang", ms(prober.p99_ms())),
        Figure("of them 5xx or no answer", f"{prober.failed()} of {len(prober.answers)}", "0", not prober.failed()),
        Figure("recovery: thaw to /health/ready 200, nothing degraded", in_seconds(recovery), "≤ 10 s",
               recovery is not None and recovery <= 10),
        Figure("workers killed by gunicorn's timeout", str(killed), "0", killed == 0),
    ]


def _throughput(before, during):
    """The readers' figures before the fault, and during it with their targets."""
    ratio = during.per_second / max(before.per_second, 1e-9)
    return [
        Figure("readers' req/s before", f"{before.per_second:.1f}"),
        Figure("readers' p99 before", ms(before.p99_ms)),
    ], [
        Figure("readers' req/s during", f"{during.per_second:.1f}"),
        Figure("readers' throughput kept", f"{ratio:.2f}", "≥ 0.50", ratio >= 0.5),
        Figure("readers' p99 during", ms(during.p99_ms), "≤ 100 ms", during.p99_ms <= 100),
        Figure("readers' answers during that were not 2xx", f"{1 - during.share('2xx'):.1%}", "0",
               during.share("2xx") == 1),
    ]


def _ready_and_whole(status, body):
    try:
        return status == 200 and not json.loads(body).get("degraded")
    except ValueError:
        return False


def with_log_lines(site, scenario, **options):
    """The scenario's figures, and how many lines the servers logged while it ran, with the last of them."""
    before = len(_log_lines(site))
    figures = scenario(site, **options)
    lines = _log_lines(site)[before:]
    return [*figures, Figure("lines the servers logged", str(len(lines))),
            Figure("the last of them", lines[-1].strip()[:100] if lines else "")]


def _log_lines(site):
    with open(site.log, errors="replace") as log:
        return log.readlines()
