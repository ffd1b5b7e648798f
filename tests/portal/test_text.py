import pytest

from portal.text import clean_text

RULES = [
    ("CRLF becomes LF", "one\r\ntwo", "one\ntwo"),
    ("a lone CR becomes LF", "one\rtwo", "one\ntwo"),
    ("CR CR LF is two line breaks", "one\r\r\ntwo", "one\n\ntwo"),
    ("a vertical tab becomes LF", "one\x0btwo", "one\ntwo"),
    ("a form feed becomes LF", "one\x0ctwo", "one\ntwo"),
    ("tab and LF stay", "one\ttwo\nthree", "one\ttwo\nthree"),
    ("NUL goes", "one\x00two", "onetwo"),
    ("the other C0 controls go", "".join(map(chr, [*range(0x01, 0x09), *range(0x0E, 0x20)])) + "x", "x"),
    ("DEL goes", "one\x7ftwo", "onetwo"),
    ("the C1 controls go", "".join(map(chr, range(0x80, 0xA0))) + "x", "x"),
    ("the noncharacters U+FFFE and U+FFFF go", "one\ufffe\uffff two", "one two"),
    ("a lone high surrogate goes", "one\ud83dtwo", "onetwo"),
    ("a lone low surrogate goes", "one\ude00two", "onetwo"),
    ("text around the controls stays", "\u00a0退费 – “refund” 😀 \U0010fffd", "\u00a0退费 – “refund” 😀 \U0010fffd"),
    ("the empty text stays empty", "", ""),
]


@pytest.mark.parametrize(("rule", "text", "expected"), RULES, ids=[rule for rule, _text, _expected in RULES])
def test_clean_text(rule, text, expected):
    assert clean_text(text) == expected
