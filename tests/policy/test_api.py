import pytest
from django.utils import timezone

from policy.rules.decision import Outcome
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
    assert body["title"] == str(OUTCOME_TITLES[Outcome(outcome)])
    assert body["summary"] and body["reasons"] and body["citations"]
    for citation in body["citations"]:
        assert {"title", "reference", "url"} <= set(citation)


def test_late_payment_reports_the_waiting_period(client):
    body = api(client, "pay-again", "year=2026&paid=no&other_scheme=none&as_of=2026-03-01").json()
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
    assert body["inputs"] == {"year": "2026", "paid": "no", "other_scheme": "none", "as_of": "2026-03-01"}


def test_refund_answers_as_of_today(client):
    body = api(client, "refund", "year=2026&other_scheme=none").json()
    assert body["as_of"] == timezone.localdate().isoformat()


def test_missing_inputs_are_400_with_field_errors(client):
    response = api(client, "pay-again")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"year", "paid", "other_scheme"}


def test_year_without_rules_is_400_on_year(client):
    response = api(client, "refund", "year=2028&other_scheme=none")
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
