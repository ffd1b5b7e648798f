"""What a reader must find of the seed article, read from the seed document itself."""

import re

from tests.conftest import SEED_PATH


def seed_body_sentences():
    """Every sentence of the seed's body, without the numbers of its numbered points."""
    lines = SEED_PATH.read_text(encoding="utf-8").splitlines()
    body = lines[2 : lines.index("Legal basis:")]
    sentences = []
    for line in body:
        line = re.sub(r"^\d+\.\s*", "", line.strip())
        sentences += [part for part in re.split(r"(?<=[.:;?!])\s+", line) if part]
    return sentences
