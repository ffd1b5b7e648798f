"""Follow-up questions, declared once: they validate the answers, tell the script when to show them, and
without the script they are asked on the next step, whose address holds the answers so far."""

import json
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from crispy_forms.utils import render_crispy_form
from django.http import QueryDict

from policy.flow import applicable, next_step
from policy.forms import CardUseForm, PayAgainForm, RefundForm, RetirementForm

from .factories import make_required_years

pytestmark = pytest.mark.django_db

FOLLOW_UP = re.compile(
    r'<fieldset class="follow-up" data-follow-up="(\w+)" data-show-when="(\{[^}]*\})"( hidden disabled)?>'
)


def follow_ups(html):
    """{name: (conditions, shown)} of the follow-up groups in a page or form."""
    return {
        name: (json.loads(unescape(conditions)), not hidden) for name, conditions, hidden in FOLLOW_UP.findall(html)
    }


def text(response):
    return unescape(response.content.decode())


def hidden_inputs(page):
    """(name, value) of the answers a step's page carries, in page order."""
    found = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page)
    return [(name, value) for name, value in found if name != "asked"]


# Every follow-up of every checker, with the answers it follows, as in policy/rules.
CONDITIONS = [
    pytest.param(
        RefundForm, "other_start", {"other_scheme": ["employee", "flexible", "resident_elsewhere"]}, id="refund"
    ),
    pytest.param(
        PayAgainForm, "other_start", {"other_scheme": ["employee", "flexible", "resident_elsewhere"]}, id="pay-again"
    ),
    pytest.param(PayAgainForm, "last_year_covered", {"paid": ["no"]}, id="pay-again RES-2 continuity"),
    pytest.param(PayAgainForm, "years_without_cover", {"last_year_covered": ["no"]}, id="pay-again RES-3 years"),
    pytest.param(
        CardUseForm, "relation", {"scheme": ["employee", "flexible"], "use": ["relative"]}, id="card-use FAM-1"
    ),
    pytest.param(CardUseForm, "cause", {"use": ["treatment"]}, id="card-use cause"),
    pytest.param(CardUseForm, "third_party_paid", {"cause": ["third_party"]}, id="card-use third party"),
    pytest.param(CardUseForm, "designated", {"use": ["treatment"]}, id="card-use designated"),
    # Seeded rows: Guangdong and Xiamen set a minimum of years paid locally, Shanghai does not.
    pytest.param(RetirementForm, "years_local", {"region": ["350200", "440000"]}, id="retirement EMP-2"),
]


@pytest.mark.parametrize("form_class, name, conditions", CONDITIONS)
def test_the_page_carries_each_follow_ups_conditions_for_the_script(form_class, name, conditions):
    assert follow_ups(render_crispy_form(form_class()))[name] == (conditions, False)


def test_a_region_that_starts_counting_local_years_is_a_condition_at_once():
    make_required_years(region_code="999002", region_name="Localshire")
    assert follow_ups(render_crispy_form(RetirementForm()))["years_local"][0] == {
        "region": ["350200", "440000", "999002"]
    }


def test_hidden_follow_ups_send_nothing_and_shown_ones_say_they_were_asked():
    html = render_crispy_form(CardUseForm(initial={"scheme": "employee", "use": "relative"}))
    assert {name: shown for name, (_, shown) in follow_ups(html).items()} == {
        "relation": True, "cause": False, "third_party_paid": False, "designated": False,
    }
    # A disabled fieldset sends none of its inputs, the "asked" marker included.
    assert '<input type="hidden" name="asked" value="relation">' in html
    assert "(only" not in html


@pytest.mark.parametrize(
    "answers, applies",
    [
        pytest.param({}, set(), id="nothing answered"),
        pytest.param({"scheme": "employee", "use": "cash"}, set(), id="cash"),
        pytest.param({"scheme": "resident", "use": "relative"}, set(), id="resident: no personal account"),
        pytest.param({"scheme": "employee", "use": "relative"}, {"relation"}, id="employee, relative"),
        pytest.param({"scheme": "resident", "use": "treatment"}, {"cause", "designated"}, id="treatment"),
        pytest.param(
            {"use": "treatment", "cause": "third_party"}, {"cause", "designated", "third_party_paid"}, id="third party"
        ),
        # The cause is not asked about cash, so the answer left in it asks nothing either.
        pytest.param({"use": "cash", "cause": "third_party"}, set(), id="a chain stops where its parent does"),
    ],
)
def test_card_use_follow_ups_apply_by_the_answers_they_follow(answers, applies):
    assert applicable(CardUseForm(), answers) == applies


def step_of(form_class, query):
    form = form_class(QueryDict(query))
    form.is_valid()
    return next_step(form, QueryDict(query))


@pytest.mark.parametrize(
    "form_class, query, step",
    [
        pytest.param(RefundForm, "year=2026&other_scheme=employee", ["other_start"], id="date after yes"),
        pytest.param(RefundForm, "year=2026&other_scheme=none", None, id="no date after no"),
        pytest.param(RefundForm, "year=2026&other_scheme=employee&asked=other_start", None, id="asked: an error"),
        pytest.param(RefundForm, "year=abc&other_scheme=employee", None, id="another mistake: shown with it"),
        pytest.param(
            RefundForm, "year=2026&other_scheme=employee&other_start=2025-12-01", None, id="answered by a link"
        ),
        pytest.param(CardUseForm, "scheme=employee&use=treatment", ["cause", "designated"], id="treatment"),
        pytest.param(
            CardUseForm, "scheme=employee&use=treatment&asked=cause&asked=designated&cause=third_party&designated=yes",
            ["third_party_paid"], id="then the third party",
        ),
        pytest.param(CardUseForm, "scheme=resident&use=relative", None, id="resident: no relation"),
        # Optional in the form: the page asks for them only once the rules said they need them.
        pytest.param(RetirementForm, "category=male_60&birth_month=1970-01&years_paid=30&region=350200",
                     ["years_local"], id="local years"),
    ],
)
def test_the_next_step_asks_what_no_page_has_asked(form_class, query, step):
    assert step_of(form_class, query) == step


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("year=2026&other_scheme=none&other_start=2025-02-30", id="an impossible date"),
        pytest.param("other_start=2025-12-01", id="no other enrolment answered"),
    ],
)
def test_a_date_for_an_enrolment_that_does_not_apply_is_ignored_not_an_error(query):
    form = RefundForm(QueryDict(query))
    form.is_valid()
    assert "other_start" not in form.errors
    assert form.cleaned_data["other_start"] is None


RETIREMENT = "category=male_60&birth_month=1970-01&years_paid=30"


@pytest.mark.parametrize(
    "region, kept",
    [
        pytest.param("", False, id="no region"),
        pytest.param("310000", False, id="Shanghai counts no local years"),
        pytest.param("350200", True, id="Xiamen counts them"),
    ],
)
def test_years_paid_locally_count_only_where_the_region_counts_them(region, kept):
    form = RetirementForm(QueryDict(f"{RETIREMENT}&region={region}&years_local=40"))
    # More local years than in total is a mistake only where local years are asked.
    assert form.is_valid() is not kept
    assert ("years_local" in form.errors) is kept
    if not kept:
        assert "years_local" not in form.query()


# Pages without the script: the step flow.

def answer(client, checker, query, prefix=""):
    return client.get(f"{prefix}/checkers/{checker}/answer/?{query}")


@pytest.mark.parametrize(
    "prefix, words",
    [
        ("", {"continue": "Continue", "back": "Back", "date": "When did the other enrolment start?"}),
        ("/zh-hans", {"continue": "继续", "back": "返回", "date": "其他参保是从哪天开始的？"}),
    ],
)
def test_without_the_script_the_date_of_the_other_enrolment_is_the_next_step(client, prefix, words):
    # What the first page sends without the script: the date's fieldset was hidden and disabled.
    page = text(answer(client, "refund", "year=2026&other_scheme=employee&region=", prefix))
    assert "error-summary" not in page and "<title>Error" not in page
    assert words["date"] in page and 'name="other_start_day"' in page
    # The answers so far travel in the step's own form; its earlier questions are not asked again.
    assert hidden_inputs(page) == [("year", "2026"), ("other_scheme", "employee")]
    assert 'type="text" name="year"' not in page and 'type="radio"' not in page
    back = re.search(rf'<a class="back-link" href="([^"]+)">{words["back"]}</a>', page)[1]
    assert urlsplit(back).path == f"{prefix}/checkers/refund/questions/"
    assert dict(parse_qsl(urlsplit(back).query)) == {"year": "2026", "other_scheme": "employee"}
    assert f'>{words["continue"]}</button>' in page
    assert follow_ups(page) == {"other_start": ({"other_scheme": ["employee", "flexible", "resident_elsewhere"]}, True)}

    step = "year=2026&other_scheme=employee&asked=other_start"
    done = answer(client, "refund", f"{step}&other_start_day=31&other_start_month=12&other_start_year=2025", prefix)
    assert 'data-outcome="refund_eligible"' in text(done)


def test_no_follow_up_that_does_not_apply_is_ever_asked(client):
    assert 'data-outcome="no_duplicate"' in text(answer(client, "refund", "year=2026&other_scheme=none&region="))


def test_an_empty_answer_on_the_step_that_asked_it_is_an_error(client):
    query = "year=2026&other_scheme=employee&asked=other_start&other_start_day=&other_start_month=&other_start_year="
    page = text(answer(client, "refund", query))
    assert '<a class="alert-link" href="#id_other_start_0">Enter the date your other enrolment started.</a>' in page
    assert '<p id="id_other_start_error" class="question-error-message">' in page
    assert "<title>Error:" in page


@pytest.mark.parametrize("prefix, continue_word", [("", "Continue"), ("/zh-hans", "继续")])
def test_card_use_without_the_script_asks_each_follow_up_in_its_turn(client, prefix, continue_word):
    first = text(answer(client, "card-use", "scheme=employee&use=treatment", prefix))
    assert hidden_inputs(first) == [("scheme", "employee"), ("use", "treatment")]
    # Asked now: the cause and the hospital; the third party waits, hidden, for the cause that calls for it.
    assert {name: shown for name, (_, shown) in follow_ups(first).items()} == {
        "cause": True, "third_party_paid": False, "designated": True,
    }
    assert "relation" not in first and continue_word in first

    second = text(answer(
        client, "card-use",
        "scheme=employee&use=treatment&asked=cause&asked=designated&cause=third_party&designated=yes", prefix,
    ))
    assert hidden_inputs(second) == [
        ("scheme", "employee"), ("use", "treatment"), ("cause", "third_party"), ("designated", "yes"),
    ]
    assert {name: shown for name, (_, shown) in follow_ups(second).items()} == {"third_party_paid": True}

    done = answer(
        client, "card-use",
        "scheme=employee&use=treatment&cause=third_party&designated=yes&asked=third_party_paid&third_party_paid=no",
        prefix,
    )
    assert 'data-outcome="fund_pays_first"' in text(done)


def test_retirement_asks_the_years_paid_locally_only_where_the_region_counts_them(client):
    shanghai = text(answer(client, "retirement", f"{RETIREMENT}&region=310000"))
    assert 'data-outcome="no_more_premiums"' in shanghai

    xiamen = text(answer(client, "retirement", f"{RETIREMENT}&region=350200"))
    assert "error-summary" not in xiamen
    assert follow_ups(xiamen) == {"years_local": ({"region": ["350200", "440000"]}, True)}
    assert ("region", "350200") in hidden_inputs(xiamen)

    left_empty = text(answer(client, "retirement", f"{RETIREMENT}&region=350200&asked=years_local&years_local="))
    assert '<a class="alert-link" href="#id_years_local">Xiamen 厦门 also asks for at least 10 years' in left_empty


def test_the_questions_page_shows_the_follow_ups_a_change_link_brings_answers_for(client):
    page = text(client.get("/checkers/card-use/questions/?scheme=employee&use=relative&relation=sibling"))
    assert {name: shown for name, (_, shown) in follow_ups(page).items()} == {
        "relation": True, "cause": False, "third_party_paid": False, "designated": False,
    }
    assert re.search(r'value="sibling"[^>]*checked', page)
    assert '<script src="/static/js/checker-follow-ups.js" defer></script>' in page
