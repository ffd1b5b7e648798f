"""Chinese answers set as Chinese is written: no spaces around numbers, full-width punctuation.

Translations are written as sentences with placeholders, and the figures and dates put into them
("2026年12月31日", "15") arrive with the spaces and ASCII punctuation an English sentence needs.
One pass over the finished answer sets them the Chinese way, whatever sentence they came from.
"""

import re

from django.utils.translation import get_language

# Han characters and the CJK and full-width punctuation around them.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{CJK}])[ \u00a0]+(?=[0-9A-Za-z%¥])")
_SPACE_BEFORE_CJK = re.compile(rf"(?<=[0-9A-Za-z%])[ \u00a0]+(?=[{CJK}])")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[ \u00a0]+(?=[{CJK}])")
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", ".": "。"}
# ASCII punctuation that touches Chinese text on either side (a full stop only after it, so 2.5 stays).
_PUNCTUATION = re.compile(rf"(?<=[{CJK}]) *([,:;?!.]) *| *([,:;?!]) *(?=[{CJK}])")
# Brackets go full width in pairs, when what they enclose is Chinese.
_BRACKETS = re.compile(rf"\(([^()]*[{CJK}][^()]*)\)")
# Keys of an answer that hold codes, addresses or labels of the rules, never prose.
NOT_PROSE = frozenset({"code", "clause", "clauses", "url", "confidence"})


def chinese_text(text):
    """`text` with Chinese spacing and punctuation; text without Chinese in it comes back unchanged."""
    text = _BRACKETS.sub(r"（\1）", text)
    text = _PUNCTUATION.sub(lambda match: FULL_WIDTH[match[1] or match[2]], text)
    for pattern in (_SPACE_AFTER_CJK, _SPACE_BEFORE_CJK, _SPACE_BETWEEN_CJK):
        text = pattern.sub("", text)
    return text


def typeset(value):
    """An answer (dicts, lists and strings) set for the active language: Chinese answers the Chinese way."""
    if not (get_language() or "").startswith("zh"):
        return value
    return _chinese(value)


def _chinese(value):
    if isinstance(value, str):
        return chinese_text(value)
    if isinstance(value, list):
        return [_chinese(item) for item in value]
    if isinstance(value, dict):
        return {key: item if key in NOT_PROSE else _chinese(item) for key, item in value.items()}
    return value
