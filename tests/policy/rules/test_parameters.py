from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from policy.rules.citations import Citation, Confidence
from policy.rules.decision import Outcome
from policy.rules.enrolment import OtherScheme
from policy.rules.parameters import (
    NATIONAL,
    NATIONAL_PERIODS,
    NATIONAL_WAITING,
    NoParameterRow,
    OverlappingParameterRows,
    Parameters,
    PeriodRow,
)
from policy.rules.pay_again import PayAgainFacts, decide
from policy.rules.periods import DayInYear

LOCAL = Citation("RES-1", Confidence.L, title="Local collection notice", reference="No. 1")


def local_row(first_year, last_year, **days):
    days = {
        "collection_start": DayInYear(9, 1, -1),
        "collection_end": DayInYear(12, 20, -1),
        "treatment_start": DayInYear(1, 1),
        "treatment_end": DayInYear(12, 31),
        **days,
    }
    return PeriodRow(first_year, last_year, citation=LOCAL, region_code="610000", region_name="Shaanxi", **days)


def test_national_parameters_cover_next_year():
    """Fails once the national rows stop covering next year: review the rules and add rows with sources."""
    next_year = datetime.now(ZoneInfo("Asia/Shanghai")).year + 1
    assert NATIONAL.period_row(next_year).covers(next_year)
    assert NATIONAL.waiting_row(next_year).covers(next_year)


@pytest.mark.parametrize("rows", [NATIONAL_PERIODS, NATIONAL_WAITING], ids=["periods", "waiting"])
def test_national_rows_are_contiguous_and_dated(rows):
    years = [year for row in rows for year in range(row.first_year, row.last_year + 1)]
    assert years == list(range(2000, 2028))


@pytest.mark.parametrize(
    "year, fixed_months",
    [
        pytest.param(2024, None, id="RES-2 2024 no national waiting period"),
        pytest.param(2025, 3, id="RES-2 2025 three fixed months"),
        pytest.param(2027, 3, id="RES-2 last reviewed year"),
    ],
)
def test_national_waiting_rows(year, fixed_months):
    assert NATIONAL.waiting_row(year).fixed_months == fixed_months


@pytest.mark.parametrize("year", [pytest.param(1999, id="before the rows"), pytest.param(2028, id="after the rows")])
def test_a_year_no_row_covers_raises(year):
    with pytest.raises(NoParameterRow) as error:
        NATIONAL.period_row(year)
    assert error.value.year == year


def test_overlapping_rows_raise_rather_than_pick_one():
    parameters = Parameters(periods=(local_row(2020, 2026), local_row(2026, None)), waiting=NATIONAL_WAITING)
    with pytest.raises(OverlappingParameterRows):
        parameters.period_row(2026)
    assert parameters.period_row(2027).first_year == 2026


def test_regional_row_moves_the_boundary_RES_1_shaanxi():
    parameters = Parameters(periods=(local_row(2025, None),), waiting=NATIONAL_WAITING, region_code="610000")
    facts = PayAgainFacts(2026, False, OtherScheme.NONE, last_year_covered=True)
    assert decide(facts, date(2025, 12, 20), parameters).outcome is Outcome.CAN_PAY
    late = decide(facts, date(2025, 12, 21), parameters)
    assert late.outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD
    assert LOCAL in late.citations


def test_period_across_two_calendar_years_changsha_style():
    """RES-1 variant: pay Aug 31 - Oct 31 for cover Sep 1 - Aug 31 of the next year."""
    row = local_row(
        2025, None,
        collection_start=DayInYear(8, 31), collection_end=DayInYear(10, 31),
        treatment_start=DayInYear(9, 1), treatment_end=DayInYear(8, 31, 1),
    )
    periods = row.periods_for(2026)
    assert (periods.collection_start, periods.treatment_end) == (date(2026, 8, 31), date(2027, 8, 31))
    parameters = Parameters(periods=(row,), waiting=NATIONAL_WAITING)
    facts = PayAgainFacts(2026, False, OtherScheme.NONE, last_year_covered=True)
    # RES-2: three months' wait from 2027-05-31 ends with the cover; a day later it would buy nothing.
    assert decide(facts, date(2027, 5, 31), parameters).outcome is Outcome.CAN_PAY_WITH_WAITING_PERIOD
    late = decide(facts, date(2027, 6, 1), parameters)
    assert late.outcome is Outcome.PAY_NEXT_YEAR_INSTEAD
    assert (late.figures["next_year_pay_from"], late.figures["next_year_pay_until"]) == (
        date(2027, 8, 31), date(2027, 10, 31),
    )
    assert [reason.code for reason in late.reasons][-2:] == ["next_year_opens_later", "next_year_waiting_period"]
    assert decide(facts, date(2027, 9, 1), parameters).outcome is Outcome.YEAR_CLOSED


@pytest.mark.parametrize("month, day", [(2, 29), (2, 30), (4, 31), (13, 1), (0, 1)])
def test_day_in_year_refuses_days_that_do_not_exist_every_year(month, day):
    with pytest.raises(ValueError):
        DayInYear(month, day)


def test_citation_names_either_a_national_source_or_its_own_title():
    with pytest.raises(ValueError):
        Citation("RES-1", Confidence.L)
