"""Schemathesis, property-based testing from the OpenAPI document, against the live API: the demo site under
gunicorn with production settings, every operation. No 5xx, every answer conforms to the document (status,
content type, headers, body), invalid input is refused, every other method is 405 with Allow; and every
status the document lists for an operation is reached, by schemathesis or by the requests below.

The seed is printed; SCHEMATHESIS_SEED=<seed> replays a run.
"""

import json
import os
import random
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jsonschema
import pytest

from tests.portal.test_site_crawl import site_database
from tests.servers import REPO, gunicorn, manage, production_env

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CONFIG = Path(__file__).with_name("schemathesis.toml")
CHECKS = [
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
    "response_schema_conformance", "negative_data_rejection", "unsupported_method",
]
# Enough cases per operation to meet each field's edge cases, few enough for a run of well under a minute.
MAX_EXAMPLES = 50


@pytest.fixture
def api_site(static_root, tmp_path):
    """The demo site, with a key for the run and a key whose quota of one request a day is soon spent."""
    with site_database(tmp_path) as database:
        env = production_env(static_root, PAGE_CACHE_DIR=tmp_path / "page-cache", **database)
        for command in (["migrate", "--noinput"], ["createcachetable"], ["load_demo"]):
            manage(env, *command)
        keys = {name: _make_key(env, name, quota) for name, quota in (("run", 1_000_000), ("small", 1))}
        yield env, keys


def _make_key(env, name, quota):
    result = subprocess.run(
        [sys.executable, "manage.py", "apikey_create", name, "--quota", str(quota), "--period", "day"],
        cwd=REPO, env=env, check=True, capture_output=True, text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_schemathesis_finds_no_fault_and_reaches_every_documented_status(api_site, tmp_path, summary_lines):
    env, keys = api_site
    seed = int(os.environ.get("SCHEMATHESIS_SEED") or random.randrange(2**31))
    print(f"schemathesis seed {seed}: replay with SCHEMATHESIS_SEED={seed}")
    har = tmp_path / "run.har"
    with gunicorn(env) as base:
        run = subprocess.run([
            SCHEMATHESIS, "--config-file", str(CONFIG), "run", f"{base}/api/v1/openapi.json",
            "--checks", ",".join(CHECKS), "--seed", str(seed), "--max-examples", str(MAX_EXAMPLES),
            "--workers", "2", "--header", f"Authorization: Bearer {keys['run']}", "--no-color",
            "--report", "har", "--report-har-path", str(har),
        ], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        print(run.stdout, run.stderr)
        document = json.loads(_get(f"{base}/api/v1/openapi.json")[1])
        reached = _statuses(json.loads(har.read_text()))
        for path, operation in _operations(document):
            for status, body in _edge_cases(base, path, operation, keys).items():
                reached[path].add(status)
                jsonschema.validate(json.loads(body), _response_schema(document, operation, status))

    summary_lines.append(f"schemathesis (seed {seed}): " + _summary(run.stdout))
    assert run.returncode == 0, f"schemathesis found faults; replay with SCHEMATHESIS_SEED={seed}"
    documented = {path: {int(status) for status in operation["responses"] if status != "default"}
                  for path, operation in _operations(document)}
    assert {path: documented[path] - reached[path] for path in documented} == dict.fromkeys(documented, set())


def _operations(document):
    return [(path, item["get"]) for path, item in document["paths"].items()]


def _statuses(har):
    """{path: statuses schemathesis met there}, from its HAR report."""
    reached = defaultdict(set)
    for entry in har["log"]["entries"]:
        reached[urlsplit(entry["request"]["url"]).path].add(entry["response"]["status"])
    return reached


def _edge_cases(base, path, operation, keys):
    """{status: body} of the documented errors schemathesis does not send: a wrong key, a spent quota, a
    body, an address and a header too large, each asked of this operation."""
    example = {item["name"]: item["example"] for item in operation["parameters"] if "example" in item}
    url = f"{base}{path}?{urlencode(example)}"
    # The small key's one request of the day, then one too many: each a new answer (a kept one costs nothing).
    first, second = (f"{url}&{_another(example, number)}" for number in (1, 2))
    _get(first, {"X-API-Key": keys["small"]})
    cases = {
        401: _get(url, {"Authorization": "Bearer 0000.wrong"}),
        413: _get(url, data=b"x" * (2_621_440 + 1)),
        414: _get(f"{url}&padding={'x' * 4000}"),
        429: _get(second, {"X-API-Key": keys["small"]}),
        431: _get(url, {"X-Padding": "x" * 9000}),
    }
    assert {status: answer[0] for status, answer in cases.items()} == {status: status for status in cases}
    return {status: answer[1] for status, answer in cases.items()}


def _another(example, number):
    """A parameter that makes the example another answer: the next page of results, or a later day."""
    return f"page={number + 1}" if "q" in example else f"as_of=2026-12-{number + 7:02}"


def _get(url, headers=None, data=None):
    """(status, body) of a GET, with a body when `data` is given."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _response_schema(document, operation, status):
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    return {**schema, "components": document["components"]}


def _summary(output):
    """Schemathesis's closing lines: the cases it generated and its verdict."""
    lines = [line.strip(" =") for line in output.splitlines()]
    cases = next((line for line in lines if re.match(r"\d+ generated", line)), "")
    verdict = next((line for line in reversed(lines) if line), "")
    return f"{cases}; {verdict}"
