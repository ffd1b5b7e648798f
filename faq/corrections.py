"""Staged corrections: an Editor's change to a published article waits for a Publisher.

Readers keep the published text until a Publisher approves the correction; approving saves the
article through the same path as any other save (signals keep search and caches in step, and the
save is a revision in the history). Returning it keeps the article as it is and tells the editor why.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .checker_hooks import checker_name
from .history import WORKFLOW_FIELDS, legal_basis_line, snapshot_from_values
from .models import (
    Article,
    ArticleChecker,
    ArticleLegalReference,
    Correction,
    LegalReference,
    RelatedArticle,
    Significance,
)
from .services import article_change_record, article_link_waiting_relations, article_record_revision
from .shared_records import record_log_live, record_values

# What a correction may change: the article's text and its ordered rows, never its workflow.
CORRECTED_FIELDS = tuple(
    field.name for field in Article._meta.concrete_fields
    if field.editable and not field.primary_key and field.name not in WORKFLOW_FIELDS
)
# Each ordered list of an article: its model and the fields a row keeps.
ROWS = {
    "legal_basis": (ArticleLegalReference, ("order", "heading", "legal_reference")),
    "related": (RelatedArticle, ("order", "title", "target")),
    "checkers": (ArticleChecker, ("order", "checker")),
}


def correction_needed(*, article, user):
    """An Editor's save of a published article is staged; a Publisher's goes live at once."""
    return (
        article.pk is not None
        and Article.objects.filter(pk=article.pk, status=Article.Status.PUBLISHED).exists()
        and not user.has_perm("faq.publish_article")
    )


def correction_data(*, article, rows):
    """What an edited, unsaved article and its rows ({list name: [model instances]}) are, as JSON."""
    fields = {}
    for name in CORRECTED_FIELDS:
        field = Article._meta.get_field(name)
        value = field.value_from_object(article)
        fields[field.attname] = None if value is None else field.value_to_string(article)
    return {
        "fields": fields,
        **{
            key: [
                {name: _row_value(row, name) for name in names}
                for row in sorted(rows.get(key, ()), key=lambda row: row.order)
            ]
            for key, (_model, names) in ROWS.items()
        },
    }


def article_rows(article):
    """The article's saved rows, in the form correction_data takes."""
    return {key: list(model.objects.filter(article=article)) for key, (model, _names) in ROWS.items()}


def correction_data_of_version(version):
    """An older version of the article (a restore) as a correction: its text and its rows."""
    attnames = {field.attname for field in Article._meta.concrete_fields}
    article = Article(**{name: value for name, value in version.field_dict.items() if name in attnames})
    keys = {model: key for key, (model, _names) in ROWS.items()}
    rows = {key: [] for key in ROWS}
    for item in version.revision.version_set.select_related("content_type"):
        model = item.content_type.model_class()
        if model in keys:
            fields = {field.attname for field in model._meta.concrete_fields}
            rows[keys[model]].append(model(**{k: v for k, v in item.field_dict.items() if k in fields}))
    return correction_data(article=article, rows=rows)


def _row_value(row, name):
    field = row._meta.get_field(name)
    return getattr(row, field.attname)


def correction_submit(*, article, data, base_version, user, significance=""):
    """Keep the editor's change aside; their own earlier pending correction to the article is replaced.
    `significance`: for an original with translations, how much the change matters to them."""
    correction, _created = Correction.objects.update_or_create(
        article=article, submitted_by=user, status=Correction.Status.PENDING,
        defaults={
            "data": data, "base_version": base_version, "submitted_at": timezone.now(), "significance": significance,
        },
    )
    return correction


def _pending_or_current(article, user):
    """(data, base version) to add one change to: the user's pending correction, else the article now."""
    pending = Correction.objects.filter(article=article, submitted_by=user, status=Correction.Status.PENDING).first()
    if pending is None:
        return correction_data(article=article, rows=article_rows(article)), article.version
    return pending.data, pending.base_version


def correction_mark_reviewed(*, article, user, day):
    """An Editor's "reviewed today" on a published article, as a correction: added to their pending
    one when they have one, so the text they changed there is kept."""
    data, base_version = _pending_or_current(article, user)
    data["fields"]["reviewed_on"] = day.isoformat()
    return correction_submit(article=article, data=data, base_version=base_version, user=user)


def correction_link_related(*, link, user):
    """An Editor's pick of the article a published article's waiting related title points to, as a
    correction: added to their pending one when they have one."""
    article = link.article
    data, base_version = _pending_or_current(article, user)
    for row in data["related"]:
        if row["title"] == link.title:
            row["target"] = link.target_id
    return correction_submit(article=article, data=data, base_version=base_version, user=user)


def returned_open(article, correction):
    """Put the returned correction's text, and as `opened_rows` its rows, on `article` (unsaved) for its
    writer's form, when the article is still the version they started from; otherwise the form shows the
    article as it is now."""
    if correction.base_version != article.version:
        return False
    for attname, value in correction_fields(correction, article=article).items():
        setattr(article, attname, value)
    article.opened_from_correction = correction
    article.opened_rows = correction_rows(correction)
    return True


def correction_fields(correction, *, article):
    """The article's fields as the correction would leave them: {attname: python value}."""
    values = {field.attname: getattr(article, field.attname) for field in Article._meta.concrete_fields}
    for attname, value in correction.data["fields"].items():
        field = _field_by_attname(attname)
        values[attname] = None if value is None else field.to_python(value)
    return values


def _field_by_attname(attname):
    return next(field for field in Article._meta.concrete_fields if field.attname == attname)


def correction_rows(correction):
    """The correction's rows, by list name, as dicts, fitted to what exists now: a law deleted since
    is left out, and a related title whose article was deleted since waits again for one."""
    rows = {key: [dict(row) for row in correction.data.get(key, [])] for key in ROWS}
    for row in rows["legal_basis"]:
        row.setdefault("heading", "")  # corrections kept before legal basis rows had headings
    laws = set(LegalReference.objects.filter(
        pk__in=[row["legal_reference"] for row in rows["legal_basis"]]
    ).values_list("pk", flat=True))
    rows["legal_basis"] = [row for row in rows["legal_basis"] if row["legal_reference"] in laws]
    targets = set(Article.objects.filter(
        pk__in=[row["target"] for row in rows["related"] if row["target"]]
    ).values_list("pk", flat=True))
    for row in rows["related"]:
        if row["target"] not in targets:
            row["target"] = None
    return rows


def correction_law_wordings(correction):
    """[(LegalReference, wording)]: the new wordings an import held with the correction, of laws no
    published article cited then; a law deleted since is left out."""
    wordings = correction.data.get("law_wordings", [])
    references = LegalReference.objects.in_bulk([row["legal_reference"] for row in wordings])
    return [
        (references[row["legal_reference"]], row["text"]) for row in wordings if row["legal_reference"] in references
    ]


def correction_snapshot(correction, *, article):
    """What the article would look like, in the form history.compare reads."""
    rows = correction_rows(correction)
    references = LegalReference.objects.in_bulk([row["legal_reference"] for row in rows["legal_basis"]])
    return snapshot_from_values(
        correction_fields(correction, article=article),
        legal=[legal_basis_line(references[row["legal_reference"]], row["heading"]) for row in rows["legal_basis"]],
        related=[row["title"] for row in rows["related"]],
        checkers=[str(checker_name(row["checker"])) for row in rows["checkers"]],
    )


def correction_is_stale(correction):
    return correction.article.version != correction.base_version


def correction_approve(*, correction, user, comment="", change_note="", significance=""):
    """Make the article what the correction says, as one save and one revision; with a change note,
    readers are told what changed ("What changed" on the article). The change's significance for the
    translations is the publisher's `significance`, else the editor's, else "content".

    Raises ValidationError, and changes nothing, when the article was saved again since the editor
    started (approving would silently undo that save) or when the corrected text no longer fits
    (e.g. its title taken by another article since).
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=correction.article_id)
        correction = Correction.objects.select_for_update().get(pk=correction.pk)
        if correction.status != Correction.Status.PENDING:
            raise ValidationError(_("This correction has already been reviewed."))
        if article.version != correction.base_version:
            raise ValidationError(_(
                "The article was saved again after this correction was submitted, so approving it would "
                "undo that save. Return it to the editor to redo it on the current text."
            ))
        for attname, value in correction_fields(correction, article=article).items():
            setattr(article, attname, value)
        article.full_clean(exclude=[field.name for field in Article._meta.concrete_fields if not field.editable])
        # Rows first, so that whatever the article's save sets off (search, caches) sees the final article.
        _replace_rows(article, correction_rows(correction))
        for reference, text in correction_law_wordings(correction):
            before = record_values(reference, ["text"])
            reference.text = text
            reference.save(update_fields=["text"])
            record_log_live(record=reference, before=before, user=user)
        article_change_record(article=article, note=change_note, user=user)
        article.save()
        article_link_waiting_relations(article=article)
        note = _("Approved the correction by %(editor)s") % {"editor": correction.submitted_by.get_username()}
        article_record_revision(
            article=article, user=user, comment=f"{note}. {comment}" if comment else note,
            significance=significance or correction.significance or Significance.CONTENT,
        )
        _decide(correction, user=user, status=Correction.Status.APPROVED, comment=comment)
        return article


def _replace_rows(article, rows):
    for key, (model, names) in ROWS.items():
        model.objects.filter(article=article).delete()
        model.objects.bulk_create(
            model(article=article, **{model._meta.get_field(name).attname: row[name] for name in names})
            for row in rows[key]
        )


def correction_return(*, correction, user, comment):
    """Send the correction back with a comment the editor sees; the article does not change."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the editor should change.")})
    with transaction.atomic():
        correction = Correction.objects.select_for_update().get(pk=correction.pk)
        if correction.status != Correction.Status.PENDING:
            raise ValidationError(_("This correction has already been reviewed."))
        _decide(correction, user=user, status=Correction.Status.RETURNED, comment=comment)
    return correction


def _decide(correction, *, user, status, comment):
    correction.status = status
    correction.decided_by = user
    correction.decided_at = timezone.now()
    correction.comment = comment
    correction.save(update_fields=["status", "decided_by", "decided_at", "comment"])
