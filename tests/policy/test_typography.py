"""Chinese answers are set the Chinese way: no spaces around figures, full-width punctuation."""

import pytest
from django.utils import translation

from policy.typography import chinese_text, typeset


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "缴费期为 2025年9月1日 至 2025年12月20日，", "缴费期为2025年9月1日至2025年12月20日，",
            id="dates in a sentence",
        ),
        pytest.param("退休年龄为 61岁4个月。", "退休年龄为61岁4个月。", id="an age"),
        pytest.param("还差 2.5 年.", "还差2.5年。", id="a decimal stays, the full stop goes full width"),
        pytest.param("陕西(二手摘要): 缴费期; 见上", "陕西（二手摘要）：缴费期；见上", id="brackets, colon, semicolon"),
        pytest.param("第 27 条, 第 88 条", "第27条，第88条", id="comma between Chinese"),
        pytest.param("国办发〔2024〕38号", "国办发〔2024〕38号", id="already Chinese"),
        pytest.param("(P) 法律", "(P) 法律", id="Latin in brackets stays"),
        pytest.param("Article 27, in force (2025).", "Article 27, in force (2025).", id="English unchanged"),
    ],
)
def test_chinese_text(text, expected):
    assert chinese_text(text) == expected


def test_typeset_changes_chinese_answers_only_and_keeps_codes_and_addresses():
    answer = {
        "summary": "可以 : 缴费 2026 年", "reasons": [{"code": "a,b", "text": "于 2026年1月1日 起"}], "url": "x, 年",
    }
    with translation.override("en"):
        assert typeset(answer) == answer
    with translation.override("zh-hans"):
        assert typeset(answer) == {
            "summary": "可以：缴费2026年", "reasons": [{"code": "a,b", "text": "于2026年1月1日起"}], "url": "x, 年",
        }
