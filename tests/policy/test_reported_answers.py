"""Answers once given wrongly, by the addresses readers opened: each now holds.

Asked on 2026-12-07 unless the address says otherwise (as_of pins the day the reader asked).
"""

import re
from datetime import date

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.django_db

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def api(client, checker, query, **headers):
    return client.get(f"/api/v1/checkers/{checker}/?{query}", **headers)


def test_a_year_without_cover_before_asks_and_brings_the_waiting_period(client):
    """RES-2, RES-3: /checkers/pay-again/answer/?year=2027&paid=no&other_scheme=none, with no cover in 2026."""
    query = "year=2027&paid=no&other_scheme=none&as_of=2026-12-07"
    asked = api(client, "pay-again", query)
    assert asked.status_code == 400
    assert list(asked.json()["errors"]) == ["last_year_covered"]
    assert "2026" in asked.json()["errors"]["last_year_covered"][0]

    body = api(client, "pay-again", query + "&last_year_covered=no").json()
    assert body["outcome"] == "can_pay_after_break"
    assert (body["waiting_period_months"], body["benefits_from"]) == (3, "2027-04-01")
    assert "covered from" not in " ".join(body["next_steps"])
    assert any("newborns" in reason["text"].lower() for reason in body["reasons"])

    longer = api(client, "pay-again", query + "&last_year_covered=no&years_without_cover=3").json()
    assert (longer["waiting_period_months"], longer["benefits_from"]) == (5, "2027-06-01")


def test_the_page_asks_whether_the_year_before_was_covered(client):
    page = client.get("/checkers/pay-again/answer/?year=2027&paid=no&other_scheme=none&as_of=2026-12-07")
    assert page.status_code == 200
    assert 'name="last_year_covered"' in page.content.decode()


@pytest.mark.parametrize("headers", [{}, CHINESE], ids=["English", "Chinese"])
def test_a_payment_that_buys_nothing_before_the_job_starts_is_not_advised(client, headers):
    """DUP-2: /checkers/pay-again/answer/?year=2026&paid=no&other_scheme=employee&other_start=2026-12-15."""
    query = "year=2026&paid=no&other_scheme=employee&other_start=2026-12-15&as_of=2026-12-07"
    body = api(client, "pay-again", query, **headers).json()
    assert body["outcome"] == "gap_not_filled"
    assert body["benefits_from"] == "2027-03-07"
    if headers:
        assert body["summary"].startswith("不要缴")
        assert "可以填补" not in body["summary"]
    else:
        assert body["summary"].startswith("No:") and "can fill the gap" not in body["summary"]
        assert not any("pay resident insurance for 2026 and keep" in step for step in body["next_steps"])
        assert body["next_steps"][0].startswith("Do not pay")


def test_a_closed_payment_period_for_next_year_is_not_offered(client):
    """RES-1: Shaanxi collects until Dec 20; on Dec 21, 2026 it says so and offers paying late."""
    body = api(client, "pay-again", "year=2026&paid=no&other_scheme=none&region=610000&as_of=2026-12-21").json()
    assert body["outcome"] == "pay_next_year_instead"
    steps = " ".join(body["next_steps"])
    assert "between Sept. 1, 2026 and Dec. 20, 2026" not in steps
    assert "ended on Dec. 20, 2026, but you can still pay for it late" in steps
    assert body["next_year_benefits_from"] == "2027-04-01"
    assert "April 1, 2027" in steps


@pytest.mark.parametrize("as_of", ["2027-10-01", "2027-12-31"])
def test_the_years_ahead_answer_from_the_latest_reviewed_rules(client, as_of):
    """RES-1: asking about 2027 from 1 October 2027 looks at 2028, which has no reviewed rules yet."""
    response = api(client, "pay-again", f"year=2027&paid=no&other_scheme=none&as_of={as_of}")
    assert response.status_code == 200
    body = response.json()
    assert (body["outcome"], body["next_year"]) == ("pay_next_year_instead", 2028)
    confirm = next(reason for reason in body["reasons"] if reason["code"] == "rules_not_yet_confirmed")
    assert "2028" in confirm["text"] and "2027" in confirm["text"]
    assert body["local_check"]


def test_a_job_still_to_come_is_not_written_as_begun(client):
    body = api(client, "refund", "year=2026&other_scheme=employee&other_start=2026-12-20&as_of=2026-12-07").json()
    texts = " ".join(reason["text"] for reason in body["reasons"])
    assert "since Dec. 20, 2026" not in texts and "started on Dec. 20, 2026" not in texts
    assert "will also be enrolled in employee medical insurance from Dec. 20, 2026" in texts


def test_a_retirement_month_already_past_is_in_the_past_and_one_year_is_singular(client):
    query = "category=male_60&birth_month=1966-03&years_paid=25&years_local=25&region=350200&as_of=2026-12-07"
    body = api(client, "retirement", query).json()
    assert body["retirement_month"] == "2026-07"
    assert "you retired in July 2026" in body["summary"]
    assert "retire in" not in body["summary"].replace("retired in", "")
    short = api(client, "retirement", query.replace("years_paid=25&years_local=25", "years_paid=24&years_local=24"))
    assert "1 year short" in short.json()["summary"] and "1 years" not in short.json()["summary"]


@pytest.mark.parametrize("checker, query", [
    pytest.param("pay-again", "year=2026&paid=no&other_scheme=flexible&other_start=2025-06-01", id="pay-again"),
    pytest.param("refund", "year=2026&other_scheme=flexible&other_start=2025-12-01", id="refund"),
    pytest.param("card-use", "scheme=flexible&use=relative&relation=parent", id="card-use"),
])
def test_flexible_workers_have_an_option_and_are_told_what_changes(client, checker, query):
    body = api(client, checker, query).json()
    assert body["outcome"] not in ("can_pay", "no_duplicate")
    assert any(reason["clause"] == "UNE-7" for reason in body["reasons"])
    assert "flexible" in client.get(f"/checkers/{checker}/questions/").content.decode()


def test_the_checkers_list_names_each_checker_as_its_page_does(client):
    listing = client.get("/checkers/").content.decode()
    start = client.get("/checkers/card-use/").content.decode()
    assert "employee medical insurance card" not in listing
    intro = "Find out whether your medical insurance card may pay for a treatment"
    assert intro in listing and intro in start


def test_a_shared_answer_stays_the_answer_that_was_shared(client):
    """The share address carries the day the answer was worked out for; opened later, it shows that answer."""
    page = client.get("/checkers/pay-again/answer/?year=2027&paid=no&other_scheme=none&last_year_covered=no")
    html = page.content.decode()
    today = page.context["decision"].as_of.isoformat()
    shared = re.search(r'class="share-address"><a href="([^"]+)"', html)[1].replace("&amp;", "&")
    assert shared.endswith(f"&as_of={today}")

    later = client.get("/checkers/pay-again/answer/?year=2027&paid=no&other_scheme=none&last_year_covered=no"
                       "&as_of=2026-12-07").content.decode()
    assert "This answer was worked out for Dec. 7, 2026, the day in the link you followed." in later
    today_link = re.search(r'class="today-link" href="([^"]+)"', later)[1].replace("&amp;", "&")
    assert today_link == "/checkers/pay-again/answer/?year=2027&paid=no&other_scheme=none&last_year_covered=no"


@pytest.mark.parametrize("prefix, title", [
    pytest.param("", "Last day to pay resident medical insurance for 2027", id="English"),
    pytest.param("/zh-hans", "2027年度城乡居民医保缴费的最后一天", id="Chinese"),
])
def test_a_deadline_in_an_answer_can_be_added_to_a_calendar(client, prefix, title):
    query = "year=2027&paid=no&other_scheme=none&last_year_covered=no&as_of=2026-12-07"
    page = client.get(f"{prefix}/checkers/pay-again/answer/?{query}").content.decode()
    link = re.search(r'class="btn btn-outline-primary add-to-calendar" href="([^"]+)"', page)[1].replace("&amp;", "&")
    response = client.get(link)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert events[title].decoded("dtstart") == date(2026, 12, 31)
    starts = [event.decoded("dtstart") for event in events.values()]
    assert starts == [date(2026, 12, 31), date(2027, 4, 1)]
    for event in events.values():
        assert str(event["url"]).endswith(f"{prefix}/checkers/pay-again/answer/?{query}")
        assert str(event["url"]) in str(event["description"])


def test_an_answer_without_a_day_to_act_has_no_calendar(client):
    page = client.get("/checkers/card-use/answer/?scheme=employee&use=cash").content.decode()
    assert "add-to-calendar" not in page
    assert client.get("/checkers/card-use/answer/calendar.ics?scheme=employee&use=cash").status_code == 404
