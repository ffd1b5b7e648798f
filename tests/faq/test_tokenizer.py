"""The one tokenizer that feeds both databases: plain Python, no database."""

import pytest

from faq.tokenizer import index_terms, normalize


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        # Chinese: overlapping bigrams, so any word of two or more characters is found.
        ("医保卡", ["医保", "保卡"]),
        ("可以取现吗", ["可以", "以取", "取现", "现吗"]),
        # A character alone is too common to find anything by.
        ("取", []),
        # English: stems, without the common words.
        ("Refunds", ["refund"]),
        ("refunded", ["refund"]),
        ("How do I get a refund?", ["refund"]),
        # Both side by side, split where the script changes.
        ("2021年起 refund医保", ["2021", "年起", "refund", "医保"]),
        # Full-width letters and digits are ASCII.
        ("ＲＥＦＵＮＤ　２０２５", ["refund", "2025"]),
        # Traditional characters are Simplified.
        ("退費", ["退费"]),
        ("醫療保險", ["医疗", "疗保", "保险"]),
        # Punctuation separates, in both scripts.
        ("医保，取现。", ["医保", "取现"]),
        ("money-back", ["money", "back"]),
    ],
)
def test_index_terms(text, terms):
    assert index_terms(text) == terms


def test_normalize_keeps_text_that_needs_no_change():
    assert normalize("医保卡 card") == "医保卡 card"


@pytest.mark.parametrize("text", ["", "   ", "\x00", "😀", "—", "_"])
def test_text_without_words_has_no_terms(text):
    assert index_terms(text) == []
