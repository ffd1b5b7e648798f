import pytest
from django.utils import timezone

from policy.checkers import get_checker
from policy.wording import OUTCOME_TITLES

from .cases import OUTCOME_CASES

pytestmark = pytest.mark.django_db


def api(client, checker, query=""):
    return client.get(f"/api/v1/checkers/{checker}/?{query}")


@pytest.mark.parametrize("checker, query, outcome", OUTCOME_CASES)
def test_every_outcome_through_the_api(client, checker, query, outcome):
    response = api(client, checker, query)
    assert response.status_code == 200
    body = response.json()
    assert (body["checker"], body["outcome"]) == (checker, outcome)
    assert body["title"] == str(OUTCOME_TITLES[get_checker(checker).outcomes(outcome)])
    assert body["summary"] and body["reasons"] and body["citations"]
    for citation in body["citations"]:
        assert {"title", "reference", "url"} <= set(citation)


def test_late_payment_reports_the_waiting_period(client):
    body = api(client, "pay-again", "year=2026&paid=no&other_scheme=none&last_year_covered=yes&as_of=2026-03-01").json()
    assert body["as_of"] == "2026-03-01"
    assert body["waiting_period_months"] == 3
    assert body["waiting_months_per_uncovered_year"] == 1
    assert body["collection_end"] == "2025-12-31"
    assert body["summary"] == (
        "Yes, but late: if you pay for 2026 now, you wait at least 3 months before the insurance pays."
    )
    assert [reason["clause"] for reason in body["reasons"]] == ["RES-1", "DUP-1", "RES-1", "RES-2", "RES-3"]
    opinion = next(citation for citation in body["citations"] if citation["reference"] == "国办发〔2024〕38号")
    assert opinion["clauses"] == ["RES-2", "RES-3"]
    assert opinion["url"] == "https://www.gov.cn/zhengce/content/202408/content_6965741.htm"
    assert body["local_check"]
    assert body["inputs"] == {
        "year": "2026", "paid": "no", "other_scheme": "none", "last_year_covered": "yes", "as_of": "2026-03-01",
    }


def test_refund_answers_as_of_today(client):
    body = api(client, "refund", "year=2026&other_scheme=none").json()
    assert body["as_of"] == timezone.localdate().isoformat()


def test_missing_inputs_are_400_with_field_errors(client):
    response = api(client, "pay-again")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"year", "paid", "other_scheme"}


def test_year_without_rules_is_400_on_year(client):
    # Asked in 2026: from 2027 on, 2028 is the year ahead, answered from the latest reviewed rules.
    response = api(client, "refund", "year=2028&other_scheme=none&as_of=2026-12-07")
    assert response.status_code == 400
    message = "We have no checked rules for coverage year 2028 yet. Ask your local medical insurance office."
    assert response.json() == {"errors": {"year": [message]}}


def test_unknown_region_is_400_on_region(client):
    response = api(client, "refund", "year=2026&other_scheme=none&region=000000")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["region"]


def test_unknown_checker_is_a_json_404(client):
    response = api(client, "nope", "year=2026")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "checker" in response.json()["errors"]


def test_api_only_answers_get(client):
    assert client.post("/api/v1/checkers/refund/", {"year": "2026"}).status_code == 405


def test_late_payment_before_2025_names_no_national_waiting_period(client):
    body = api(client, "pay-again", "year=2024&paid=no&other_scheme=none&as_of=2024-03-01").json()
    assert body["outcome"] == "can_pay_with_waiting_period"
    assert "waiting_period_months" not in body
    assert body["summary"] == (
        "Yes, but late: if you pay for 2024 now, a waiting period set by your local office may apply."
    )
    assert body["reasons"][-1]["text"] == (
        "No national waiting period applied to coverage year 2024: any waiting period was set by the local office."
    )


def test_retirement_reports_the_month_the_age_and_the_shortfall(client):
    query = "category=male_60&birth_month=1965-01&years_paid=22.5&years_local=12&region=350200"
    body = api(client, "retirement", query).json()
    assert body["outcome"] == "pay_up_to_required_years"
    assert body["retirement_month"] == "2025-02"
    assert body["retirement_age"] == {"years": 60, "months": 1}
    # Years are exact decimals, sent as strings.
    assert (body["required_years"], body["shortfall_years"], body["min_local_years"]) == ("25", "2.5", "10")
    assert body["retirement"] == "Your statutory retirement: February 2025, at 60 years and 1 month."
    assert [reason["clause"] for reason in body["reasons"]] == ["RET-1", "EMP-1", "EMP-2", "EMP-1", "EMP-2", "RET-2"]
    xiamen = body["citations"][-1]
    assert (xiamen["title"], xiamen["confidence"]) == (
        "Xiamen: years of employee medical insurance required at retirement (weak source)", "L",
    )
    assert body["local_check"]


def test_retirement_without_a_region_cites_article_27_and_sends_the_reader_to_the_office(client):
    body = api(client, "retirement", "category=female_55&birth_month=1981-09&years_paid=40").json()
    assert body["outcome"] == "check_locally"
    assert body["retirement_month"] == "2039-09"
    assert body["retirement_age"] == {"years": 58, "months": 0}
    assert "shortfall_years" not in body
    article_27 = next(citation for citation in body["citations"] if citation["reference"] == "Article 27")
    assert article_27["title"] == "Social Insurance Law of the PRC" and article_27["confidence"] == "P"
    assert "ask your local medical insurance office" in body["summary"]
    assert body["local_check"]


def test_guangdong_before_2030_has_no_row_and_says_so(client):
    body = api(client, "retirement", "category=male_60&birth_month=1966-01&years_paid=35&years_local=35&region=440000")
    assert body.json()["outcome"] == "check_locally"
    assert body.json()["reasons"][2]["text"] == (
        "We have no checked figure for the years Guangdong 广东 requires of someone retiring in May 2026."
    )


def test_guangdong_from_2030_counts_local_years(client):
    query = "category=female_55&birth_month=1976-01&years_paid=26&region=440000"
    response = api(client, "retirement", query)
    assert response.status_code == 400
    assert response.json() == {"errors": {"years_local": [
        "Guangdong 广东 also asks for at least 10 years paid there. Enter how many of your years were paid in "
        "Guangdong 广东."
    ]}}
    body = api(client, "retirement", query + "&years_local=10").json()
    assert (body["outcome"], body["required_years"]) == ("no_more_premiums", "25")


def test_retirement_bad_input_is_400_with_field_errors(client):
    response = api(client, "retirement", "category=male_60&birth_month=1990-13&years_paid=NaN")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"birth_month", "years_paid"}


def test_cashing_out_reports_the_penalties(client):
    body = api(client, "card-use", "scheme=employee&use=cash").json()
    assert body["outcome"] == "prohibited"
    assert body["suspension_months"] == {"min": 3, "max": 12}
    assert body["fine_times"] == {"min": 2, "max": 5}
    assert [citation["reference"] for citation in body["citations"]] == ["Article 19", "Article 41", "Article 88"]
    assert body["local_check"] == ""


def test_relatives_rest_on_secondary_sources_and_say_so(client):
    body = api(client, "card-use", "scheme=employee&use=relative&relation=sibling&as_of=2025-01-01").json()
    assert body["outcome"] == "allowed"
    assert body["as_of"] == "2025-01-01"
    assert body["local_check"]
    assert "国办发〔2021〕14号, April 2021; we have not read the text itself" in [
        citation["reference"] for citation in body["citations"]
    ]


def test_card_use_ignores_follow_ups_that_do_not_apply(client):
    body = api(client, "card-use", "scheme=employee&use=cash&relation=nonsense&cause=work_injury").json()
    assert body["outcome"] == "prohibited"
    assert body["inputs"] == {"scheme": "employee", "use": "cash"}


def test_card_use_missing_follow_up_is_400(client):
    response = api(client, "card-use", "scheme=employee&use=treatment&cause=third_party")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"third_party_paid", "designated"}


@pytest.mark.parametrize(
    ("accept_language", "language", "message"),
    [
        pytest.param("", "en", "Enter the coverage year as a number, for example 2027.", id="default English"),
        pytest.param("zh-CN,zh;q=0.9", "zh-hans", "请用数字输入参保年度，例如 2027。", id="Chinese app"),
    ],
)
def test_api_answers_in_the_language_the_client_asks_for(client, accept_language, language, message):
    response = client.get("/api/v1/checkers/refund/?year=abc&other_scheme=none", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 400
    assert response.headers["Content-Language"] == language
    assert response.json() == {"errors": {"year": [message]}}


def test_late_payment_says_from_when_benefits_start(client):
    body = api(client, "pay-again", "year=2026&paid=no&other_scheme=none&last_year_covered=yes&as_of=2026-09-30").json()
    assert body["outcome"] == "can_pay_with_waiting_period"
    assert body["benefits_from"] == "2026-12-30"
    assert body["benefits_line"] == "Benefits from Dec. 30, 2026, if you pay today."


def test_paying_for_a_year_that_would_buy_nothing_points_to_the_next_year(client):
    body = api(client, "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2026-10-01").json()
    assert body["outcome"] == "pay_next_year_instead"
    assert (body["waiting_period_months"], body["benefits_from"]) == (3, "2027-01-01")
    assert (body["next_year"], body["next_year_pay_until"]) == (2027, "2026-12-31")
    assert "would buy no benefits at all. Pay for 2027 instead." in body["summary"]
    assert body["reasons"][-2]["text"] == (
        "Coverage year 2027 can be paid now, until Dec. 31, 2026; its cover runs from Jan. 1, 2027."
    )
    # RES-2: 2026 goes without cover, so paying for 2027 follows a break.
    next_year = client.get(body["next_year_answer"]).json()
    assert (next_year["outcome"], next_year["inputs"]["year"], next_year["as_of"]) == (
        "can_pay_after_break", "2027", "2026-10-01",
    )
    assert next_year["benefits_from"] == body["next_year_benefits_from"] == "2027-04-01"


def test_a_job_starting_before_resident_benefits_would_leaves_a_gap_paying_cannot_fill(client):
    body = api(
        client, "pay-again", "year=2026&paid=no&other_scheme=employee&other_start=2026-12-01&as_of=2026-09-15"
    ).json()
    assert body["outcome"] == "gap_not_filled"
    assert (body["other_start"], body["benefits_from"]) == ("2026-12-01", "2026-12-15")
    texts = [reason["text"] for reason in body["reasons"]]
    assert "Your employee medical insurance starts on Dec. 1, 2026, after the cover for that year began: until " \
        "then, you have no medical insurance." in texts
    assert any("not before your other insurance starts on Dec. 1, 2026" in text for text in texts)
    assert any("in principle not refunded" in text for text in texts)


def test_another_enrolment_from_before_the_year_covers_that_year(client):
    body = api(client, "refund", "year=2026&other_scheme=employee&other_start=2025-12-01").json()
    text = body["reasons"][1]["text"]
    assert text == "You are also enrolled in employee medical insurance since Dec. 1, 2025, which covers that year."


def test_card_use_asks_the_scheme_first(client):
    response = api(client, "card-use", "use=relative&relation=spouse")
    assert response.status_code == 400
    assert response.json()["errors"] == {"scheme": ["Say which medical insurance you have."]}
    response = api(client, "card-use", "scheme=private&use=cash")
    assert response.json()["errors"] == {"scheme": ["Choose one of the answers listed."]}


def test_resident_insurance_has_no_personal_account_but_a_relative_may_pay_the_premium(client):
    body = api(client, "card-use", "scheme=resident&use=relative&as_of=2025-03-01").json()
    assert body["outcome"] == "no_personal_account"
    assert "may pay your resident premium from their personal account" in body["reasons"][1]["text"]


def test_near_relatives_in_2024_depend_on_the_province(client):
    body = api(client, "card-use", "scheme=employee&use=relative&relation=grandchild&as_of=2024-12-08").json()
    assert body["outcome"] == "depends_on_province"
    assert "by Dec. 9, 2024: on Dec. 8, 2024 it depends on your province" in body["reasons"][0]["text"]


@pytest.mark.parametrize(
    "query, outcome",
    [
        pytest.param("third_party_paid=yes&designated=yes", "not_covered", id="PAY-2 paid"),
        pytest.param("third_party_paid=no&designated=yes", "fund_pays_first", id="PAY-2 does not pay"),
        pytest.param("third_party_paid=unknown&designated=no", "not_covered", id="PAY-1 PAY-2 not designated"),
    ],
)
def test_third_party_outcomes_cite_article_30_and_say_who_pays(client, query, outcome):
    body = api(client, "card-use", f"scheme=resident&use=treatment&cause=third_party&{query}").json()
    assert body["outcome"] == outcome
    assert body["reasons"][0]["text"].startswith("Article 30 of the Social Insurance Law: medical costs that someone")
    assert any(citation["reference"] == "Article 30" for citation in body["citations"])


def test_a_region_without_figures_for_the_month_says_what_it_knows(client):
    body = api(client, "retirement", "category=male_60&birth_month=1965-01&years_paid=20&region=440000").json()
    assert body["outcome"] == "check_locally"
    texts = [reason["text"] for reason in body["reasons"]]
    known = texts.index(
        "What we do know: for retirements from Jan. 1, 2030, Guangdong 广东 requires 30 years of men and 25 years "
        "of women."
    )
    assert texts[known + 1] == "Of those, at least 10 years must have been actually paid in Guangdong 广东."
    assert texts[known - 1].startswith("We have no checked figure for the years Guangdong 广东 requires")
    assert body["known_required_years"] == [{
        "first_day": "2030-01-01", "last_day": None, "men_years": "30", "women_years": "25", "min_local_years": "10",
    }]


@pytest.mark.parametrize(
    "answers, field",
    [
        pytest.param("last_year_covered=maybe", "last_year_covered", id="RES-2 not yes or no"),
        pytest.param("last_year_covered=no&years_without_cover=0", "years_without_cover", id="RES-3 zero years"),
        pytest.param("last_year_covered=no&years_without_cover=10", "years_without_cover", id="RES-3 ten years"),
        pytest.param("last_year_covered=no&years_without_cover=two", "years_without_cover", id="RES-3 not a number"),
    ],
)
def test_the_continuity_questions_are_400_on_their_own_names(client, answers, field):
    response = api(client, "pay-again", f"year=2027&paid=no&other_scheme=none&as_of=2026-12-07&{answers}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
