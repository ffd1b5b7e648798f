import re
from datetime import date
from decimal import Decimal

import pytest
from crispy_forms.utils import render_crispy_form
from django.http import QueryDict
from django.utils import translation

from policy.forms import CardUseForm, PayAgainForm, RefundForm, RetirementForm
from policy.rules.card_use import CardUseFacts, Cause, Relation, Scheme, ThirdPartyPaid, Use
from policy.rules.enrolment import OtherScheme
from policy.rules.pay_again import PayAgainFacts
from policy.rules.refund import RefundFacts
from policy.rules.retirement import Month, RetirementCategory, RetirementFacts
from policy.wording.retirement import CATEGORY_LABELS as RETIREMENT_CATEGORIES

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
    assert 'name="as_of_day" value="1"' in dated
    assert 'name="as_of_month" value="10"' in dated
    assert 'name="as_of_year" value="2025"' in dated


def test_error_summary_order_follows_the_questions():
    assert list(PayAgainForm().fields) == [
        "year", "paid", "other_scheme", "other_start", "last_year_covered", "years_without_cover", "region", "as_of",
    ]


def test_retirement_asks_the_region_before_the_years_paid_there():
    assert list(RetirementForm().fields) == [
        "category", "birth_month", "years_paid", "region", "years_local", "as_of",
    ]
    page = render_crispy_form(RetirementForm())
    assert page.index('name="region"') < page.index('name="years_local"')


RETIREMENT = "category=female_55&birth_month=1975-06&years_paid=18.5"


def test_retirement_answers_become_facts():
    form = bound(RetirementForm, RETIREMENT + "&years_local=10.25&region=350200")
    assert form.is_valid(), form.errors
    assert form.facts() == RetirementFacts(
        RetirementCategory.FEMALE_55, Month(1975, 6), Decimal("18.5"), Decimal("10.25")
    )
    assert form.region_name() == "Xiamen 厦门"
    assert form.summary_values() == {"years_paid": Decimal("18.5"), "region_name": "Xiamen 厦门"}


def test_full_width_digits_from_chinese_keyboards_are_read():
    form = bound(RetirementForm, "category=male_60&birth_month=１９７５－０６&years_paid=１２")
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["birth_month"], form.cleaned_data["years_paid"]) == (Month(1975, 6), Decimal(12))
    assert form.query()["birth_month"] == "1975-06"


def test_minus_zero_years_read_as_zero():
    form = bound(RetirementForm, "category=male_60&birth_month=1975-06&years_paid=-0.0&years_local=-0&region=350200")
    assert form.is_valid(), form.errors
    assert (form.query()["years_paid"], form.query()["years_local"]) == ("0.0", "0")
    assert [value for name, _, value in form.answers() if name.startswith("years")] == ["0.0", "0"]


def test_retirement_region_choices_are_the_required_years_rows_not_the_periods():
    choices = dict(RetirementForm().fields["region"].choices)
    assert choices == {
        "": "My region is not listed", "440000": "Guangdong 广东", "310000": "Shanghai 上海", "350200": "Xiamen 厦门",
    }
    assert "610000" not in choices


@pytest.mark.parametrize(
    "query, field, message",
    [
        pytest.param("birth_month=1975-06&years_paid=1", "category", "Say which retirement age", id="no category"),
        pytest.param(
            "category=male_60&years_paid=1", "birth_month", "Enter the month and year you were", id="no birth month"
        ),
        pytest.param("category=male_60&birth_month=1990-13&years_paid=1", "birth_month", "as numbers", id="month 13"),
        pytest.param("category=male_60&birth_month=1990-1&years_paid=1", "birth_month", "as numbers", id="1990-1"),
        pytest.param("category=male_60&birth_month=1990-00&years_paid=1", "birth_month", "as numbers", id="month 0"),
        pytest.param("category=male_60&birth_month=1990/01&years_paid=1", "birth_month", "as numbers", id="slash"),
        pytest.param("category=male_60&birth_month=1990-01-05&years_paid=1", "birth_month", "as numbers", id="a day"),
        pytest.param(
            "category=male_60&birth_month=99999-01&years_paid=1", "birth_month", "as numbers", id="five-digit year"
        ),
        pytest.param(
            "category=male_60&birth_month=1929-12&years_paid=1", "birth_month", "from 1930-01 to 2015-12",
            id="before 1930",
        ),
        pytest.param(
            "category=male_60&birth_month=2016-01&years_paid=1", "birth_month", "from 1930-01 to 2015-12",
            id="after 2015",
        ),
        pytest.param("category=male_60&birth_month=1975-06", "years_paid", "Enter your years", id="no years"),
        pytest.param(RETIREMENT.replace("18.5", "NaN"), "years_paid", "as a number", id="NaN"),
        pytest.param(RETIREMENT.replace("18.5", "inf"), "years_paid", "as a number", id="inf"),
        pytest.param(RETIREMENT.replace("18.5", "-Infinity"), "years_paid", "as a number", id="-Infinity"),
        pytest.param(RETIREMENT.replace("18.5", "abc"), "years_paid", "as a number", id="words"),
        pytest.param(RETIREMENT.replace("18.5", "-1"), "years_paid", "from 0 to 60", id="negative"),
        pytest.param(RETIREMENT.replace("18.5", "60.01"), "years_paid", "from 0 to 60", id="over 60"),
        pytest.param(RETIREMENT.replace("18.5", "1e309"), "years_paid", "from 0 to 60", id="1e309"),
        pytest.param(RETIREMENT.replace("18.5", "9" * 5000), "years_paid", "from 0 to 60", id="5000 digits"),
        pytest.param(RETIREMENT.replace("18.5", "18.555"), "years_paid", "at most 2 decimal places", id="3 places"),
        pytest.param(RETIREMENT.replace("18.5", "1e-9"), "years_paid", "at most 2 decimal places", id="1e-9"),
        pytest.param(RETIREMENT + "&years_local=19&region=350200", "years_local",
                     "more than your years in total (18.5)", id="local over total"),
        pytest.param(RETIREMENT + "&region=610000", "region", "no figures for that region", id="a periods region"),
        pytest.param("birth_month=1975-06&years_paid=1&category=female_45", "category", "Choose one", id="category"),
    ],
)
def test_bad_retirement_input_is_a_field_error_in_plain_words(query, field, message):
    form = bound(RetirementForm, query)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_retirement_answers_list_the_month_and_the_region():
    form = bound(RetirementForm, RETIREMENT)
    assert form.is_valid(), form.errors
    assert form.answers() == [
        ("category", "Old retirement age", RETIREMENT_CATEGORIES["female_55"]),
        ("birth_month", "Birth month", "June 1975"),
        ("years_paid", "Years paid", "18.5"),
        ("region", "Region", "My region is not listed"),
    ]


@pytest.mark.parametrize(
    "query, facts",
    [
        pytest.param("scheme=employee&use=cash", CardUseFacts(Scheme.EMPLOYEE, Use.CASH), id="cash"),
        pytest.param(
            "scheme=employee&use=relative&relation=sibling",
            CardUseFacts(Scheme.EMPLOYEE, Use.RELATIVE, Relation.SIBLING), id="relative",
        ),
        pytest.param(
            "scheme=employee&use=treatment&cause=illness&designated=no",
            CardUseFacts(Scheme.EMPLOYEE, Use.TREATMENT, cause=Cause.ILLNESS, designated=False), id="treatment",
        ),
        pytest.param(
            "scheme=employee&use=treatment&cause=third_party&third_party_paid=no&designated=yes",
            CardUseFacts(
                Scheme.EMPLOYEE, Use.TREATMENT, cause=Cause.THIRD_PARTY, designated=True,
                third_party_paid=ThirdPartyPaid.NO,
            ),
            id="third party",
        ),
    ],
)
def test_card_use_answers_become_facts(query, facts):
    form = bound(CardUseForm, query)
    assert form.is_valid(), form.errors
    assert form.facts() == facts


@pytest.mark.parametrize(
    "query, kept",
    [
        pytest.param(
            "scheme=employee&use=cash&relation=spouse&cause=illness&designated=yes&third_party_paid=no",
            {"scheme": "employee", "use": "cash"}, id="cash ignores every follow-up",
        ),
        pytest.param(
            "scheme=resident&use=relative&relation=cousin", {"scheme": "resident", "use": "relative"},
            id="resident insurance ignores the relation, even an invalid one",
        ),
        pytest.param(
            "scheme=employee&use=relative&relation=child&cause=nonsense&designated=maybe&third_party_paid=x",
            {"scheme": "employee", "use": "relative", "relation": "child"},
            id="relative ignores treatment answers, even invalid ones",
        ),
        pytest.param(
            "scheme=employee&use=treatment&cause=illness&designated=yes&relation=spouse&third_party_paid=yes",
            {"scheme": "employee", "use": "treatment", "cause": "illness", "designated": "yes"},
            id="treatment ignores relation, and third_party_paid without a third party",
        ),
    ],
)
def test_card_use_follow_ups_that_do_not_apply_are_ignored_not_errors(query, kept):
    form = bound(CardUseForm, query)
    assert form.is_valid(), form.errors
    assert form.query() == kept
    assert [name for name, _, _ in form.answers()] == list(kept)


@pytest.mark.parametrize(
    "query, field, message",
    [
        pytest.param("", "use", "Say what you want the card to pay for.", id="no use"),
        pytest.param("use=cash", "scheme", "Say which medical insurance you have.", id="no scheme"),
        pytest.param("scheme=private&use=cash", "scheme", "Choose one", id="unknown scheme"),
        pytest.param("scheme=employee&use=loan", "use", "Choose one", id="unknown use"),
        pytest.param(
            "scheme=employee&use=relative", "relation", "Say how the relative is related to you.", id="no relation"
        ),
        pytest.param("scheme=employee&use=relative&relation=cousin", "relation", "Choose one", id="unknown relation"),
        pytest.param(
            "scheme=employee&use=treatment&designated=yes", "cause", "Say what the treatment is for.", id="no cause"
        ),
        pytest.param(
            "scheme=employee&use=treatment&cause=illness", "designated", "Say whether the hospital", id="no designated"
        ),
        pytest.param(
            "scheme=employee&use=treatment&cause=third_party&designated=yes", "third_party_paid",
            "Say whether the person", id="no third_party_paid",
        ),
        pytest.param("scheme=employee&use=cash&as_of=2021-02-30", "as_of", "real date", id="Feb 30"),
    ],
)
def test_card_use_missing_follow_up_is_a_field_error(query, field, message):
    form = bound(CardUseForm, query)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_card_use_follow_ups_come_after_the_answers_they_follow_and_say_no_more_when_they_apply():
    html = render_crispy_form(CardUseForm())
    order = ["scheme", "use", "relation", "cause", "third_party_paid", "designated"]
    assert [html.index(f'name="{name}"') for name in order] == sorted(html.index(f'name="{name}"') for name in order)
    # The page shows a follow-up only when it applies, so no label needs to say when that is.
    assert "(only" not in html and "Only if" not in html
    assert 'name="as_of"' not in html


@pytest.mark.parametrize(
    "form_class, name",
    [(RefundForm, "other_start"), (PayAgainForm, "as_of"), (CardUseForm, "as_of"), (RetirementForm, "birth_month")],
)
@pytest.mark.parametrize("language, example", [("en", r"For example, \d"), ("zh-hans", r"例如\d")])
def test_every_date_is_hinted_with_an_example_as_people_type_it(form_class, name, language, example):
    with translation.override(language):
        assert re.search(example, str(form_class.base_fields[name].help_text))
