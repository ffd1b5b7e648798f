"""Retirement checker rules: RET-1 month arithmetic, RET-2 pension minimum, EMP-1 and EMP-2 years."""

from datetime import date
from decimal import Decimal

import pytest

from policy.rules.citations import Citation, Confidence
from policy.rules.decision import Outcome
from policy.rules.retirement import (
    NO_REGION,
    SCHEDULES,
    LocalYearsNeeded,
    Month,
    RequiredYears,
    RequiredYearsRecordedTwice,
    RequiredYearsRow,
    RetirementCategory,
    RetirementFacts,
    decide,
    pension_minimum_years,
    retirement,
)

MAN = RetirementCategory.MALE_60
WOMAN_55 = RetirementCategory.FEMALE_55
WOMAN_50 = RetirementCategory.FEMALE_50
AS_OF = date(2026, 5, 1)
LOCAL = Citation("EMP-2", Confidence.L, title="Testshire notice", reference="No. 9")


@pytest.mark.parametrize(
    "category, born, retires, years, months",
    [
        pytest.param(MAN, Month(1965, 1), Month(2025, 2), 60, 1, id="RET-1 example: man born 1965-01"),
        pytest.param(MAN, Month(1976, 9), Month(2039, 9), 63, 0, id="RET-1 example: man born 1976-09"),
        pytest.param(WOMAN_55, Month(1981, 9), Month(2039, 9), 58, 0, id="RET-1 example: woman (55) born 1981-09"),
        pytest.param(WOMAN_50, Month(1984, 11), Month(2039, 11), 55, 0, id="RET-1 example: woman (50) born 1984-11"),
    ],
)
def test_official_examples(category, born, retires, years, months):
    result = retirement(category, born)
    assert result.month == retires
    assert divmod(result.age_months, 12) == (years, months)


def born_for(category, months_after_start):
    """The birth month whose old retirement month is `months_after_start` months after January 2025."""
    return Month.from_index(Month(2025, 1).index + months_after_start - SCHEDULES[category].original_age * 12)


def boundaries():
    """m = -1, 0, step-1, step around the first step; and either side of the month the cap is reached."""
    for category, schedule in SCHEDULES.items():
        step, cap = schedule.step, schedule.cap
        last = (cap - 1) * step
        for m, delay in [(-1, 0), (0, 1), (step - 1, 1), (step, 2), (last - 1, cap - 1), (last, cap), (last + 1, cap)]:
            yield pytest.param(category, m, delay, id=f"RET-1 {category.value} m={m} delay {delay}")


@pytest.mark.parametrize("category, m, delay", list(boundaries()))
def test_delay_either_side_of_the_first_and_last_step(category, m, delay):
    result = retirement(category, born_for(category, m))
    assert result.delay_months == delay
    assert result.month.index - result.original_month.index == delay


@pytest.mark.parametrize(
    "category, born, retires",
    [
        pytest.param(MAN, Month(1976, 8), Month(2039, 7), id="RET-1 man one month before the cap: 35 months"),
        pytest.param(WOMAN_55, Month(1969, 12), Month(2024, 12), id="RET-1 woman (55) retired before the reform"),
        pytest.param(WOMAN_50, Month(1984, 10), Month(2039, 9), id="RET-1 woman (50) one month before the cap"),
    ],
)
def test_months_around_the_examples(category, born, retires):
    assert retirement(category, born).month == retires


@pytest.mark.parametrize(
    "year, years",
    [
        pytest.param(2029, "15", id="RET-2 15 until 2029"),
        pytest.param(2030, "15.5", id="RET-2 15.5 in 2030"),
        pytest.param(2031, "16", id="RET-2 +0.5 a year"),
        pytest.param(2038, "19.5", id="RET-2 19.5 in 2038"),
        pytest.param(2039, "20", id="RET-2 20 from 2039"),
        pytest.param(2045, "20", id="RET-2 stays 20"),
    ],
)
def test_pension_minimum_years(year, years):
    assert pension_minimum_years(year) == Decimal(years)


def region(*rows):
    return RequiredYears(rows=rows, region_code="999001", region_name="Testshire")


def row(first_day, last_day=None, men="25", women="20", local=None):
    return RequiredYearsRow(
        first_day, last_day, Decimal(men), Decimal(women), None if local is None else Decimal(local), LOCAL
    )


TESTSHIRE = region(row(date(2025, 1, 1), local="10"))
# A man born 1970-01 retires in 2031-05: his old month 2030-01 is 60 months in, so the delay is 60 // 4 + 1 = 16.
BORN = Month(1970, 1)


def facts(paid, local=None, category=MAN, born=BORN):
    return RetirementFacts(category, born, Decimal(paid), None if local is None else Decimal(local))


@pytest.mark.parametrize(
    "paid, local, category, outcome, shortfall",
    [
        pytest.param("25", "10", MAN, Outcome.NO_MORE_PREMIUMS, None, id="EMP-1 exactly the men's years"),
        pytest.param("24.99", "10", MAN, Outcome.PAY_UP_TO_REQUIRED_YEARS, "0.01", id="EMP-1 a hundredth short"),
        pytest.param("20", "20", WOMAN_55, Outcome.NO_MORE_PREMIUMS, None, id="EMP-2 women's years"),
        pytest.param("30", "9.5", MAN, Outcome.PAY_UP_TO_REQUIRED_YEARS, "0.5", id="EMP-2 local years short"),
        pytest.param("22", "8", MAN, Outcome.PAY_UP_TO_REQUIRED_YEARS, "3", id="EMP-2 the larger gap counts"),
        pytest.param("12", "10", MAN, Outcome.PAY_UP_TO_REQUIRED_YEARS, "13", id="EMP-1 total years short"),
    ],
)
def test_years_against_the_region(paid, local, category, outcome, shortfall):
    decision = decide(facts(paid, local, category), AS_OF, TESTSHIRE)
    assert decision.outcome is outcome
    assert decision.figures.get("shortfall_years") == (None if shortfall is None else Decimal(shortfall))
    assert LOCAL in decision.citations


@pytest.mark.parametrize(
    "parameters, code",
    [
        pytest.param(NO_REGION, "required_years_set_locally", id="EMP-2 no region"),
        pytest.param(
            region(row(date(2030, 1, 1), date(2030, 12, 31))), "no_required_years_for_region",
            id="EMP-2 region without a row for 2031-05",
        ),
    ],
)
def test_without_a_row_the_answer_is_check_locally_citing_article_27(parameters, code):
    decision = decide(facts("40"), AS_OF, parameters)
    assert decision.outcome is Outcome.CHECK_LOCALLY
    codes = [reason.code for reason in decision.reasons]
    assert codes[:3] == ["retirement_raised", "article_27", code]
    assert [(citation.clause, citation.article) for citation in decision.citations][:3] == [
        ("RET-1", None), ("EMP-1", 27), ("EMP-2", None),
    ]
    assert decision.needs_local_check


@pytest.mark.parametrize(
    "first_day, last_day, outcome",
    [
        pytest.param(date(2031, 5, 1), None, Outcome.NO_MORE_PREMIUMS, id="EMP-2 row starts in the retirement month"),
        pytest.param(date(2031, 6, 1), None, Outcome.CHECK_LOCALLY, id="EMP-2 row starts the month after"),
        pytest.param(date(2025, 1, 1), date(2031, 5, 1), Outcome.NO_MORE_PREMIUMS, id="EMP-2 row ends on its 1st"),
        pytest.param(date(2025, 1, 1), date(2031, 4, 30), Outcome.CHECK_LOCALLY, id="EMP-2 row ends the month before"),
    ],
)
def test_the_row_in_force_at_the_retirement_month_applies(first_day, last_day, outcome):
    assert decide(facts("30"), AS_OF, region(row(first_day, last_day))).outcome is outcome


def test_a_region_that_counts_local_years_needs_them():
    with pytest.raises(LocalYearsNeeded) as error:
        decide(facts("30"), AS_OF, TESTSHIRE)
    assert (error.value.field, error.value.min_local_years) == ("years_local", Decimal(10))


def test_two_rows_for_one_month_raise_rather_than_pick_one():
    parameters = region(row(date(2025, 1, 1)), row(date(2031, 5, 1)))
    with pytest.raises(RequiredYearsRecordedTwice) as error:
        decide(facts("30", "30"), AS_OF, parameters)
    assert error.value.field == "region"


def test_figures_for_the_api():
    decision = decide(facts("12.50", "10"), AS_OF, TESTSHIRE)
    assert decision.figures == {
        "retirement_month": "2031-05",
        "retirement_age": {"years": 61, "months": 4},
        "required_years": Decimal("25"),
        "min_local_years": Decimal("10"),
        "shortfall_years": Decimal("12.5"),
        "pension_minimum_years": Decimal("16"),
    }
    assert str(decision.figures["shortfall_years"]) == "12.5"


def test_a_retirement_still_ahead_warns_the_rule_may_change():
    ahead = decide(facts("30", "30"), AS_OF, TESTSHIRE)
    past = decide(facts("30", "30", born=Month(1965, 1)), AS_OF, TESTSHIRE)
    assert ahead.reasons[-1].code == "rules_may_change"
    assert past.reasons[-1].code == "pension_minimum"
    assert past.reasons[0].params["retirement_month"] == "2025-02"


def test_before_the_reform_the_age_is_unchanged():
    decision = decide(facts("30", "30", born=Month(1960, 6)), AS_OF, NO_REGION)
    assert decision.reasons[0].code == "retirement_unchanged"
    assert decision.figures["retirement_age"] == {"years": 60, "months": 0}


def test_local_years_cannot_exceed_the_total():
    with pytest.raises(ValueError):
        RetirementFacts(MAN, BORN, Decimal(10), Decimal(11))


def test_month_refuses_month_13():
    with pytest.raises(ValueError):
        Month(1990, 13)


@pytest.mark.parametrize(
    "rows, known",
    [
        pytest.param(
            (row(date(2032, 1, 1), men="30", women="25", local="10"),),
            [("known_required_years", {"first_day": date(2032, 1, 1), "men_years": Decimal(30),
                                       "women_years": Decimal(25)}),
             ("known_min_local_years", {"min_local_years": Decimal(10)})],
            id="EMP-2 Guangdong-style: only a later row, with local years",
        ),
        pytest.param(
            (row(date(2020, 1, 1), date(2030, 12, 31), men="20", women="15"),),
            [("known_required_years_until", {"first_day": date(2020, 1, 1), "last_day": date(2030, 12, 31),
                                             "men_years": Decimal(20), "women_years": Decimal(15)})],
            id="EMP-2 only an earlier, closed row",
        ),
    ],
)
def test_a_region_without_a_row_for_the_month_says_what_it_knows_before_check_locally(rows, known):
    decision = decide(facts("30"), AS_OF, region(*rows))
    assert decision.outcome is Outcome.CHECK_LOCALLY
    codes = [reason.code for reason in decision.reasons]
    start = codes.index("no_required_years_for_region") + 1
    steps = decision.reasons[start:start + len(known)]
    assert [step.code for step in steps] == [code for code, _ in known]
    for step, (_, params) in zip(steps, known, strict=True):
        assert params.items() <= step.params.items()
    assert decision.figures["known_required_years"][0]["first_day"] == rows[0].first_day
    assert LOCAL in decision.citations


def test_no_region_knows_nothing_more():
    decision = decide(facts("30"), AS_OF, NO_REGION)
    assert "known_required_years" not in decision.figures
