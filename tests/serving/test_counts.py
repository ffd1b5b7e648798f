"""Counts readers cause, held in memory and written in batches off the request."""

import datetime
import threading
from unittest import mock

from django.db import OperationalError

from serving import counts
from serving.counts import CountBuffer, LocalDay


class Writes:
    """A write function that records its batches, and fails while `failing` is set."""

    def __init__(self):
        self.batches, self.failing, self.written = [], False, threading.Event()

    def __call__(self, batch):
        if self.failing:
            raise OperationalError("database is locked")
        self.batches.append(batch)
        self.written.set()


def test_counts_add_up_per_key_with_the_latest_value_and_go_in_one_batch():
    writes = Writes()
    buffer = CountBuffer(writes)
    for result_count in (0, 3, 5):
        buffer.add(("2026-12-07", "refund", "en"), latest=result_count)
    buffer.add(("2026-12-07", "退费", "zh-hans"), latest=2)

    buffer.flush()
    buffer.flush()  # nothing held: nothing written

    assert writes.batches == [{("2026-12-07", "refund", "en"): (3, 5), ("2026-12-07", "退费", "zh-hans"): (1, 2)}]


def test_counts_a_database_refused_are_kept_and_written_with_the_next_batch():
    writes = Writes()
    buffer = CountBuffer(writes)
    buffer.add("refund", latest=1)
    writes.failing = True
    buffer.flush()
    buffer.add("refund", latest=4)
    writes.failing = False

    buffer.flush()

    assert writes.batches == [{"refund": (2, 4)}]


def test_a_flood_of_distinct_keys_is_held_to_a_bound_while_known_keys_still_count():
    buffer = CountBuffer(Writes())
    with mock.patch.object(counts, "MAX_PENDING", 3):
        for number in range(10):
            buffer.add(f"query {number}")
        buffer.add("query 0")

    assert len(buffer) == 3
    assert buffer._pending["query 0"] == (2, None)


def test_each_process_writes_in_the_background_within_the_interval(settings):
    settings.READER_COUNTS_FLUSH_SECONDS = 0.05
    writes = Writes()
    buffer = CountBuffer(writes)

    buffer.add("refund")

    assert writes.written.wait(timeout=5)
    assert writes.batches == [{"refund": (1, None)}]


def test_the_local_day_changes_at_the_sites_midnight_not_at_utcs(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    clock = [datetime.datetime(2026, 12, 7, 15, 59, 59, tzinfo=datetime.UTC).timestamp()]
    day = LocalDay(clock=lambda: clock[0])

    before = day()
    clock[0] += 1  # 00:00:00 in Shanghai, 16:00 UTC
    after = day()

    assert (before, after) == (datetime.date(2026, 12, 7), datetime.date(2026, 12, 8))
