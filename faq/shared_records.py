"""Shared records readers see through published pages and checkers: legal references and the dated
policy rows. An Editor's change to one waits for a Publisher in the review queue, as a correction to a
published article does (faq/corrections.py); a Publisher's own change goes live at once and is logged
in the same queue as already approved.

A record is "gated" when readers see it now: a legal reference cited by a published article, and every
policy row (the checkers answer from all of them). A new legal reference nobody cites yet shows nothing,
so adding one is never held up.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .history import FieldChange
from .models import Article, Correction, LegalReference

# Shared records of other apps, registered by the app that owns them in its AppConfig.ready (policy's
# dated rows): {model: a callable giving the checkers that answer from its rows, as (slug, title)}.
_registered = {}


def register_shared_record(model, checkers):
    _registered[model] = checkers


def is_gated_model(model):
    return model is LegalReference or model in _registered


def _can_publish(user):
    return user is None or user.has_perm("faq.publish_article")


def record_change_needed(*, record, user):
    """Whether `user`'s save of `record` (not yet saved; no pk: a new one) must wait for a Publisher."""
    if _can_publish(user) or not is_gated_model(type(record)):
        return False
    if isinstance(record, LegalReference):
        return record.pk is not None and citing_articles(record).exists()
    return True


def citing_articles(reference):
    return Article.objects.filter(status=Article.Status.PUBLISHED, legal_reference_links__legal_reference=reference)


@dataclass(frozen=True)
class Affected:
    """What readers would see change: published articles and checkers."""

    articles: list
    checkers: list


def record_affects(model, record_id):
    """The published articles and the checkers (with the articles that offer them) a record shows in."""
    if model is LegalReference:
        articles = list(citing_articles(record_id).distinct().order_by("title")) if record_id else []
        return Affected(articles=articles, checkers=[])
    checkers = _registered[model]()
    articles = Article.objects.filter(
        status=Article.Status.PUBLISHED, checker_links__checker__in=[slug for slug, _title in checkers],
    ).distinct().order_by("title")
    return Affected(articles=list(articles), checkers=[title for _slug, title in checkers])


def record_values(record, names=None):
    """The record's editable fields as JSON-safe text: {attname: text or None}."""
    values = {}
    for field in record._meta.concrete_fields:
        if field.primary_key or not field.editable or (names is not None and field.name not in names):
            continue
        value = field.value_from_object(record)
        values[field.attname] = None if value is None else field.value_to_string(record)
    return values


def _model_of(correction):
    return correction.record_type.model_class()


def _apply(record, values):
    for attname, text in values.items():
        field = next(field for field in record._meta.concrete_fields if field.attname == attname)
        setattr(record, attname, None if text is None else field.to_python(text))


def record_submit(*, record, user, changed_fields=None):
    """Keep the editor's change to `record` aside; their own earlier pending change to it is replaced.

    `record` holds the editor's values, unsaved; the live row is read again for the state they started
    from. `changed_fields`: the field names the editor changed (all editable fields when not given).
    """
    model = type(record)
    before = None
    if record.pk is not None:
        before = record_values(model._default_manager.get(pk=record.pk), changed_fields)
    data = {"fields": record_values(record, changed_fields)}
    kind = ContentType.objects.get_for_model(model)
    if record.pk is None:
        return Correction.objects.create(
            record_type=kind, data=data, base_version=0, submitted_by=user, submitted_at=timezone.now(),
        )
    correction, _created = Correction.objects.update_or_create(
        record_type=kind, record_id=record.pk, submitted_by=user, status=Correction.Status.PENDING,
        defaults={"data": data, "record_before": before, "base_version": 0, "submitted_at": timezone.now()},
    )
    return correction


def record_log_live(*, record, before, user, comment=""):
    """A Publisher's change that went live at once, kept in the queue as already approved.
    `before`: record_values() of the row before the save (None: it was added)."""
    after = record_values(record, None if before is None else before.keys())
    if before == after:
        return None
    now = timezone.now()
    return Correction.objects.create(
        record_type=ContentType.objects.get_for_model(type(record)), record_id=record.pk,
        data={"fields": after}, record_before=before, base_version=0, status=Correction.Status.APPROVED,
        submitted_by=user, submitted_at=now, decided_by=user, decided_at=now, comment=comment,
    )


def record_live(correction):
    """The record the change is to, as it is now; None for a new one (or one deleted since)."""
    if correction.record_id is None:
        return None
    return _model_of(correction)._default_manager.filter(pk=correction.record_id).first()


def record_subject(correction):
    model = _model_of(correction)
    live = record_live(correction)
    if live is not None:
        return f"{model._meta.verbose_name}: {live}"
    proposed = model()
    _apply(proposed, correction.data["fields"])
    return _("New %(kind)s: %(record)s") % {"kind": model._meta.verbose_name, "record": proposed}


def record_changes(correction):
    """Field by field, the record as it was when the editor started (or as it is now, for a pending
    change) against what the change makes it."""
    model = _model_of(correction)
    live = record_live(correction)
    if correction.status == Correction.Status.PENDING and live is not None:
        old = record_values(live, [_field(model, attname).name for attname in correction.data["fields"]])
    else:
        old = correction.record_before or {}
    changes = []
    for attname, new in correction.data["fields"].items():
        before = old.get(attname)
        if before != new:
            field = _field(model, attname)
            changes.append(FieldChange(str(field.verbose_name), _shown(field, before), _shown(field, new)))
    return changes


def _field(model, attname):
    return next(field for field in model._meta.concrete_fields if field.attname == attname)


def _shown(field, text):
    if text is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(field.to_python(text), text))
    return text


def record_is_stale(correction):
    """Whether the record was saved again since the editor started: approving would undo that save."""
    live = record_live(correction)
    if correction.record_id is None or correction.record_before is None:
        return False
    if live is None:
        return True
    return record_values(live, [_field(_model_of(correction), a).name for a in correction.record_before]) != (
        correction.record_before
    )


def record_approve(*, correction, user, comment=""):
    """Make the record what the change says (a new row for an addition); ValidationError, and nothing
    changes, when it was saved again since or no longer fits (e.g. its years now overlap another row)."""
    with transaction.atomic():
        correction = Correction.objects.select_for_update().get(pk=correction.pk)
        if correction.status != Correction.Status.PENDING:
            raise ValidationError(_("This correction has already been reviewed."))
        model = _model_of(correction)
        if correction.record_id is None:
            record = model()
        else:
            record = model._default_manager.select_for_update().filter(pk=correction.record_id).first()
            if record is None:
                raise ValidationError(_("The record was deleted after this change was submitted."))
        if record_is_stale(correction):
            raise ValidationError(_(
                "The record was saved again after this change was submitted, so approving it would undo that "
                "save. Return it to the editor to redo it on the current values."
            ))
        _apply(record, correction.data["fields"])
        record.full_clean()
        record.save()
        correction.record_id = record.pk
        correction.status = Correction.Status.APPROVED
        correction.decided_by = user
        correction.decided_at = timezone.now()
        correction.comment = comment
        correction.save(update_fields=["record_id", "status", "decided_by", "decided_at", "comment"])
        return record


def pending_record_changes(record):
    """The changes to `record` waiting for a Publisher, oldest first."""
    return Correction.objects.filter(
        record_type=ContentType.objects.get_for_model(type(record)), record_id=record.pk,
        status=Correction.Status.PENDING,
    ).select_related("submitted_by")

