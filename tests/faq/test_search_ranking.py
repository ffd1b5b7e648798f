"""Ranking quality on the demo content: for each (language, query), the answer a reader wants comes first."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from faq.search import article_search

SEED = "Can I pay the medical insurance again?"
SEED_ZH = "医保可以重复缴纳吗？"
REFUND = "Can I get a refund if I am enrolled in medical insurance twice?"
REFUND_ZH = "重复参保可以退费吗？"
FAMILY = "Can my family use my medical insurance personal account?"
RETIREMENT = "Do I have to keep paying medical insurance after I retire?"
CASH = "What happens if I cash out my medical insurance card?"
FAMILY_ZH = "医保个人账户的钱家人能用吗？"
RETIREMENT_ZH = "退休后还要继续交医保吗？"
CASH_ZH = "违规使用医保卡会有什么后果？"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the whole table and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("language", "query", "first"),
    [
        ("en", "pay again", SEED),
        ("zh-hans", "重复缴纳", SEED_ZH),
        ("zh-hans", "退费", REFUND_ZH),
        ("en", "refund twice", REFUND),
        ("en", "refund", REFUND),
        ("en", "refunds", REFUND),
        # Synonyms from the demo's groups.
        ("en", "money back", REFUND),
        ("zh-hans", "退款", REFUND_ZH),
        ("zh-hans", "提现", SEED_ZH),
        ("zh-hans", "医保重复交", SEED_ZH),
        # Typos, corrected from the index's own words.
        ("en", "refnud", REFUND),
        ("en", "medcal insurence again", SEED),
        # A title match above passing mentions: the seed and others mention these in their text.
        ("en", "retire", RETIREMENT),
        ("en", "cash out", CASH),
        ("en", "family", FAMILY),
        ("zh-hans", "退休", RETIREMENT_ZH),
        ("zh-hans", "家人", FAMILY_ZH),
        ("zh-hans", "违规使用", CASH_ZH),
        # Full-width and traditional forms.
        ("en", "ＲＥＦＵＮＤ", REFUND),
        ("zh-hans", "退費", REFUND_ZH),
    ],
)
def test_first_result(demo, db, language, query, first):
    results = article_search(query=query, language=language)

    assert results.hits[0].article.title == first


@pytest.mark.parametrize(
    ("language", "query", "first"),
    [("en", "重复缴纳", SEED_ZH), ("en", "退费", REFUND_ZH), ("zh-hans", "refund twice", REFUND)],
)
def test_first_result_in_the_other_language(demo, db, language, query, first):
    results = article_search(query=query, language=language)

    assert results.other_language.hits[0].article.title == first
