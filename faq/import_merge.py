"""How a re-imported document meets the live article: what the document leaves out is kept unless the
importer asks to replace it, and the diff shows each field, the headings and each law's wording."""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .history import FieldChange, snapshot_of_article

HEADINGS = gettext_lazy("Headings")
LAW_TEXT = gettext_lazy("Wording of %(reference)s")
_HEADING_BLOCK = re.compile(r"^#{2,3} ")


def body_headings(body):
    """The body's section headings, in order, as the table of contents lists them."""
    return [block.lstrip("#").strip() for block in body.split("\n\n") if _HEADING_BLOCK.match(block)]


def body_keep_headings(old, new):
    """`new`, with the section headings of `old` put back before the text they stood over, when `new`
    has none of its own: a document written before an editor added headings does not remove them."""
    if body_headings(new) or not body_headings(old):
        return new
    old_blocks, new_blocks = old.split("\n\n"), new.split("\n\n")
    # Each heading of the old body, with the index (among the old text blocks) of the block it precedes.
    text_blocks, headings = [], []
    for block in old_blocks:
        if _HEADING_BLOCK.match(block):
            headings.append((len(text_blocks), block))
        else:
            text_blocks.append(block)
    # Where each old text block went in the new body; a rewritten block keeps its place.
    moved = {}
    matcher = difflib.SequenceMatcher(None, text_blocks, new_blocks, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace") and j2 > j1:
            for offset in range(i2 - i1):
                moved[i1 + offset] = j1 + min(offset, j2 - j1 - 1)
    before = {}
    for index, heading in headings:
        target = next((moved[i] for i in range(index, len(text_blocks)) if i in moved), len(new_blocks))
        before.setdefault(target, []).append(heading)
    merged = []
    for index, block in enumerate(new_blocks):
        merged.extend(before.pop(index, []))
        merged.append(block)
    for rest in before.values():
        merged.extend(rest)
    return "\n\n".join(merged)


def import_snapshot(article):
    """The article as history compares it, with its headings listed on their own."""
    snapshot = snapshot_of_article(article)
    return {str(HEADINGS): "\n".join(body_headings(article.body)), **snapshot}


@dataclass(frozen=True)
class LawWording:
    """A law whose wording a document changes: `staged` when it waits for review, `shown` when a
    published article cites it."""

    reference: object
    old: str
    new: str
    staged: bool
    shown: bool


def law_text_changes(wordings):
    return [
        FieldChange(str(LAW_TEXT % {"reference": wording.reference}), wording.old, wording.new) for wording in wordings
    ]


def legal_rows_merge(current, wanted, *, replace):
    """The article's legal basis rows after an import, as [(reference id, heading)].

    `current`: its rows now; `wanted`: the document's. A document row without a heading keeps the
    heading the article gave that law; rows the document does not name stay after its own, unless
    `replace`."""
    headings = dict(current)
    named = {pk: heading for pk, heading in wanted}
    if not replace and set(named) < set(headings):
        # Naming some of the article's laws and no new one: they keep their places among the others.
        return [(pk, named.get(pk) or heading) for pk, heading in current]
    rows = [(pk, heading or ("" if replace else headings.get(pk, ""))) for pk, heading in wanted]
    if not replace:
        rows += [(pk, heading) for pk, heading in current if pk not in named]
    return rows
