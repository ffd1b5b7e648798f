from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from policy.models import RegionalPeriod, RequiredYearsRule
from policy.rules.citations import Confidence

from .factories import make_regional_period, make_required_years, regional_period_fields, required_years_fields

pytestmark = pytest.mark.django_db


def test_shaanxi_is_seeded_from_the_rules_register_as_a_local_rule():
    row = RegionalPeriod.objects.get(region_code="610000", effective_from_year=2025)
    periods = row.as_period_row().periods_for(2026)
    assert (periods.collection_start, periods.collection_end) == (date(2025, 9, 1), date(2025, 12, 20))
    assert row.source_confidence == "L"


@pytest.mark.parametrize(
    "model, code, spans, office",
    [
        pytest.param(
            RegionalPeriod, "610000", [(2025, 2026), (2027, 2027)], "https://ybj.shaanxi.gov.cn/", id="Shaanxi",
        ),
        pytest.param(
            RequiredYearsRule, "310000", [(date(2025, 1, 1), date(2026, 12, 31)), (date(2027, 1, 1), None)],
            "https://ybj.sh.gov.cn/", id="Shanghai",
        ),
        pytest.param(
            RequiredYearsRule, "350200", [(date(2025, 1, 1), date(2026, 12, 31)), (date(2027, 1, 1), None)],
            "https://ybj.xm.gov.cn/", id="Xiamen",
        ),
    ],
)
def test_an_office_page_comes_as_a_new_row_and_the_seeded_row_is_only_closed(model, code, spans, office):
    first_field, last_field = model.span_fields
    rows = list(model.objects.filter(region_code=code).order_by(first_field))
    fixed = [
        field.name for field in model._meta.concrete_fields
        if field.name not in {"id", "created_at", "office_url", first_field, last_field}
    ]

    assert [(getattr(row, first_field), getattr(row, last_field)) for row in rows] == spans
    assert [row.office_url for row in rows] == ["", office]
    # The same rule and source: only the office page is new.
    assert [getattr(rows[0], name) for name in fixed] == [getattr(rows[1], name) for name in fixed]


def test_guangdong_row_starts_in_2030_and_names_no_office():
    assert list(RequiredYearsRule.objects.filter(region_code="440000").values_list("office_url", flat=True)) == [""]


@pytest.mark.parametrize(
    "first, last",
    [
        pytest.param(2026, 2026, id="inside an open-ended row"),
        pytest.param(2020, 2025, id="ending on its first year"),
        pytest.param(2030, None, id="open-ended after it"),
        pytest.param(2025, 2025, id="same first year"),
    ],
)
def test_clean_refuses_overlapping_rows_for_one_region(first, last):
    make_regional_period(effective_from_year=2025, effective_to_year=None)
    row = RegionalPeriod(**regional_period_fields(effective_from_year=first, effective_to_year=last))
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "overlap the existing row" in error.value.message_dict["effective_from_year"][0]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"effective_from_year": 2028}, id="after a closed row"),
        pytest.param({"effective_from_year": 2020, "effective_to_year": 2024}, id="before it"),
        pytest.param({"region_code": "999002", "effective_from_year": 2026}, id="another region"),
    ],
)
def test_clean_accepts_rows_that_do_not_overlap(fields):
    make_regional_period(effective_from_year=2025, effective_to_year=2027)
    RegionalPeriod(**regional_period_fields(**fields)).full_clean()


@pytest.mark.parametrize("make", [make_regional_period, make_required_years])
def test_a_rows_texts_are_saved_without_control_characters(make):
    row = make(region_name="Test\x0bshire\x02", source_title="Notice\r\nof 2025")

    row.refresh_from_db()
    assert (row.region_name, row.source_title) == ("Test\nshire", "Notice\nof 2025")


def test_a_row_may_be_closed_without_clashing_with_itself():
    row = make_regional_period(effective_from_year=2025)
    row.effective_to_year = 2026
    row.full_clean()


@pytest.mark.parametrize(
    "fields, field",
    [
        pytest.param({"collection_end_month": 2, "collection_end_day": 29}, "collection_end_day", id="Feb 29"),
        pytest.param({"treatment_end_month": 4, "treatment_end_day": 31}, "treatment_end_day", id="Apr 31"),
        pytest.param({"collection_end_month": 8}, "collection_end_day", id="payment closes before it opens"),
        pytest.param({"treatment_end_year_offset": -1}, "treatment_end_day", id="cover ends before it starts"),
        pytest.param({"effective_to_year": 2024}, "effective_to_year", id="last year before first"),
    ],
)
def test_clean_refuses_impossible_rows(fields, field):
    with pytest.raises(ValidationError) as error:
        RegionalPeriod(**regional_period_fields(**fields)).full_clean()
    assert field in error.value.message_dict


def test_database_refuses_a_second_row_with_the_same_first_year():
    make_regional_period()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_regional_period()


def test_database_refuses_years_out_of_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_regional_period(effective_from_year=2026, effective_to_year=2025)


def test_row_becomes_a_rules_period_row_with_its_own_citation():
    row = make_regional_period(
        treatment_start_month=9, treatment_end_month=8, treatment_end_day=31, treatment_end_year_offset=1,
        collection_start_month=8, collection_start_day=31, collection_start_year_offset=0,
        collection_end_month=10, collection_end_day=31, collection_end_year_offset=0,
        source_url="https://example.org/notice", source_confidence="Q",
    )
    period_row = row.as_period_row()
    periods = period_row.periods_for(2026)
    assert (periods.treatment_start, periods.treatment_end) == (date(2026, 9, 1), date(2027, 8, 31))
    citation = period_row.citation
    assert (citation.clause, citation.title, citation.reference, citation.url, citation.confidence) == (
        "RES-1", "Testshire payment notice", "No. 7", "https://example.org/notice", Confidence.Q,
    )
    assert (period_row.region_code, period_row.region_name) == ("999001", "Testshire")


@pytest.mark.parametrize(
    "code, first_day, men, women, local, confidence",
    [
        pytest.param("440000", date(2030, 1, 1), "30", "25", "10", "Q", id="EMP-2 Guangdong from 2030-01-01"),
        pytest.param("310000", date(2025, 1, 1), "15", "15", None, "S", id="EMP-2 Shanghai 15, deemed included"),
        pytest.param("350200", date(2025, 1, 1), "25", "20", "10", "L", id="EMP-2 Xiamen, weak source"),
    ],
)
def test_required_years_are_seeded_from_the_rules_register(code, first_day, men, women, local, confidence):
    row = RequiredYearsRule.objects.get(region_code=code, effective_from=first_day)
    assert (row.men_years, row.women_years) == (Decimal(men), Decimal(women))
    assert row.min_local_years == (local and Decimal(local))
    assert row.source_confidence == confidence


def test_guangdong_has_no_row_before_2030_because_its_yearly_steps_are_not_sourced():
    assert not RequiredYearsRule.objects.filter(region_code="440000", effective_from__lt=date(2030, 1, 1)).exists()


@pytest.mark.parametrize(
    "first, last",
    [
        pytest.param(date(2026, 1, 1), date(2026, 12, 31), id="inside an open-ended row"),
        pytest.param(date(2020, 1, 1), date(2025, 1, 1), id="ending on its first day"),
        pytest.param(date(2025, 1, 1), None, id="same first day"),
    ],
)
def test_required_years_refuse_overlapping_rows_like_the_periods(first, last):
    make_required_years()
    row = RequiredYearsRule(**required_years_fields(effective_from=first, effective_to=last))
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "These dates overlap the existing row" in error.value.message_dict["effective_from"][0]


def test_required_years_accept_the_next_row_once_the_old_one_is_closed():
    old = make_required_years(effective_to=date(2029, 12, 31))
    old.full_clean()
    RequiredYearsRule(**required_years_fields(effective_from=date(2030, 1, 1), men_years=Decimal(30))).full_clean()


@pytest.mark.parametrize(
    "fields, field",
    [
        pytest.param({"effective_to": date(2024, 12, 31)}, "effective_to", id="ends before it starts"),
        pytest.param({"men_years": Decimal("61")}, "men_years", id="over 60 years"),
        pytest.param({"min_local_years": Decimal("-1")}, "min_local_years", id="negative"),
    ],
)
def test_required_years_refuse_impossible_rows(fields, field):
    with pytest.raises(ValidationError) as error:
        RequiredYearsRule(**required_years_fields(**fields)).full_clean()
    assert field in error.value.message_dict


def test_database_refuses_required_years_out_of_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_required_years(effective_to=date(2024, 1, 1))


def test_required_years_row_becomes_a_rules_row_with_its_own_citation():
    row = make_required_years(source_url="https://example.org/notice").as_required_years_row()
    assert (row.first_day, row.last_day, row.men_years, row.min_local_years) == (
        date(2025, 1, 1), None, Decimal(25), Decimal(10),
    )
    assert (row.citation.clause, row.citation.title, row.citation.url, row.citation.confidence) == (
        "EMP-2", "Testshire retirement notice", "https://example.org/notice", Confidence.L,
    )
