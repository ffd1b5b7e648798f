"""Days of the year relative to a coverage year, and the periods they make."""

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DayInYear:
    """A month and day in coverage year Y + year_offset, e.g. Sep 1 of Y-1 is DayInYear(9, 1, -1)."""

    month: int
    day: int
    year_offset: int = 0

    def __post_init__(self):
        # February 29 would not exist in most years, so rows may not use it.
        if not 1 <= self.month <= 12 or not 1 <= self.day <= calendar.monthrange(2001, self.month)[1]:
            raise ValueError(f"{self.month}-{self.day} is not a day that exists every year")

    def date_for(self, year):
        return date(year + self.year_offset, self.month, self.day)

    def sort_key(self):
        return (self.year_offset, self.month, self.day)


def months_after(day, months):
    """The same day of the month `months` months after `day`, or that month's last day when it is shorter.

    RES-2 counts a waiting period in months from the day of payment: paid on 2026-11-30, three months
    later is 2027-02-28, not a day in March.
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Periods:
    collection_start: date
    collection_end: date
    treatment_start: date
    treatment_end: date

    def as_figures(self):
        return {
            "collection_start": self.collection_start,
            "collection_end": self.collection_end,
            "treatment_start": self.treatment_start,
            "treatment_end": self.treatment_end,
        }
