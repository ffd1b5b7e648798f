"""Each worker's tally of rate-limit counts: the render budget's held far from it and sent at once near it;
every other limit's sent at once."""

import logging

import pytest
from django.core.cache import caches

from serving.tally import Tally

pytestmark = pytest.mark.django_db

LIMIT, PERIOD = 10, 60


class Clock:
    def __init__(self):
        self.now = 6000.0  # the start of a 60-second window

    def __call__(self):
        return self.now


@pytest.fixture
def tally(settings):
    settings.RATE_LIMIT_SYNC_SECONDS = 1
    clock = Clock()
    return Tally(clock=clock, background=False), clock


def shared(clock, client="192.0.2.1"):
    return caches["limits"].get(f"limit:render:{client}:{PERIOD}:{int(clock.now // PERIOD)}")


def test_far_from_its_limit_a_client_is_counted_in_the_worker_without_a_query(tally, django_assert_num_queries):
    worker, clock = tally
    with django_assert_num_queries(0):
        answers = [worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True) for _ in range(4)]

    assert answers == [0, 0, 0, 0] and shared(clock) is None
    worker.flush()
    assert shared(clock) == 4


def test_from_half_its_limit_on_every_request_is_counted_at_once_and_the_one_past_it_refused(tally):
    worker, clock = tally
    clock.now += 15  # 45 seconds left in the window

    answers = [worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True) for _ in range(LIMIT + 1)]

    assert answers == [0] * LIMIT + [45]
    assert shared(clock) == LIMIT + 1  # sent as each was counted: nothing waits in the worker


def test_counts_of_other_workers_bring_the_limit_near_once_a_flush_learns_them(tally):
    worker, clock = tally
    others = f"limit:render:192.0.2.1:{PERIOD}:{int(clock.now // PERIOD)}"
    caches["limits"].add(others, 7, timeout=PERIOD)
    assert [worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True) for _ in range(3)] == [0, 0, 0]

    worker.flush()  # the shared total is now 10

    assert worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True) > 0


def test_each_client_and_limit_has_its_own_count(tally):
    worker, clock = tally
    for _ in range(LIMIT):
        worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True)

    assert worker.count("render", "192.0.2.2", LIMIT, PERIOD, hold=True) == 0
    assert worker.count("api", "192.0.2.1", LIMIT, PERIOD, hold=True) == 0
    assert worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True) > 0


def test_a_new_window_starts_afresh_and_a_flush_forgets_ended_ones(tally):
    worker, clock = tally
    for _ in range(LIMIT + 1):
        worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True)
    worker.count("render", "192.0.2.2", LIMIT, PERIOD, hold=True)

    clock.now += PERIOD
    assert worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True) == 0
    worker.flush()

    assert len(worker._windows) == 1  # the new window; the ended ones were sent and forgotten


def test_held_counts_survive_a_counter_that_is_down_and_are_sent_once_it_answers(tally, monkeypatch, caplog):
    worker, clock = tally
    for _ in range(3):
        worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True)
    counter = caches["limits"]

    def down(*args, **kwargs):
        raise ConnectionError("the counter is down")

    monkeypatch.setattr(counter, "add", down)
    with caplog.at_level(logging.WARNING, logger="serving.limits"):
        worker.flush()
    monkeypatch.undo()
    assert "Rate-limit counts not sent" in caplog.text and shared(clock) is None

    worker.flush()
    assert shared(clock) == 3


def test_a_full_table_counts_new_clients_at_once(tally, monkeypatch):
    worker, clock = tally
    monkeypatch.setattr("serving.tally.MAX_WINDOWS", 1)
    worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True)

    worker.count("render", "192.0.2.2", LIMIT, PERIOD, hold=True)

    assert shared(clock, "192.0.2.1") is None and shared(clock, "192.0.2.2") == 1


def test_without_a_sync_interval_every_request_is_counted_at_once(tally, settings):
    worker, clock = tally
    settings.RATE_LIMIT_SYNC_SECONDS = 0

    worker.count("render", "192.0.2.1", LIMIT, PERIOD, hold=True)

    assert shared(clock) == 1 and not worker._windows


def test_a_limit_not_held_is_counted_at_once_however_far_from_it(tally):
    worker, clock = tally

    worker.count("search", "192.0.2.1", LIMIT, PERIOD)

    assert caches["limits"].get(f"limit:search:192.0.2.1:{PERIOD}:{int(clock.now // PERIOD)}") == 1


def test_after_a_windows_first_request_each_costs_one_increment(tally, django_assert_num_queries):
    worker, clock = tally
    worker.count("search", "192.0.2.1", LIMIT, PERIOD)

    # The counter's locked read and its update, in their transaction (a savepoint in the test's); no add,
    # which took four statements more.
    with django_assert_num_queries(4):
        worker.count("search", "192.0.2.1", LIMIT, PERIOD)
