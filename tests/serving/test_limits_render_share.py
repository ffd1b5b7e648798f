"""The render share under gunicorn (production settings, the WSGI entry): a client that holds the worker
while another reader is served gets 429; a client alone never does, however fast it reads."""

import pytest

from tests.servers import get, gunicorn, manage, production_env

ANSWER = "/checkers/refund/answer/?year=2026&other_scheme=none&as_of=2026-{month:02}-{day:02}"


def answers(*months):
    """Answers of their own, one per day of the months: none is kept yet."""
    return [ANSWER.format(month=month, day=day) for month in months for day in range(1, 29)]


@pytest.fixture(scope="module")
def server(tmp_path_factory, static_root):
    folder = tmp_path_factory.mktemp("share")
    # One worker, so the reader and the flooder meet in it; clients told apart as behind one proxy.
    env = production_env(static_root, DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}", DJANGO_TRUSTED_PROXIES=1)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    with gunicorn(env, workers=1) as url:
        yield url


def ask(url, path, client):
    status, headers, _body = get(url + path, headers={"X-Forwarded-For": client})
    return status, headers


def test_a_client_alone_is_never_refused_however_fast_it_reads(server):
    statuses = [ask(server, path, "198.51.100.1")[0] for path in answers(1, 2)]

    assert statuses == [200] * 56


def test_a_client_rendering_while_another_reader_is_served_is_refused_and_the_reader_is_not(server):
    flooder, reader = "203.0.113.9", "192.0.2.1"
    ask(server, "/", reader)  # the reader's page is kept from here on
    flooded, read = [], []
    for path in answers(3, 4):
        flooded.append(ask(server, path, flooder))
        read.append(ask(server, "/", reader)[0])

    refused = [headers for status, headers in flooded if status == 429]
    assert refused, "the flooder was never refused"
    assert all(int(headers["Retry-After"]) >= 1 for headers in refused)
    assert read == [200] * 56
    assert ask(server, answers(3)[0], flooder)[0] == 200  # its kept answer still serves it
