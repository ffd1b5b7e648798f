"""Dated parameters: which collection and treatment periods, and which waiting period, apply to a year.

Rows say which benefit (coverage) years they cover. Looking up a year that no row covers, or that
two rows cover, raises: the rules never fall back to a default quietly.
"""

from dataclasses import dataclass

from .citations import CLAUSES, Citation, Confidence, Source
from .decision import CannotDecide
from .periods import DayInYear, Periods


class ParameterError(CannotDecide, LookupError):
    """The parameters cannot answer for this year; the caller reports it as an input error on `year`."""

    field = "year"

    def __init__(self, table, year, region_code=""):
        self.table = table
        self.year = year
        self.region_code = region_code
        super().__init__(f"{table}: {self.problem} for benefit year {year} (region {region_code or 'national'})")


class NoParameterRow(ParameterError):
    problem = "no row"


class OverlappingParameterRows(ParameterError):
    problem = "more than one row"


def within(key, first, last):
    """Whether a dated row running from `first` to `last` (None: open-ended) includes `key`."""
    return first <= key and (last is None or key <= last)


@dataclass(frozen=True)
class PeriodRow:
    """Collection and treatment periods for benefit years first_year..last_year (None: open-ended)."""

    first_year: int
    last_year: int | None
    collection_start: DayInYear
    collection_end: DayInYear
    treatment_start: DayInYear
    treatment_end: DayInYear
    citation: Citation
    region_code: str = ""
    region_name: str = ""

    def covers(self, year):
        return within(year, self.first_year, self.last_year)

    def periods_for(self, year):
        return Periods(
            collection_start=self.collection_start.date_for(year),
            collection_end=self.collection_end.date_for(year),
            treatment_start=self.treatment_start.date_for(year),
            treatment_end=self.treatment_end.date_for(year),
        )


@dataclass(frozen=True)
class WaitingRow:
    """The national waiting period for late or interrupted enrolment; fixed_months None: no national rule."""

    first_year: int
    last_year: int | None
    fixed_months: int | None
    months_per_uncovered_year: int | None
    citations: tuple[Citation, ...]

    def covers(self, year):
        return within(year, self.first_year, self.last_year)


@dataclass(frozen=True)
class Parameters:
    periods: tuple[PeriodRow, ...]
    waiting: tuple[WaitingRow, ...]
    region_code: str = ""

    def period_row(self, year, as_of=None):
        return self.period_rules(year, as_of)[0]

    def period_rules(self, year, as_of=None):
        """(the periods row for `year`, the year whose rules it holds): see `_rules_for`."""
        return _rules_for("periods", self.periods, year, self.region_code, as_of)

    def waiting_row(self, year, as_of=None):
        return self.waiting_rules(year, as_of)[0]

    def waiting_rules(self, year, as_of=None):
        return _rules_for("waiting", self.waiting, year, self.region_code, as_of)


def _rules_for(table, rows, year, region_code, as_of):
    """(the row for `year`, the year whose rules it holds).

    A year that no row reaches yet, up to the one after `as_of`'s (the years a reader can pay for or is
    told to pay for next), gets the latest row, named with the last year it was reviewed for: the caller
    tells the reader so. Any other year without a row raises.
    """
    try:
        return _one_row(table, rows, year, region_code), year
    except NoParameterRow:
        ends = [row.last_year for row in rows]
        if as_of is None or not rows or None in ends or year > as_of.year + 1 or year < max(ends):
            raise
        last = max(ends)
        return _one_row(table, rows, last, region_code), last


def _one_row(table, rows, year, region_code):
    matches = [row for row in rows if row.covers(year)]
    if not matches:
        raise NoParameterRow(table, year, region_code)
    if len(matches) > 1:
        raise OverlappingParameterRows(table, year, region_code)
    return matches[0]


# Reviewed through benefit year 2027; extend these rows (with their sources) before then.
NATIONAL_REVIEWED_THROUGH = 2027

NATIONAL_PERIODS = (
    PeriodRow(
        first_year=2000,
        last_year=NATIONAL_REVIEWED_THROUGH,
        collection_start=DayInYear(9, 1, -1),
        collection_end=DayInYear(12, 31, -1),
        treatment_start=DayInYear(1, 1),
        treatment_end=DayInYear(12, 31),
        citation=Citation("RES-1", Confidence.L, Source.USUAL_LOCAL_PERIODS),
    ),
)

NATIONAL_WAITING = (
    # Opinion 38 sets waiting periods from benefit year 2025; before that they were local.
    WaitingRow(2000, 2024, None, None, CLAUSES["RES-2"]),
    WaitingRow(2025, NATIONAL_REVIEWED_THROUGH, 3, 1, CLAUSES["RES-2"] + CLAUSES["RES-3"]),
)

NATIONAL = Parameters(periods=NATIONAL_PERIODS, waiting=NATIONAL_WAITING)
