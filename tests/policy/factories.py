"""make_* helpers for the policy app: the smallest valid rows, any field overridable."""

from datetime import date
from decimal import Decimal

from policy.models import RegionalPeriod, RequiredYearsRule


def regional_period_fields(**fields):
    values = {
        "region_code": "999001",
        "region_name": "Testshire",
        "effective_from_year": 2025,
        "effective_to_year": None,
        "collection_start_month": 9,
        "collection_start_day": 1,
        "collection_start_year_offset": -1,
        "collection_end_month": 12,
        "collection_end_day": 20,
        "collection_end_year_offset": -1,
        "treatment_start_month": 1,
        "treatment_start_day": 1,
        "treatment_start_year_offset": 0,
        "treatment_end_month": 12,
        "treatment_end_day": 31,
        "treatment_end_year_offset": 0,
        "source_title": "Testshire payment notice",
        "source_reference": "No. 7",
        "source_confidence": "L",
    }
    values.update(fields)
    return values


def make_regional_period(**fields):
    return RegionalPeriod.objects.create(**regional_period_fields(**fields))


def required_years_fields(**fields):
    values = {
        "region_code": "999001",
        "region_name": "Testshire",
        "effective_from": date(2025, 1, 1),
        "effective_to": None,
        "men_years": Decimal("25"),
        "women_years": Decimal("20"),
        "min_local_years": Decimal("10"),
        "source_title": "Testshire retirement notice",
        "source_reference": "No. 9",
        "source_confidence": "L",
    }
    values.update(fields)
    return values


def make_required_years(**fields):
    return RequiredYearsRule.objects.create(**required_years_fields(**fields))
