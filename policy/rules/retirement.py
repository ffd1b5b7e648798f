"""Checker "retirement": must this person keep paying employee medical insurance after retiring?

RET-1 gives the statutory retirement month under the 2025 reform, EMP-1 (Article 27) says who stops
paying, and EMP-2 the years each region requires, read from the region's dated rows.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .citations import Citation
from .decision import CannotDecide, Decision, Outcome, step
from .figures import Figure
from .parameters import within

FIGURES = {
    "retirement_month": Figure.MONTH, "retirement_age": Figure.AGE, "required_years": Figure.YEARS,
    "min_local_years": Figure.YEARS, "shortfall_years": Figure.YEARS, "pension_minimum_years": Figure.YEARS,
    "known_required_years": Figure.REQUIRED_YEARS_ROWS,
}

class RetirementCategory(StrEnum):
    """The old statutory retirement age the person had: men 60, women 55 (cadre), women 50 (worker)."""

    MALE_60 = "male_60"
    FEMALE_55 = "female_55"
    FEMALE_50 = "female_50"


@dataclass(frozen=True)
class Schedule:
    """RET-1: the delay grows by one month every `step` months of later birth, up to `cap` months."""

    original_age: int
    step: int
    cap: int


SCHEDULES = {
    RetirementCategory.MALE_60: Schedule(original_age=60, step=4, cap=36),
    RetirementCategory.FEMALE_55: Schedule(original_age=55, step=4, cap=36),
    RetirementCategory.FEMALE_50: Schedule(original_age=50, step=2, cap=60),
}


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self):
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1-12")

    @classmethod
    def from_index(cls, index):
        year, month = divmod(index, 12)
        return cls(year, month + 1)

    @property
    def index(self):
        """Months since January of year 0, so months add and subtract as integers."""
        return self.year * 12 + self.month - 1

    @property
    def first_day(self):
        return date(self.year, self.month, 1)

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"


class RetirementReason(StrEnum):
    RETIREMENT_RAISED = "retirement_raised"
    RETIREMENT_UNCHANGED = "retirement_unchanged"
    ARTICLE_27 = "article_27"
    NO_REQUIRED_YEARS_FOR_REGION = "no_required_years_for_region"
    KNOWN_REQUIRED_YEARS = "known_required_years"
    KNOWN_REQUIRED_YEARS_UNTIL = "known_required_years_until"
    KNOWN_MIN_LOCAL_YEARS = "known_min_local_years"
    REQUIRED_YEARS_SET_LOCALLY = "required_years_set_locally"
    REQUIRED_YEARS = "required_years"
    YEARS_PAID_ENOUGH = "years_paid_enough"
    YEARS_PAID_SHORT = "years_paid_short"
    LOCAL_YEARS_ENOUGH = "local_years_enough"
    LOCAL_YEARS_SHORT = "local_years_short"
    PENSION_MINIMUM = "pension_minimum"
    RULES_MAY_CHANGE = "rules_may_change"


# The reform applies to people whose old retirement month is January 2025 or later.
REFORM_START = Month(2025, 1)


@dataclass(frozen=True)
class Retirement:
    original_month: Month
    month: Month
    delay_months: int
    age_months: int


def retirement(category, birth_month):
    """RET-1, in whole months: m months after the reform started, the delay is floor(m / step) + 1, capped."""
    schedule = SCHEDULES[category]
    original = birth_month.index + schedule.original_age * 12
    months_after_start = original - REFORM_START.index
    delay = 0 if months_after_start < 0 else min(schedule.cap, months_after_start // schedule.step + 1)
    return Retirement(
        original_month=Month.from_index(original),
        month=Month.from_index(original + delay),
        delay_months=delay,
        age_months=schedule.original_age * 12 + delay,
    )


def pension_minimum_years(year):
    """RET-2: years of contributions the basic pension needs for someone retiring in `year`."""
    if year < 2030:
        return Decimal(15)
    return min(Decimal(20), Decimal(15) + Decimal("0.5") * (year - 2029))


def plain(value):
    """A number of years without trailing zeros or an exponent: 30.00 becomes 30, 2.50 becomes 2.5."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@dataclass(frozen=True)
class RequiredYearsRow:
    """EMP-2: the years a region requires of people whose retirement month falls first_day..last_day."""

    first_day: date
    last_day: date | None
    men_years: Decimal
    women_years: Decimal
    min_local_years: Decimal | None
    citation: Citation

    def covers(self, day):
        return within(day, self.first_day, self.last_day)

    def years_for(self, category):
        return self.men_years if category is RetirementCategory.MALE_60 else self.women_years


class RequiredYearsRecordedTwice(CannotDecide):
    field = "region"

    def __init__(self, region_name, month):
        self.region_name = region_name
        self.month = month
        super().__init__(f"required years: more than one row for {region_name} in {month}")


class LocalYearsNeeded(CannotDecide):
    """The region also counts years paid locally, and the facts do not say how many."""

    field = "years_local"

    def __init__(self, region_name, min_local_years):
        self.region_name = region_name
        self.min_local_years = min_local_years
        super().__init__(f"{region_name} requires {min_local_years} local years; years_local is missing")


@dataclass(frozen=True)
class RequiredYears:
    """One region's rows; no region, no rows."""

    rows: tuple[RequiredYearsRow, ...] = ()
    region_code: str = ""
    region_name: str = ""

    def row_for(self, month):
        """The row in force for a retirement in `month`; None when the region has none for it."""
        matches = [row for row in self.rows if row.covers(month.first_day)]
        if len(matches) > 1:
            raise RequiredYearsRecordedTwice(self.region_name, month)
        return matches[0] if matches else None


NO_REGION = RequiredYears()


@dataclass(frozen=True)
class RetirementFacts:
    category: RetirementCategory
    birth_month: Month
    years_paid: Decimal
    years_local: Decimal | None = None

    def __post_init__(self):
        if self.years_local is not None and self.years_local > self.years_paid:
            raise ValueError("years_local cannot exceed years_paid")


def decide(facts, as_of, parameters):
    retiring = retirement(facts.category, facts.birth_month)
    age = {"years": retiring.age_months // 12, "months": retiring.age_months % 12}
    figures = {"retirement_month": str(retiring.month), "retirement_age": age}
    if retiring.delay_months:
        reasons = [step(
            RetirementReason.RETIREMENT_RAISED, "RET-1", original_month=str(retiring.original_month),
            retirement_month=str(retiring.month), delay_months=retiring.delay_months, as_of=as_of, **age,
        )]
    else:
        reasons = [step(RetirementReason.RETIREMENT_UNCHANGED, "RET-1", retirement_month=str(retiring.month), **age)]
    reasons.append(step(RetirementReason.ARTICLE_27, "EMP-1"))

    row = parameters.row_for(retiring.month)
    if row is None:
        outcome = Outcome.CHECK_LOCALLY
        if parameters.region_code:
            reasons.append(step(
                RetirementReason.NO_REQUIRED_YEARS_FOR_REGION, "EMP-2",
                region_name=parameters.region_name, retirement_month=str(retiring.month),
            ))
            known, known_figures = _known_rows(parameters)
            reasons += known
            figures.update(known_figures)
        else:
            reasons.append(step(RetirementReason.REQUIRED_YEARS_SET_LOCALLY, "EMP-2"))
    else:
        outcome, compared, compared_figures = _compare_years(facts, parameters.region_name, row)
        reasons += compared
        figures.update(compared_figures)

    minimum = plain(pension_minimum_years(retiring.month.year))
    figures["pension_minimum_years"] = minimum
    reasons.append(step(RetirementReason.PENSION_MINIMUM, "RET-2", year=retiring.month.year, years=minimum))
    if retiring.month.first_day > as_of:
        reasons.append(step(RetirementReason.RULES_MAY_CHANGE, "EMP-2", cites=()))
    return Decision.of(outcome, reasons, as_of, figures)


def _known_rows(parameters):
    """EMP-2: what the region's rows do say, for other retirement months, before the reader asks locally:
    (the steps, the figures)."""
    reasons, known = [], []
    for other in sorted(parameters.rows, key=lambda row: row.first_day):
        figures = {
            "first_day": other.first_day, "last_day": other.last_day, "men_years": plain(other.men_years),
            "women_years": plain(other.women_years),
            "min_local_years": None if other.min_local_years is None else plain(other.min_local_years),
        }
        cites = {"cites": (other.citation,), "region_name": parameters.region_name}
        code = RetirementReason.KNOWN_REQUIRED_YEARS_UNTIL if other.last_day else RetirementReason.KNOWN_REQUIRED_YEARS
        reasons.append(step(code, "EMP-2", **cites, **figures))
        if other.min_local_years is not None:
            reasons.append(step(
                RetirementReason.KNOWN_MIN_LOCAL_YEARS, "EMP-2", **cites, min_local_years=figures["min_local_years"]
            ))
        known.append(figures)
    return reasons, ({"known_required_years": known} if known else {})


def _compare_years(facts, region_name, row):
    """EMP-1 and EMP-2: whether the years paid, and the years paid locally where counted, reach the row's:
    (outcome, the steps, the figures)."""
    required = plain(row.years_for(facts.category))
    figures = {"required_years": required}
    shortfall = max(required - facts.years_paid, Decimal(0))
    reasons = [
        step(RetirementReason.REQUIRED_YEARS, "EMP-2", cites=(row.citation,), region_name=region_name,
             required_years=required),
        step(
            RetirementReason.YEARS_PAID_SHORT if shortfall else RetirementReason.YEARS_PAID_ENOUGH, "EMP-1",
            years_paid=plain(facts.years_paid), required_years=required, shortfall=plain(shortfall),
        ),
    ]

    if row.min_local_years is not None:
        if facts.years_local is None:
            raise LocalYearsNeeded(region_name, plain(row.min_local_years))
        min_local = plain(row.min_local_years)
        figures["min_local_years"] = min_local
        local_shortfall = max(min_local - facts.years_local, Decimal(0))
        reasons.append(step(
            RetirementReason.LOCAL_YEARS_SHORT if local_shortfall else RetirementReason.LOCAL_YEARS_ENOUGH, "EMP-2",
            cites=(row.citation,), region_name=region_name, years_local=plain(facts.years_local),
            min_local_years=min_local, shortfall=plain(local_shortfall),
        ))
        # Years paid in the region count towards both totals, so the larger gap is what remains to pay.
        shortfall = max(shortfall, local_shortfall)

    if not shortfall:
        return Outcome.NO_MORE_PREMIUMS, reasons, figures
    figures["shortfall_years"] = plain(shortfall)
    return Outcome.PAY_UP_TO_REQUIRED_YEARS, reasons, figures
