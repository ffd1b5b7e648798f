from datetime import date
from decimal import Decimal
from unittest.mock import patch

import pytest
from django.urls import reverse
from django.utils import timezone

from policy.models import RegionalPeriod, RequiredYearsRule
from policy.selectors import years_without_rules

from .factories import make_regional_period, make_required_years, regional_period_fields, required_years_fields

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:policy_regionalperiod_add")


def post_data(**fields):
    return {key: "" if value is None else value for key, value in regional_period_fields(**fields).items()}


def test_admin_adds_a_row(admin_client):
    response = admin_client.post(ADD_URL, post_data())
    assert response.status_code == 302
    assert RegionalPeriod.objects.filter(region_code="999001").count() == 1


def test_admin_refuses_an_overlapping_row_with_a_clear_message(admin_client):
    existing = make_regional_period(effective_from_year=2025)
    response = admin_client.post(ADD_URL, post_data(effective_from_year=2027))
    assert response.status_code == 200
    message = response.context["adminform"].form.errors["effective_from_year"][0]
    assert message.startswith(f"These coverage years overlap the existing row “{existing}”.")
    assert RegionalPeriod.objects.filter(region_code="999001").count() == 1


CHINESE_TEXTS = ["region_name_zh", "source_title_zh", "source_reference_zh"]


def test_a_saved_row_only_lets_its_last_year_and_its_chinese_texts_change(admin_client):
    row = make_regional_period(effective_from_year=2025)
    url = reverse("admin:policy_regionalperiod_change", args=[row.pk])
    form = admin_client.get(url).context["adminform"].form
    assert sorted(form.fields) == sorted(["effective_to_year", *CHINESE_TEXTS])

    response = admin_client.post(url, {
        "effective_to_year": "2026", "collection_end_day": "1", "region_name_zh": "测试省",
        "source_title_zh": "测试省缴费通知", "source_reference_zh": "测试〔2025〕1号", "source_title": "Changed",
    })
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.effective_to_year, row.collection_end_day, row.source_title) == (2026, 20, "Testshire payment notice")
    chinese = (row.region_name_zh, row.source_title_zh, row.source_reference_zh)
    assert chinese == ("测试省", "测试省缴费通知", "测试〔2025〕1号")


def test_change_page_shows_every_row_of_the_region(admin_client):
    old = make_regional_period(effective_from_year=2020, effective_to_year=2024)
    new = make_regional_period(effective_from_year=2025, collection_end_day=31)
    content = admin_client.get(reverse("admin:policy_regionalperiod_change", args=[new.pk])).content.decode()
    assert str(old) in content and "09-01 Y-1 – 12-20 Y-1" in content
    assert str(new) in content and "09-01 Y-1 – 12-31 Y-1" in content


def test_changelist_searches_by_code_and_name(admin_client):
    make_regional_period(region_name="Findable", region_name_zh="可找到")
    url = reverse("admin:policy_regionalperiod_changelist")
    assert admin_client.get(url, {"q": "Findable"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"q": "可找到"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"q": "999001"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"q": "nowhere"}).context["cl"].result_count == 0


REQUIRED_YEARS_ADD_URL = reverse("admin:policy_requiredyearsrule_add")


def required_years_post_data(**fields):
    return {key: "" if value is None else value for key, value in required_years_fields(**fields).items()}


def test_admin_adds_required_years_and_refuses_an_overlap(admin_client):
    assert admin_client.post(REQUIRED_YEARS_ADD_URL, required_years_post_data()).status_code == 302
    response = admin_client.post(REQUIRED_YEARS_ADD_URL, required_years_post_data(effective_from="2027-01-01"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["effective_from"][0].startswith("These dates overlap")
    assert RequiredYearsRule.objects.filter(region_code="999001").count() == 1


def test_a_saved_required_years_row_only_lets_its_last_date_change(admin_client):
    row = make_required_years(effective_from=date(2026, 1, 1))
    url = reverse("admin:policy_requiredyearsrule_change", args=[row.pk])
    page = admin_client.get(url)
    assert sorted(page.context["adminform"].form.fields) == sorted(["effective_to", *CHINESE_TEXTS])
    assert "men 25.0, women 20.0, at least 10.0 paid locally" in page.content.decode()
    assert admin_client.post(url, {"effective_to": "2029-12-31", "men_years": "1"}).status_code == 302
    row.refresh_from_db()
    assert (row.effective_to, row.men_years) == (date(2029, 12, 31), Decimal(25))


def test_required_years_fields_explain_themselves(admin_client):
    form = admin_client.get(REQUIRED_YEARS_ADD_URL).context["adminform"].form
    assert all(field.help_text for field in form.fields.values())


@pytest.mark.parametrize(
    "today, warned",
    [
        pytest.param(date(2026, 6, 30), False, id="RES-1 June: not yet"),
        pytest.param(date(2026, 7, 1), True, id="RES-1 from 1 July: 2028 is not covered"),
    ],
)
def test_admin_home_warns_from_july_when_rules_stop_short_of_the_next_two_years(admin_client, today, warned):
    make_regional_period(effective_from_year=2025, effective_to_year=2028)
    with patch("django.utils.timezone.localdate", return_value=today):
        page = admin_client.get(reverse("admin:index")).content.decode()
    assert ('id="rules-coverage"' in page) is warned
    if warned:
        # Shaanxi's seeded row and the usual periods end with 2027; Testshire's reaches 2028.
        assert "Shaanxi 陕西: 2028" in page
        assert "Testshire" not in page


def test_the_demo_data_covers_the_current_year_plus_one():
    """RES-1: the seeded rows and the usual periods must reach next year, or answers fall back to older rules."""
    next_year = timezone.localdate().year + 1
    assert years_without_rules([next_year]) == []
