"""The one tokenizer of search: it turns article text into index terms, and a reader's query into
the same terms, for SQLite and PostgreSQL alike. Plain Python, no Django.

- Full-width letters and digits become ASCII, upper case lower (Unicode NFKC, then casefold).
- Traditional Chinese becomes Simplified (OpenCC's t2s), so 退費 finds 退费.
- Chinese, Japanese and Korean characters are indexed as overlapping bigrams (医保卡 → 医保 保卡), as
  Lucene's CJK analyzer does: any word of two or more characters is then found without a dictionary.
  A character standing alone is too common to search by, and is left out.
- Other words are stemmed with the Snowball English stemmer (refunds, refunded → refund); common
  English words are dropped.
"""

import re
import unicodedata

import opencc
import snowballstemmer

# Blocks of Han ideographs, kana and hangul: text in them has no spaces between words.
CJK = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_TOKEN = re.compile(r"[^\W_]+")
_RUN = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")
CJK_CHAR = re.compile(f"[{CJK}]")

ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from get got had has have how i if in is it its me my no not of on "
    "or our so than that the their them then there they this to was we what when where which who why will with "
    "you your".split()
)

# Full-width ASCII and the ideographic space, mapped directly: cheaper than NFKC on Chinese text,
# whose full-width punctuation would otherwise send every paragraph through it.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_to_simplified = opencc.OpenCC("t2s").convert
_stemmer = snowballstemmer.stemmer("english")


def _to_ascii(match):
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def normalize(text):
    """Full-width to ASCII, lower case, Simplified Chinese; control characters become spaces."""
    text = _FULL_WIDTH.sub(_to_ascii, text)
    # The quick check first: NFKC itself is slow on long Chinese text that needs no change.
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    if CJK_CHAR.search(text):
        text = _to_simplified(text)
    return text


# Stems by word, filled as words are met: stemming is the slow part and few words recur so much.
_stems = {}
MAX_REMEMBERED_STEMS = 200_000


def stem(word):
    """The index form of one lower-case word: its English stem (digits and other scripts stay)."""
    found = _stems.get(word)
    if found is None:
        if len(_stems) >= MAX_REMEMBERED_STEMS:
            _stems.clear()
        found = _stems[word] = _stemmer.stemWord(word) if word.isascii() else word
    return found


def runs(normalized):
    """(is_cjk, text) for each run of CJK characters or word of other letters and digits, in order."""
    for token in _TOKEN.findall(normalized):
        # Most tokens are plain ASCII words; only the others need the slower split by script.
        if token.isascii():
            yield False, token
        else:
            for match in _RUN.finditer(token):
                yield match.lastgroup == "cjk", match.group()


def bigrams(run):
    """Each pair of neighbouring characters: 医保卡 → 医保, 保卡; none for a single character."""
    return list(map(str.__add__, run[:-1], run[1:]))


def words(normalized):
    """The words of other scripts than CJK, as written (lower case), without the common English ones."""
    return [
        text for is_cjk, text in runs(normalized)
        if not is_cjk and len(text) > 1 and text not in ENGLISH_STOP_WORDS
    ]


def analyze(text):
    """(index terms, words) of a text: what `index_terms` and `words` give, in one pass."""
    terms, found = [], []
    for token in _TOKEN.findall(normalize(text)):
        if token.isascii():
            if len(token) > 1 and token not in ENGLISH_STOP_WORDS:
                found.append(token)
                terms.append(_stems.get(token) or stem(token))
            continue
        for match in _RUN.finditer(token):
            run = match.group()
            if match.lastgroup == "cjk":
                terms += map(str.__add__, run[:-1], run[1:])
            elif len(run) > 1 and run not in ENGLISH_STOP_WORDS:
                found.append(run)
                terms.append(stem(run))
    return terms, found


def index_terms(text):
    """Every term the text is found by, in order, repeats kept (they count for ranking)."""
    return analyze(text)[0]
