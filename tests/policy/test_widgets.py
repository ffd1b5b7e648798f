"""Dates typed in separate boxes reach the fields as the one ISO value that links and the API carry."""

import pytest
from django.http import QueryDict
from django.utils import translation

from policy.forms import RefundForm, RetirementForm
from policy.rules.retirement import Month
from policy.widgets import DatePartsWidget

pytestmark = pytest.mark.django_db

DAY_MONTH_YEAR = DatePartsWidget()
MONTH_YEAR = DatePartsWidget(parts=("month", "year"))


@pytest.mark.parametrize(
    ("widget", "query", "value"),
    [
        pytest.param(DAY_MONTH_YEAR, "d_day=1&d_month=12&d_year=2025", "2025-12-01", id="one-digit day padded"),
        pytest.param(DAY_MONTH_YEAR, "d_day=31&d_month=01&d_year=2025", "2025-01-31", id="two digits as typed"),
        pytest.param(DAY_MONTH_YEAR, "d_day=+3+&d_month=4&d_year=2026", "2026-04-03", id="spaces trimmed"),
        pytest.param(DAY_MONTH_YEAR, "d_day=&d_month=&d_year=", "", id="all empty"),
        pytest.param(DAY_MONTH_YEAR, "d_month=12&d_year=2025", "2025-12-", id="day missing"),
        pytest.param(DAY_MONTH_YEAR, "d=2025-12-01&d_day=9", "2025-12-01", id="one parameter wins"),
        pytest.param(MONTH_YEAR, "d_month=6&d_year=1975", "1975-06", id="month and year"),
        pytest.param(MONTH_YEAR, "d_month=x&d_year=1975", "1975-x", id="letters kept for the field to refuse"),
    ],
)
def test_boxes_join_into_one_value(widget, query, value):
    assert widget.value_from_datadict(QueryDict(query), {}, "d") == value


@pytest.mark.parametrize(
    ("widget", "value", "boxes"),
    [
        (DAY_MONTH_YEAR, "2025-12-01", ["1", "12", "2025"]),
        (MONTH_YEAR, "1975-06", ["6", "1975"]),
        (MONTH_YEAR, "", [None, None]),
    ],
)
def test_a_value_from_a_link_fills_the_boxes_as_people_type_them(widget, value, boxes):
    assert widget.decompress(value) == boxes


def test_chinese_readers_type_the_year_first():
    form = RefundForm()
    with translation.override("zh-hans"):
        html = str(form["other_start"])
        assert form["other_start"].anchor == "id_other_start_2"
    assert html.index('name="other_start_year"') < html.index('name="other_start_month"') < html.index(
        'name="other_start_day"'
    )
    with translation.override("en"):
        html = str(form["other_start"])
        assert form["other_start"].anchor == "id_other_start_0"
    assert html.index('name="other_start_day"') < html.index('name="other_start_year"')


def test_birth_month_typed_in_two_boxes_is_read_and_linked_as_one_month():
    # Full-width digits, as Chinese keyboards type them, too.
    form = RetirementForm(QueryDict("category=male_60&birth_month_month=６&birth_month_year=１９７５&years_paid=20"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["birth_month"] == Month(1975, 6)
    assert form.query()["birth_month"] == "1975-06"
    assert "birth_month_month" not in form.query()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("birth_month_month=13&birth_month_year=1975", "Enter your birth month and year as numbers"),
        ("birth_month_month=6&birth_month_year=75", "Enter your birth month and year as numbers"),
        ("birth_month_month=6", "Enter your birth month and year as numbers"),
        ("birth_month_month=&birth_month_year=", "Enter the month and year you were born"),
        ("birth_month_month=6&birth_month_year=1900", "Enter a birth month from 1930-01 to 2015-12"),
    ],
)
def test_a_birth_month_that_is_not_one_is_refused_with_what_to_type(query, message):
    form = RetirementForm(QueryDict(f"category=male_60&years_paid=20&{query}"))
    assert not form.is_valid()
    assert message in form.errors["birth_month"][0]


def test_a_day_that_does_not_exist_is_refused():
    form = RefundForm(QueryDict("year=2026&other_scheme=employee&other_start_day=30&other_start_month=2&"
                                "other_start_year=2026"))
    assert not form.is_valid()
    assert form.errors["other_start"] == ["Enter a real date: day, month and year, for example 1 3 2026."]
