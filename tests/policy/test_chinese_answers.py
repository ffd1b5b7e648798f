"""Chinese answers are Chinese throughout: region names, source titles, ages, dates and punctuation."""

import re

import pytest

from .cases import OUTCOME_CASES

pytestmark = pytest.mark.django_db

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
SHAANXI = "year=2026&paid=no&other_scheme=none&last_year_covered=yes&as_of=2026-01-01&region=610000"
REGIONAL_CASES = [
    pytest.param("pay-again", SHAANXI, id="Shaanxi"),
    pytest.param(
        "retirement", "category=male_60&birth_month=1970-01&years_paid=30&years_local=8&region=350200", id="Xiamen"
    ),
    pytest.param("retirement", "category=male_60&birth_month=1970-01&years_paid=15&region=310000", id="Shanghai"),
    pytest.param(
        "retirement", "category=male_60&birth_month=1975-01&years_paid=30&years_local=10&region=440000",
        id="Guangdong",
    ),
]
CASES = [pytest.param(*case.values[:2], id=case.id) for case in OUTCOME_CASES] + REGIONAL_CASES
CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


def prose(body):
    """Every sentence and name the reader sees in an answer."""
    yield body["title"]
    yield body["summary"]
    yield body.get("retirement", "")
    yield body["local_check"]
    yield from body["local_check_sources"]
    yield from (reason["text"] for reason in body["reasons"])
    yield from body["next_steps"]
    for citation in body["citations"]:
        yield from (citation["title"], citation["reference"], citation["confidence_label"])


@pytest.mark.parametrize("checker, query", CASES)
def test_chinese_api_answers_have_no_english_and_chinese_punctuation(client, checker, query):
    body = client.get(f"/api/v1/checkers/{checker}/?{query}", **CHINESE).json()
    for text in prose(body):
        assert not re.search("[A-Za-z]", text), text
        assert not re.search(f"[{CJK}] *[,:;?!.]|[,:;?!] *[{CJK}]", text), text
        assert not re.search(f"[{CJK}] +[0-9]|[0-9] +[{CJK}]", text), text


def test_chinese_answers_name_the_region_the_source_the_age_and_the_dates_in_chinese(client):
    body = client.get(
        "/api/v1/checkers/retirement/?category=male_60&birth_month=1970-01&years_paid=30&years_local=8&region=350200",
        **CHINESE,
    ).json()
    assert body["retirement"] == "您的法定退休时间：2031年5月，退休年龄61岁4个月。"
    assert body["summary"].startswith("要缴一段时间：您距厦门的规定还差2年")
    assert "厦门市：退休时职工医保须缴费年限（来源较弱）" in [citation["title"] for citation in body["citations"]]

    body = client.get(
        f"/api/v1/checkers/pay-again/?{SHAANXI}", **CHINESE
    ).json()
    assert body["reasons"][0]["text"] == (
        "在陕西，2026参保年度的缴费期为2025年9月1日至2025年12月20日，保障期为2026年1月1日至2026年12月31日。"
    )
    assert body["citations"][0]["title"] == "陕西省城乡居民医疗保险缴费期（二手摘要）"


def test_chinese_pages_list_and_name_regions_in_chinese(client):
    questions = client.get("/zh-hans/checkers/retirement/questions/").content.decode()
    assert all(f">{name}</label>" in questions or f">{name}</option>" in questions for name in ("广东", "上海", "厦门"))
    answer = client.get("/zh-hans/checkers/pay-again/answer/?year=2026&paid=no&other_scheme=none&region=610000")
    assert "陕西" in answer.content.decode() and "Shaanxi" not in answer.content.decode()


def test_english_answers_keep_the_english_names(client):
    body = client.get("/api/v1/checkers/pay-again/?year=2026&paid=no&other_scheme=none&region=610000").json()
    assert body["reasons"][0]["text"].startswith("In Shaanxi 陕西, payment for coverage year 2026 is open from")
    assert body["citations"][0]["title"] == "Shaanxi resident medical insurance payment period (secondary summary)"


def test_chinese_page_lists_the_sources_to_check_with_chinese_punctuation(client):
    page = client.get(
        "/zh-hans/checkers/retirement/answer/?category=male_60&birth_month=1970-01&years_paid=30&years_local=8"
        "&region=350200"
    ).content.decode()
    sources = [
        "全国人大常委会关于实施渐进式延迟法定退休年龄的决定，以及国务院相关办法",
        "厦门市：退休时职工医保须缴费年限（来源较弱）",
    ]
    assert f"依据：{'；'.join(sources)}。" in page
    assert "61岁4个月" in page and "2031年5月" in page
