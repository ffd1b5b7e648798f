"""Dates the rules count: a waiting period runs whole months from the day of payment (RES-2)."""

from datetime import date

import pytest

from policy.rules.periods import months_after


@pytest.mark.parametrize(
    "day, months, expected",
    [
        pytest.param(date(2026, 9, 30), 3, date(2026, 12, 30), id="RES-2 same day of the month"),
        pytest.param(date(2026, 10, 1), 3, date(2027, 1, 1), id="RES-2 runs into the next year"),
        pytest.param(date(2026, 11, 30), 3, date(2027, 2, 28), id="RES-2 shorter month: its last day"),
        pytest.param(date(2027, 11, 30), 3, date(2028, 2, 29), id="RES-2 leap year: February 29"),
        pytest.param(date(2026, 12, 31), 4, date(2027, 4, 30), id="RES-2 31st into a 30-day month"),
        pytest.param(date(2026, 1, 31), 1, date(2026, 2, 28), id="RES-3 one extra month"),
        pytest.param(date(2026, 5, 15), 0, date(2026, 5, 15), id="RES-2 no waiting period"),
        pytest.param(date(2026, 3, 31), 12, date(2027, 3, 31), id="RES-3 a whole year"),
    ],
)
def test_months_after(day, months, expected):
    assert months_after(day, months) == expected
