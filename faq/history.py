"""Article history: revisions of an article with its legal basis and related links, compared and restored.

django-reversion stores each revision; an article's revision holds the article and, through
`follow`, every legal-basis row and related link it had at that moment.
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from .checker_hooks import checker_name
from .models import (
    TRANSLATION_STATE_FIELDS,
    Article,
    ArticleChecker,
    ArticleLegalReference,
    LegalReference,
    RelatedArticle,
    Significance,
)
from .services import article_link_waiting_relations, article_record_revision

# Workflow, not text: restoring an old version never publishes, withdraws or reschedules an article,
# nor changes how a translation stands against its original.
WORKFLOW_FIELDS = ("status", "publish_at", "expire_at", *sorted(TRANSLATION_STATE_FIELDS))
# Bookkeeping that saves change by themselves; comparing it says nothing.
UNCOMPARED_FIELDS = {"id", "created_at", "updated_at", "version", "first_published_at", *TRANSLATION_STATE_FIELDS}
LEGAL_BASIS = gettext_lazy("Legal basis")
RELATED = gettext_lazy("Related articles")
CHECKERS_OFFERED = gettext_lazy("Checkers offered")


def register():
    reversion.register(ArticleLegalReference)
    reversion.register(RelatedArticle)
    reversion.register(ArticleChecker)
    reversion.register(Article, follow=["legal_reference_links", "related_links", "checker_links"])


def article_versions(article):
    """The article's versions, newest first, with who saved them."""
    return Version.objects.get_for_object(article).select_related("revision__user", "revision__significance")


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def diff_html(self):
        """The new value with removed words struck through and added words marked."""
        old, new = _tokens(self.old), _tokens(self.new)
        parts = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag in ("replace", "delete"):
                parts.append(f"<del>{escape(''.join(old[i1:i2]))}</del>")
            if tag in ("replace", "insert"):
                parts.append(f"<ins>{escape(''.join(new[j1:j2]))}</ins>")
            if tag == "equal":
                parts.append(escape("".join(old[i1:i2])))
        return mark_safe("".join(parts))


    @property
    def paragraph_diffs(self):
        """Only the paragraphs that differ, each as diff_html shows it: a long body's one changed sentence
        is found at a glance."""
        old, new = self.old.split("\n\n"), self.new.split("\n\n")
        parts = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "replace" and i2 - i1 == j2 - j1:
                parts += [FieldChange(self.label, a, b).diff_html for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
            elif tag != "equal":
                parts.append(FieldChange(self.label, "\n\n".join(old[i1:i2]), "\n\n".join(new[j1:j2])).diff_html)
        return parts


def _tokens(text):
    return [token for token in re.split(r"(\s+)", text) if token]


def snapshot_of_version(version):
    """What an article looked like in a version: {label: text}, in form order."""
    versions = list(version.revision.version_set.select_related("content_type"))
    article_fields = version.field_dict
    legal, related, checkers = [], [], []
    for item in versions:
        model = item.content_type.model_class()
        if model is ArticleLegalReference:
            legal.append(item.field_dict)
        elif model is RelatedArticle:
            related.append(item.field_dict)
        elif model is ArticleChecker:
            checkers.append(item.field_dict)
    references = LegalReference.objects.in_bulk([row["legal_reference_id"] for row in legal])
    return snapshot_from_values(
        article_fields,
        # A reference deleted since cannot be shown or restored.
        legal=[
            legal_basis_line(references[row["legal_reference_id"]], row.get("heading", ""))
            for row in _in_order(legal) if row["legal_reference_id"] in references
        ],
        related=[row["title"] for row in _in_order(related)],
        checkers=[str(checker_name(row["checker"])) for row in _in_order(checkers)],
    )


def _in_order(rows):
    return sorted(rows, key=lambda row: (row["order"], row["id"]))


def snapshot_of_article(article):
    """What the article looks like now, in the same form as snapshot_of_version."""
    fields = {field.attname: getattr(article, field.attname) for field in Article._meta.concrete_fields}
    legal = article.legal_reference_links.select_related("legal_reference").order_by("order", "id")
    return snapshot_from_values(
        fields,
        legal=[legal_basis_line(link.legal_reference, link.heading) for link in legal],
        related=list(article.related_links.order_by("order", "id").values_list("title", flat=True)),
        checkers=[str(link.get_checker_display()) for link in article.checker_links.order_by("order", "id")],
    )


def legal_basis_line(reference, heading):
    """One legal basis row as history shows it: the reference, after the heading it stands under."""
    return f"{heading}: {reference}" if heading else str(reference)


def snapshot_from_values(fields, *, legal, related, checkers):
    snapshot = {}
    for field in Article._meta.concrete_fields:
        if field.name in UNCOMPARED_FIELDS:
            continue
        snapshot[str(field.verbose_name)] = _display(field, fields.get(field.attname))
    snapshot[str(LEGAL_BASIS)] = "\n".join(legal)
    snapshot[str(RELATED)] = "\n".join(related)
    snapshot[str(CHECKERS_OFFERED)] = "\n".join(checkers)
    return snapshot


def _display(field, value):
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if hasattr(value, "tzinfo"):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


@dataclass(frozen=True)
class Conflict:
    """Saves made after a form was opened: who and when (newest first), and what they changed."""

    saves: list
    changes: list


def changes_since(article, version_number):
    """What others saved after the article's `version_number`, for a form opened at that version."""
    later, base = [], None
    for version in article_versions(article):
        number = version.field_dict.get("version")
        if number is None or number <= version_number:
            base = version if number == version_number else None
            break
        later.append(version.revision)
    changes = compare(snapshot_of_version(base), snapshot_of_article(article)) if base else []
    return Conflict(saves=later, changes=changes)


def original_changes_since_update(translation):
    """(the original's version compared from, its changes since then) for a translation: what changed in
    the original since a translator last brought the translation up to date, or since the original's first
    recorded version when that is not known. (None, []) when the original has no history."""
    original = translation.translation_of
    base = None
    for version in article_versions(original):
        base = version
        number = version.field_dict.get("version")
        if translation.original_version is not None and number is not None and number <= translation.original_version:
            break
    if base is None:
        return None, []
    return base, compare(snapshot_of_version(base), snapshot_of_article(original))


def restore_changes(*, article, version):
    """Exactly what restoring `version` changes: its text, with the article's own workflow kept."""
    kept = {str(Article._meta.get_field(name).verbose_name) for name in WORKFLOW_FIELDS}
    restored = {
        label: value for label, value in snapshot_of_version(version).items() if label not in kept
    }
    current = snapshot_of_article(article)
    return compare(current, {**current, **restored})


def compare(old, new):
    """The fields that differ between two snapshots, in form order."""
    return [
        FieldChange(label, old.get(label, ""), value) for label, value in new.items() if old.get(label, "") != value
    ]


def article_restore(*, article, version, user):
    """Bring back the text of an older version; the article's current state becomes a revision first.

    The article keeps its current status and publishing window. Raises ValidationError, and saves
    nothing, when the older version no longer fits: its title or address taken by another article
    since, or its category deleted.
    """
    _check_restorable(article, version)
    with transaction.atomic():
        latest = article_versions(article).first()
        if latest is None or snapshot_of_version(latest) != snapshot_of_article(article):
            article_record_revision(article=article, user=user, comment=_("Saved before restoring an older version"))
        workflow = {field: getattr(article, field) for field in WORKFLOW_FIELDS}
        version.revision.revert(delete=True)
        _unlink_deleted_rows(article)
        article.refresh_from_db()
        for field, value in workflow.items():
            setattr(article, field, value)
        article.save()
        article_link_waiting_relations(article=article)
        saved = formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
        # Whatever the older text changes, the translations need a look (content), as for an import.
        article_record_revision(
            article=article, user=user, comment=_("Restored the version of %s") % saved,
            significance=Significance.CONTENT,
        )


def _check_restorable(article, version):
    """Validate the older version's fields as the form would, with the current workflow fields."""
    attnames = {field.attname for field in Article._meta.concrete_fields}
    old = Article(**{name: value for name, value in version.field_dict.items() if name in attnames})
    old._state.adding = False  # the same row as the article: uniqueness is checked against the others
    for field in WORKFLOW_FIELDS:
        setattr(old, field, getattr(article, field))
    old.full_clean(exclude=[field.name for field in Article._meta.concrete_fields if not field.editable])


def _unlink_deleted_rows(article):
    """An older version may point at rows deleted since. A related title whose article is gone waits
    again for one; a legal reference deleted since cannot come back, so its row is left out."""
    RelatedArticle.objects.filter(article=article, target__isnull=False).exclude(
        target__in=Article.objects.all()
    ).update(target=None)
    ArticleLegalReference.objects.filter(article=article).exclude(
        legal_reference__in=LegalReference.objects.all()
    ).delete()
