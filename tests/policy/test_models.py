from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from policy.models import RegionalPeriod
from policy.rules.citations import Confidence

from .factories import make_regional_period, regional_period_fields

pytestmark = pytest.mark.django_db


def test_shaanxi_is_seeded_from_the_rules_register_as_a_local_rule():
    row = RegionalPeriod.objects.get(region_code="610000")
    periods = row.as_period_row().periods_for(2026)
    assert (periods.collection_start, periods.collection_end) == (date(2025, 9, 1), date(2025, 12, 20))
    assert row.source_confidence == "L"


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
