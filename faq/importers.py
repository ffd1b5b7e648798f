"""Saving one article document (faq/document_parser.py reads it) as one article, or as a correction
waiting for review where the article is published."""

from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .corrections import article_rows, correction_data, correction_submit
from .document_parser import (
    _CATEGORY_SLUG_MAX,
    _SLUG_MAX,
    DocumentError,
    document_language,
    parse_document,
)
from .history import compare
from .import_merge import (
    body_keep_headings,
    import_snapshot,
    keep_new_laws,
    law_text_changes,
    legal_references_replace,
    related_titles_merge,
)
from .models import (
    RESERVED_CATEGORY_SLUGS,
    Article,
    Category,
    Significance,
)
from .services import article_link_waiting_relations, article_record_revision
from .shared_records import record_submit


class ImportOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    # An Editor's update of a published article: kept aside as a correction for a Publisher.
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class ImportResult:
    outcome: ImportOutcome
    article: Article
    # What an update changed (or would change, in a dry run): history.FieldChange, field by field.
    changes: tuple = ()
    # Laws whose new wording waits for a Publisher: (LegalReference, the document's wording).
    law_changes: tuple = ()
    # Whether a law's new wording goes live on published articles (a Publisher's import confirms it first).
    publishes_laws: bool = False
    # The article's version before the import: what a confirmation of its diff expects to find.
    version_before: int | None = None


def article_import_document(
    *, text: str, status: str | None = None, dry_run: bool = False, user=None, file_name: str = "",
    replace: bool = False, expected_version: int | None = None,
) -> ImportResult:
    """Create or update the article a document describes, all or nothing; with `dry_run`, only say what would change.

    The article is found by its exact title. `status` applies to a new article (draft if not
    given) and changes an existing one only when given. Nothing is saved when the document
    matches what is stored. What the document leaves out (headings, legal basis rows, related titles,
    the "In short") is kept unless `replace`.

    `user` is who runs the import (None: the system); history names them and `file_name`. An Editor's
    update of a published article is not saved but becomes their correction waiting for review, as the
    same change made in the form would, and their change to the wording of a law a published article
    cites waits for review too. `expected_version`: the article's version when its diff was shown; the
    import is refused if it was saved since.
    """
    document = parse_document(text)
    staged_by = user if user is not None and not user.has_perm("faq.publish_article") else None
    correction, wordings, new_laws = None, [], []
    with transaction.atomic():
        category = _category_get_or_create(name=document.category, language=document_language(document))
        article = Article.objects.select_related("category").filter(title=document.title).first()
        before = import_snapshot(article) if article is not None else None
        base_version = article.version if article is not None else None
        if article is not None and expected_version is not None and article.version != expected_version:
            raise DocumentError(_("the article was saved again after the diff was shown; import the file again "
                                  "to see what it changes now"))
        law_options = dict(
            staged_by=staged_by, publisher=user if staged_by is None else None, wordings=wordings,
            new_laws=new_laws,
        )
        if article is None:
            article = Article.objects.create(
                source_site=document.site,
                title=document.title,
                slug=_unique_slug(
                    slugify(document.title, allow_unicode=True),
                    taken=Article.objects.filter(category=category),
                    max_length=_SLUG_MAX,
                    fallback="article",
                ),
                category=category,
                question=document.question,
                summary=document.summary,
                body=document.body,
                status=status or Article.Status.DRAFT,
                language=document_language(document),
            )
            legal_references_replace(article, laws=document.laws, replace=True, **law_options)
            related_titles_merge(article, titles=document.related_titles)
            outcome = ImportOutcome.CREATED
        else:
            staged = staged_by is not None and article.status == Article.Status.PUBLISHED
            changed = _article_set_fields(article, document=document, category=category, status=status,
                                          replace=replace)
            changed |= legal_references_replace(article, laws=document.laws, replace=replace, **law_options)
            changed |= related_titles_merge(article, titles=document.related_titles, replace=replace)
            if article.source_site != document.site:
                article.source_site = document.site
                changed = True
            if changed:
                article.save()
            outcome = ImportOutcome.UPDATED if changed else ImportOutcome.UNCHANGED
        article_link_waiting_relations(article=article)
        if outcome != ImportOutcome.UNCHANGED:
            article_record_revision(
                article=article, user=user, comment=_import_comment(file_name, outcome),
                significance=document.significance or Significance.CONTENT,
            )
        changes = [] if before is None else compare(before, import_snapshot(article))
        changes += law_text_changes(wordings)
        law_changes = [(wording.reference, wording.new) for wording in wordings if wording.staged]
        if outcome == ImportOutcome.UPDATED and staged:
            # The article as the import would leave it, kept aside; readers keep the published one.
            outcome, correction = ImportOutcome.SUBMITTED, correction_data(article=article, rows=article_rows(article))
        if dry_run or correction is not None:
            # The same code path as a real import; rolling back keeps only the report.
            transaction.set_rollback(True)
    if not dry_run:
        if correction is not None:
            keep_new_laws(correction, new_laws)
            # A law no published article cites took its new wording at once, and lost it with the rollback:
            # it goes with the correction, for approving to apply.
            correction["law_wordings"] = [
                {"legal_reference": wording.reference.pk, "text": wording.new}
                for wording in wordings if not wording.staged
            ]
            correction_submit(
                article=Article.objects.get(pk=article.pk), data=correction, base_version=base_version,
                user=staged_by, significance=document.significance,
            )
        for reference, wording in law_changes:
            reference.text = wording
            record_submit(record=reference, user=staged_by, changed_fields=["text"])
    return ImportResult(
        outcome=outcome, article=article, changes=tuple(changes), law_changes=tuple(law_changes),
        publishes_laws=any(wording.shown and not wording.staged for wording in wordings),
        version_before=base_version,
    )


def _import_comment(file_name, outcome):
    if file_name:
        return _("Imported from %(file)s (%(outcome)s)") % {"file": file_name, "outcome": outcome}
    return _("Imported (%(outcome)s)") % {"outcome": outcome}


def _category_get_or_create(*, name, language):
    category = Category.objects.filter(name=name).first()
    if category is None:
        slug = _unique_slug(
            slugify(name, allow_unicode=True),
            taken=Category.objects.all(),
            max_length=_CATEGORY_SLUG_MAX,
            fallback="category",
            reserved=RESERVED_CATEGORY_SLUGS,
        )
        category = Category.objects.create(name=name, slug=slug, language=language)
    return category


def _unique_slug(base: str, *, taken: QuerySet, max_length: int, fallback: str, reserved=frozenset()) -> str:
    base = base[:max_length].strip("-") or fallback
    slug, number = base, 2
    while slug in reserved or taken.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug


def _article_set_fields(article, *, document, category, status, replace):
    """Copy the document's fields onto the article; return whether any differed."""
    changed = False
    if article.category_id != category.pk:
        others = Article.objects.filter(category=category).exclude(pk=article.pk)
        # The slug stays so the URL changes only by its category part, unless it is taken there.
        article.slug = _unique_slug(article.slug, taken=others, max_length=_SLUG_MAX, fallback="article")
        article.category = category
        changed = True
    fields = (
        ("question", document.question),
        # A document without an "In short" leaves the editor's one in place, unless it replaces all.
        ("summary", document.summary if replace else document.summary or None),
        ("body", document.body if replace else body_keep_headings(article.body, document.body)),
        ("status", status),
        ("language", document_language(document)),
    )
    for field, value in fields:
        if value is not None and getattr(article, field) != value:
            setattr(article, field, value)
            changed = True
    return changed
