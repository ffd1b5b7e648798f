"""The OpenAPI document: valid OpenAPI 3.1, and saying exactly what the live answers of every checker hold."""

import jsonschema
import pytest
from openapi_spec_validator import validate

from policy.checkers import CHECKERS
from policy.wording import checker_outcomes, checker_reasons
from tests.policy.cases import OUTCOME_CASES

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operation(document, path):
    return document["paths"][path]["get"]


def _schema(document, path, status):
    """The response schema of `status`, its references resolved against the document."""
    responses = _operation(document, path)["responses"]
    content = responses[status]["content"]["application/json"]["schema"]
    return {**content, "components": document["components"]}


def _strict(schema):
    """The schema with no property left undeclared, at any depth: a field the document does not name fails."""
    if isinstance(schema, dict):
        strict = {key: _strict(value) for key, value in schema.items()}
        if strict.get("type") == "object" and "properties" in strict:
            strict.setdefault("additionalProperties", False)
        return strict
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_checker_and_the_search_are_operations(document):
    assert set(document["paths"]) == {
        *(f"/api/v1/checkers/{slug}/" for slug in CHECKERS), "/api/v1/search/",
    }


@pytest.mark.parametrize("checker, query, outcome", OUTCOME_CASES)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_live_answer_is_what_the_document_says(client, document, checker, query, outcome, language):
    path = f"/api/v1/checkers/{checker}/"
    response = client.get(f"{path}?{query}", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    jsonschema.validate(response.json(), _strict(_schema(document, path, "200")))


@pytest.mark.parametrize("checker", CHECKERS)
def test_the_document_lists_each_checkers_outcomes_reasons_fields_and_figures(document, checker):
    path = f"/api/v1/checkers/{checker}/"
    operation = _operation(document, path)
    answer = _schema(document, path, "200")["properties"]
    form_class = CHECKERS[checker].form_class

    assert answer["outcome"]["enum"] == [outcome.value for outcome in checker_outcomes(checker)]
    assert answer["reasons"]["items"]["properties"]["code"]["enum"] == [str(code) for code in checker_reasons(checker)]
    assert {item["name"] for item in operation["parameters"] if "name" in item} == set(form_class.base_fields)
    assert set(CHECKERS[checker].figures) <= set(answer)


def test_choices_and_follow_ups_come_from_the_form(document):
    parameters = {item["name"]: item for item in _operation(document, "/api/v1/checkers/card-use/")["parameters"]
                  if "name" in item}

    assert parameters["scheme"]["schema"] == {"type": "string", "enum": ["employee", "flexible", "resident"]}
    assert parameters["relation"]["schema"]["anyOf"][0]["enum"] == [
        "spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other",
    ]
    assert parameters["scheme"]["required"] is True
    assert parameters["relation"]["required"] is False
    assert parameters["relation"]["x-follow-up"] == {"when": {"scheme": ["employee", "flexible"], "use": ["relative"]}}


@pytest.mark.parametrize("checker, query", [
    ("pay-again", ""), ("refund", "year=soon"), ("between-jobs", "last_day=2026-11-20&why=employer_ended"),
    ("retirement", "category=male_60&birth_month=1970-01&years_paid=20&region=350200"),
])
def test_bad_answers_are_the_documented_400(client, document, checker, query):
    path = f"/api/v1/checkers/{checker}/"
    response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    jsonschema.validate(response.json(), _schema(document, path, "400"))


@pytest.mark.parametrize("query, status", [("q=refund&language=en", "200"), ("q=", "400"), ("q=x&page=0", "400")])
def test_search_answers_are_what_the_document_says(client, document, query, status):
    response = client.get(f"/api/v1/search/?{query}")

    assert str(response.status_code) == status
    jsonschema.validate(response.json(), _strict(_schema(document, "/api/v1/search/", status)))


def test_errors_are_the_documented_shape(client, document):
    response = client.get("/api/v1/checkers/refund/", HTTP_X_PADDING="x" * 9000)

    assert response.status_code == 431
    jsonschema.validate(response.json(), _schema(document, "/api/v1/checkers/refund/", "default"))


def test_the_servers_address_is_the_sites_own(document):
    assert document["servers"] == [{"url": "http://testserver"}]


def test_every_documented_outcome_is_among_the_live_answers_compared(document):
    documented = {
        (path.split("/")[-2], outcome)
        for path, item in document["paths"].items() if path.startswith("/api/v1/checkers/")
        for outcome in item["get"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
        ["outcome"]["enum"]
    }

    assert documented == {(case.values[0], case.values[2]) for case in OUTCOME_CASES}
