"""How a re-imported document meets the live article: what the document leaves out is kept unless the
importer asks to replace it, and the diff shows each field, the headings and each law's wording."""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .history import FieldChange, snapshot_of_article
from .models import ArticleLegalReference, LegalReference, RelatedArticle
from .shared_records import citing_articles, record_change_needed, record_log_live, record_values

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


def keep_new_laws(correction, new_laws):
    """The laws a staged import added went with its rollback: add them again (no published page cites a
    new law, so nothing waits for that) and point the correction's rows at them."""
    ids = {}
    for old_id, name, number, text in new_laws:
        reference, _created = LegalReference.objects.get_or_create(
            law_name=name, article_number=number, defaults={"text": text}
        )
        ids[old_id] = reference.pk
    for row in correction["legal_basis"]:
        row["legal_reference"] = ids.get(row["legal_reference"], row["legal_reference"])


def legal_references_replace(article, *, laws, replace, staged_by, publisher, wordings, new_laws):
    """Link the article to the document's legal references, in order; return whether anything changed.

    The document is the newer source for a law's wording: a new wording goes live, unless `staged_by`
    (an Editor) may not change that law live, when it waits for review instead. Each new wording is added
    to `wordings`. A `publisher`'s new wording is logged in the review queue.
    """
    changed = False
    wanted = []
    for law in laws:
        for item in law.articles:
            reference, created = LegalReference.objects.get_or_create(
                law_name=law.name, article_number=item.number, defaults={"text": item.text}
            )
            if created:
                new_laws.append((reference.pk, law.name, item.number, item.text))
            elif reference.text != item.text:
                staged = record_change_needed(record=reference, user=staged_by)
                shown = citing_articles(reference).exists()
                wordings.append(LawWording(reference, reference.text, item.text, staged=staged, shown=shown))
                if not staged:
                    before = record_values(reference, ["text"])
                    reference.text = item.text
                    reference.save(update_fields=["text"])
                    if publisher is not None:
                        record_log_live(record=reference, before=before, user=publisher)
                    changed = True
            wanted.append((reference.pk, law.heading))
    current = list(article.legal_reference_links.values_list("legal_reference_id", "heading"))
    rows = legal_rows_merge(current, wanted, replace=replace)
    if current != rows:
        article.legal_reference_links.all().delete()
        ArticleLegalReference.objects.bulk_create(
            ArticleLegalReference(article=article, legal_reference_id=pk, heading=heading, order=order)
            for order, (pk, heading) in enumerate(rows)
        )
        changed = True
    return changed


def related_titles_merge(article, *, titles, replace=False):
    """Put the document's related titles first, in its order; return whether anything changed.

    Links an editor added in admin are kept after them, so re-importing a document never
    deletes an editor's work (unless `replace`), and rows already listed keep the targets they point to.
    """
    existing = list(article.related_links.all())
    dropped = [link.pk for link in existing if replace and link.title not in titles]
    if dropped:
        RelatedArticle.objects.filter(pk__in=dropped).delete()
        existing = [link for link in existing if link.pk not in dropped]
    by_title = {link.title: link for link in existing}
    wanted = list(titles) + [link.title for link in existing if link.title not in titles]
    moved, added = [], []
    for order, title in enumerate(wanted):
        link = by_title.get(title)
        if link is None:
            added.append(RelatedArticle(article=article, title=title, order=order))
        elif link.order != order:
            link.order = order
            moved.append(link)
    RelatedArticle.objects.bulk_update(moved, ["order"])
    RelatedArticle.objects.bulk_create(added)
    return bool(moved or added or dropped)
