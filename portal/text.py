"""Text every format the site writes can hold: HTML pages, the Atom feed (XML 1.0) and JSON.

XML 1.0 forbids most control characters outright, and Django's feed writer refuses them, so one
pasted character could break the feed for every reader; HTML calls them errors too.
"""

import re

# Browsers submit textareas with CRLF, old Mac files end lines with a lone CR, and word processors
# paste line and page breaks as vertical tab and form feed: all are line breaks.
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c]")
# The rest of C0 but tab and newline, DEL, the C1 controls, the noncharacters U+FFFE and U+FFFF,
# and lone surrogates (no UTF-8 encoder writes them).
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with its line breaks as LF, and without the characters XML 1.0 forbids or HTML calls errors."""
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))
