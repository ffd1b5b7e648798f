from datetime import date

import pytest
from crispy_forms.utils import render_crispy_form
from django.http import QueryDict

from policy.forms import PayAgainForm, RefundForm
from policy.rules.enrolment import OtherScheme
from policy.rules.pay_again import PayAgainFacts
from policy.rules.refund import RefundFacts

from .factories import make_regional_period

pytestmark = pytest.mark.django_db

VALID_PAY_AGAIN = "year=2026&paid=no&other_scheme=employee&other_start=2026-03-01"


def bound(form_class, query):
    return form_class(QueryDict(query))


def test_refund_answers_become_facts():
    form = bound(RefundForm, "year=2026&other_scheme=employee&other_start=2025-12-01")
    assert form.is_valid(), form.errors
    assert form.facts() == RefundFacts(2026, OtherScheme.EMPLOYEE, date(2025, 12, 1))


def test_pay_again_answers_become_facts_and_as_of_defaults_to_today():
    form = bound(PayAgainForm, VALID_PAY_AGAIN)
    assert form.is_valid(), form.errors
    assert form.facts() == PayAgainFacts(2026, False, OtherScheme.EMPLOYEE, date(2026, 3, 1))
    assert form.answer_date(date(2026, 11, 26)) == date(2026, 11, 26)


def test_pay_again_as_of_from_the_query_wins_over_today():
    form = bound(PayAgainForm, VALID_PAY_AGAIN + "&as_of=2025-10-01")
    assert form.is_valid()
    assert form.answer_date(date(2026, 11, 26)) == date(2025, 10, 1)


def test_no_other_enrolment_drops_a_stray_date():
    form = bound(RefundForm, "year=2026&other_scheme=none&other_start=2025-12-01")
    assert form.is_valid()
    assert form.facts().other_start is None
    assert "other_start" not in form.query()


@pytest.mark.parametrize(
    "form_class, query, field, message",
    [
        pytest.param(RefundForm, "other_scheme=none", "year", "Enter the coverage year, for example", id="missing"),
        pytest.param(RefundForm, "year=abc&other_scheme=none", "year", "as a number", id="not a number"),
        pytest.param(RefundForm, "year=NaN&other_scheme=none", "year", "as a number", id="NaN"),
        pytest.param(RefundForm, "year=1e3&other_scheme=none", "year", "as a number", id="exponent"),
        pytest.param(RefundForm, "year=99999999999&other_scheme=none", "year", "from 2000 to 2100", id="huge year"),
        pytest.param(RefundForm, "year=" + "9" * 5000 + "&other_scheme=none", "year", "as a number", id="5000 digits"),
        pytest.param(RefundForm, "year=1999&other_scheme=none", "year", "from 2000 to 2100", id="year 1999"),
        pytest.param(RefundForm, "year=2101&other_scheme=none", "year", "from 2000 to 2100", id="year 2101"),
        pytest.param(RefundForm, "year=%00&other_scheme=none", "year", "as a number", id="NUL year"),
        pytest.param(RefundForm, "year=2026", "other_scheme", "Say whether", id="scheme missing"),
        pytest.param(RefundForm, "year=2026&other_scheme=both", "other_scheme", "Choose one", id="scheme unknown"),
        pytest.param(
            RefundForm, "year=2026&other_scheme=employee", "other_start", "Enter the date your other", id="date missing"
        ),
        pytest.param(
            RefundForm, "year=2026&other_scheme=employee&other_start=2025-02-30", "other_start", "real date",
            id="Feb 30",
        ),
        pytest.param(
            RefundForm, "year=2026&other_scheme=employee&other_start=01/03/2026", "other_start", "real date",
            id="date in another format",
        ),
        pytest.param(
            RefundForm, "year=2026&other_scheme=none&region=999999", "region", "no periods for that region",
            id="unknown region",
        ),
        pytest.param(
            RefundForm, "year=2026&other_scheme=none&region=%FF%FE", "region", "no periods for that region",
            id="non-UTF-8 region",
        ),
        pytest.param(PayAgainForm, "year=2026&other_scheme=none", "paid", "Say whether you have", id="paid missing"),
        pytest.param(PayAgainForm, "year=2026&other_scheme=none&paid=maybe", "paid", "Choose one", id="paid unknown"),
        pytest.param(
            PayAgainForm, "year=2026&other_scheme=none&paid=no&as_of=tomorrow", "as_of", "real date", id="as_of word"
        ),
    ],
)
def test_bad_input_is_a_field_error_in_plain_words(form_class, query, field, message):
    form = bound(form_class, query)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_repeated_parameters_take_the_last_value_and_extra_ones_are_ignored():
    form = bound(RefundForm, "year=1900&year=2026&other_scheme=none&utm_source=chat&debug=1")
    assert form.is_valid(), form.errors
    assert form.facts().year == 2026
    assert form.query() == {"year": "2026", "other_scheme": "none"}


def test_region_choices_come_from_the_rows_in_the_database():
    make_regional_period(region_code="999001", region_name="Old name", effective_from_year=2020, effective_to_year=2024)
    make_regional_period(region_code="999001", region_name="Testshire", effective_from_year=2025)
    choices = dict(RefundForm().fields["region"].choices)
    assert choices["999001"] == "Testshire"
    assert choices["610000"] == "Shaanxi 陕西"
    form = bound(RefundForm, "year=2026&other_scheme=none&region=999001")
    assert form.is_valid(), form.errors


def test_query_is_canonical_and_answers_are_listed_in_question_order():
    form = bound(PayAgainForm, "other_start=2026-03-01&other_scheme=employee&paid=yes&year=2026&region=610000")
    assert form.is_valid(), form.errors
    assert form.query() == {
        "year": "2026", "other_scheme": "employee", "other_start": "2026-03-01", "region": "610000", "paid": "yes",
    }
    assert [name for name, _, _ in form.answers()] == ["year", "paid", "other_scheme", "other_start", "region"]


def test_answers_list_the_date_a_link_asked_about():
    form = bound(PayAgainForm, "year=2026&paid=no&other_scheme=none&as_of=2025-10-01")
    assert form.is_valid(), form.errors
    assert form.answers()[-1] == ("as_of", "Answer as of", "Oct. 1, 2025")


def test_as_of_is_shown_only_when_a_link_brought_one():
    plain = render_crispy_form(PayAgainForm(initial={"year": "2026"}))
    dated = render_crispy_form(PayAgainForm(initial={"as_of": "2025-10-01"}))
    assert 'name="as_of"' not in plain
    assert '<input type="date" name="as_of" value="2025-10-01"' in dated


def test_error_summary_order_follows_the_questions():
    assert list(PayAgainForm().fields) == ["year", "paid", "other_scheme", "other_start", "region", "as_of"]
