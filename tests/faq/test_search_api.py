"""GET /api/v1/search/: the search as JSON for the recruitment app, the chat and the search box."""

import pytest

from faq.models import SynonymGroup
from tests.factories import make_article

pytestmark = pytest.mark.django_db
URL = "/api/v1/search/"


@pytest.fixture
def articles():
    english = make_article(title="Refund after enrolling twice", body="Ask for a **refund** of what you paid.")
    chinese = make_article(title="重复参保可以退费吗", body="可以申请退费。", language="zh-hans")
    return english, chinese


def test_results_with_checkers_first_then_articles_then_the_other_language(client, articles):
    english, chinese = articles

    response = client.get(URL, {"q": "refund", "language": "en"})

    assert response.status_code == 200
    data = response.json()
    assert {key: data[key] for key in ("query", "corrected_query", "total")} == {
        "query": "refund", "corrected_query": None, "total": 1,
    }
    assert data["results"] == [
        {"kind": "checker", "title": "Can I get my contribution refunded?",
         "url": "http://testserver/checkers/refund/", "snippet": "", "language": "en"},
        {"kind": "article", "title": "Refund after enrolling twice",
         "url": f"http://testserver{english.get_absolute_url()}", "snippet": "Ask for a refund of what you paid.",
         "language": "en"},
    ]
    chinese_results = client.get(URL, {"q": "退费", "language": "en"}).json()["results"]
    assert [(item["kind"], item["title"], item["language"]) for item in chinese_results] == [
        ("checker", "Can I get my contribution refunded?", "en"),
        ("article", "重复参保可以退费吗", "zh-hans"),
    ]


def test_language_from_accept_language_when_not_given(client, articles):
    response = client.get(URL, {"q": "退费"}, headers={"accept-language": "zh-CN,zh;q=0.9"})

    data = response.json()
    assert data["total"] == 1
    assert [(item["kind"], item["url"], item["language"]) for item in data["results"]] == [
        ("checker", "http://testserver/zh-hans/checkers/refund/", "zh-hans"),
        ("article", f"http://testserver{articles[1].get_absolute_url()}", "zh-hans"),
    ]
    assert response.headers["Content-Language"] == "zh-hans"
    assert "Accept-Language" in response.headers["Vary"]


def test_a_typo_is_corrected(client, articles):
    data = client.get(URL, {"q": "refnud", "language": "en"}).json()

    assert (data["query"], data["corrected_query"], data["total"]) == ("refnud", "refund", 1)


def test_partial_matches_the_last_word_as_it_is_being_typed(client, articles):
    assert client.get(URL, {"q": "refu", "language": "en"}).json()["total"] == 0
    data = client.get(URL, {"q": "refu", "language": "en", "partial": "1"}).json()

    assert [item["title"] for item in data["results"] if item["kind"] == "article"] == ["Refund after enrolling twice"]


def test_synonyms_apply(client, articles):
    SynonymGroup.objects.create(language="en", terms="refund, reimbursement")

    assert client.get(URL, {"q": "reimbursement"}).json()["total"] == 1


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({}, {"q": ["Type what to search for."]}),
        ({"q": "   "}, {"q": ["Type what to search for."]}),
        ({"q": "取"}, {"q": ["Type a whole word, or at least two Chinese characters."]}),
        ({"q": "x" * 201}, {"q": ["Type at most 200 characters."]}),
        ({"q": "refund", "language": "fr"}, {"language": ["Choose one of the languages: en or zh-hans."]}),
        ({"q": "refund", "page": "0"}, {"page": ["The page is a whole number from 1."]}),
        ({"q": "refund", "page": "abc"}, {"page": ["The page is a whole number from 1."]}),
        ({"q": "refund", "page": "99999"}, {"page": ["The page is at most 1000."]}),
        ({"q": "refund", "partial": "yes"},
         {"partial": ["Give partial as 1 (the last word is still being typed) or 0."]}),
    ],
)
def test_bad_input_is_400_with_field_errors(client, params, errors):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_errors_in_chinese_for_a_chinese_client(client):
    response = client.get(URL, {"language": "zh-hans"})

    assert response.status_code == 400
    assert response.json() == {"errors": {"q": ["请输入要搜索的内容。"]}}


def test_only_get(client):
    assert client.post(URL, {"q": "refund"}).status_code == 405


def test_pages(client):
    for number in range(12):
        make_article(title=f"Pension {number:02d}")

    second = client.get(URL, {"q": "pension", "page": "2"}).json()

    assert second["total"] == 12
    assert [item["title"] for item in second["results"] if item["kind"] == "article"] == ["Pension 10", "Pension 11"]
