import json
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Concat
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .corrections import (
    ROWS,
    correction_approve,
    correction_data,
    correction_is_stale,
    correction_return,
    correction_snapshot,
    correction_submit,
)
from .exporters import ExportError, article_export
from .history import (
    article_restore,
    article_versions,
    changes_since,
    compare,
    restore_changes,
    snapshot_of_article,
    snapshot_of_version,
)
from .importers import DocumentError, Outcome, article_import_document, read_document
from .models import (
    Article,
    ArticleChecker,
    ArticleFeedback,
    ArticleLegalReference,
    Category,
    Correction,
    LegalReference,
    RelatedArticle,
    SearchCount,
    WaitingRelatedTitle,
    ZeroResultSearch,
)
from .preview import preview_link_path, preview_path
from .services import article_link_waiting_relations, article_record_revision, article_set_status


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "article_count"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, category):
        return category.article_total


class RowForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None and not self.empty_permitted and not self.has_changed():
            raise ValidationError(_("This row is empty, so it cannot be saved: fill it in, or remove it with ✖."))
        return cleaned_data


class AddedRowsFormSet(BaseInlineFormSet):
    """Every row an editor added is saved or refused with a message at the row, never dropped.

    Django skips an added row left as it was (e.g. after the "+" popup failed), and the editor
    would not know their legal basis was missing. These inlines have no blank rows of their own
    (extra = 0), so every new row in a post was added on purpose.
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.initial_form_count():
            form.empty_permitted = False
        return form


class ArticleRowInline(admin.TabularInline):
    form = RowForm
    formset = AddedRowsFormSet
    extra = 0


class ArticleLegalReferenceInline(ArticleRowInline):
    model = ArticleLegalReference
    autocomplete_fields = ["legal_reference"]
    fields = ["order", "legal_reference"]


class RelatedArticleInline(ArticleRowInline):
    model = RelatedArticle
    fk_name = "article"
    autocomplete_fields = ["target"]
    fields = ["order", "title", "target"]


class ArticleCheckerInline(ArticleRowInline):
    model = ArticleChecker
    fields = ["order", "checker"]


class LineFeedTextarea(AdminTextareaWidget):
    """Browsers post textarea line breaks as CRLF; keep the LF the stored text has, so an unchanged
    field is not reported, recorded and compared as changed."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("soon", _("Due within 30 days")),
            ("never", _("Never reviewed")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        # A draft never published has told readers nothing yet, so nothing in it can be out of date.
        been_public = queryset.filter(first_published_at__isnull=False)
        if self.value() == "overdue":
            return been_public.filter(Q(review_due_on__lte=today) | Q(review_due_on__isnull=True))
        if self.value() == "soon":
            return been_public.filter(review_due_on__gt=today, review_due_on__lte=today + timedelta(days=30))
        if self.value() == "never":
            return queryset.filter(reviewed_on__isnull=True)
        return queryset


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked as a FileField checks one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        # An empty file is reported with the others' results rather than refusing the whole upload.
        allow_empty_file=True,
        label=_("Documents"),
        help_text=_("One or more .txt documents in the seed's format (breadcrumb, question, answer, legal basis, "
                    "related articles). Each file is saved on its own."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("New articles as drafts; keep the status of existing ones"))] + list(Article.Status.choices),
        required=False,
        help_text=_("Applies to new articles, and to existing ones when chosen."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run"), required=False, initial=True,
        help_text=_("Show what would be created or changed, and save nothing."),
    )

    def __init__(self, *args, can_publish, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            # A status applies to existing articles too; an editor is not offered what they may not use.
            del self.fields["status"]


# The import report's words for each outcome: after an import, and after a dry run.
# A context, since "created" and "updated" are also the names of date fields.
_OUTCOME_LABELS = {
    Outcome.CREATED: (pgettext_lazy("import", "created"), pgettext_lazy("import", "would be created")),
    Outcome.UPDATED: (pgettext_lazy("import", "updated"), pgettext_lazy("import", "would be updated")),
    Outcome.UNCHANGED: (pgettext_lazy("import", "unchanged"), pgettext_lazy("import", "would be unchanged")),
    Outcome.SUBMITTED: (
        pgettext_lazy("import", "sent for review as a correction"),
        pgettext_lazy("import", "would be sent for review as a correction"),
    ),
}


@dataclass(frozen=True)
class FileReport:
    name: str
    outcome: str = ""
    outcome_label: str = ""
    title: str = ""
    url: str = ""
    changes: tuple = ()
    error: str = ""


def _import_file(upload, *, status, dry_run, corrections_by):
    try:
        result = article_import_document(
            text=read_document(upload), status=status, dry_run=dry_run, corrections_by=corrections_by
        )
    except DocumentError as error:
        return FileReport(upload.name, error=error.reason)
    url = "" if dry_run else reverse("admin:faq_article_change", args=[result.article.pk])
    return FileReport(
        upload.name,
        outcome=result.outcome,
        outcome_label=_OUTCOME_LABELS[result.outcome][dry_run],
        title=result.article.title,
        url=url,
        changes=result.changes,
    )


def _correction_notices(article, user):
    """What the article form says about corrections: those waiting, and the user's own returned one."""
    corrections = article.corrections.select_related("submitted_by", "decided_by")
    pending = list(corrections.filter(status=Correction.Status.PENDING))
    returned = corrections.filter(status=Correction.Status.RETURNED, submitted_by=user).order_by("-decided_at").first()
    if returned and corrections.filter(submitted_by=user, submitted_at__gt=returned.submitted_at).exists():
        returned = None  # sent again since: the newer one is what counts
    return {"pending_corrections": pending, "returned_correction": returned}


def _rows_of(formsets):
    """The rows the article would have after this post, by list name: kept and added, not deleted."""
    keys = {model: key for key, (model, _names) in ROWS.items()}
    rows = {}
    for formset in formsets:
        kept = [
            form.instance for form in formset.forms
            if (form in formset.initial_forms or form.has_changed()) and not formset._should_delete_form(form)
        ]
        rows[keys[formset.model]] = kept
    return rows


def _version_or_404(versions, version_id):
    """The version a query string names; any other text, typed or tampered, is not found."""
    return get_object_or_404(versions, pk=int(version_id) if version_id.isdecimal() else 0)


class ArticleAdminForm(forms.ModelForm):
    """The article form; ArticleAdmin.get_form sets the statuses the signed-in user may choose.

    It carries the version of the article it was opened at: a save made by someone else since
    refuses it, says who and when and what they changed, and keeps what this editor typed.
    """

    allowed_statuses = frozenset(Article.Status.values)
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This form does not say which version of the article it was opened "
                                      "at. Copy your text, reload the article and make your change again.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is None:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version
        status = self.fields.get("status")
        if status is not None:
            # The narrowed choices are also what the submitted value is validated against.
            status.choices = [choice for choice in Article.Status.choices if choice[0] in self.allowed_statuses]
            status.error_messages["invalid_choice"] = _(
                "You may not set this status: only publishers publish and archive articles."
            )

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get("version")
        if self.instance.pk is None or opened is None:
            return cleaned_data
        # Locked until this save ends, so no other save slips in between the check and the write.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True)
        current = current.first()
        if current is not None and opened != current:
            self.conflict = changes_since(self.instance, opened)
            # Shown again at the current version: saving now replaces their change knowingly.
            self.data = self.data.copy()
            self.data["version"] = current
            raise ValidationError(self._conflict_message())
        return cleaned_data

    def _conflict_message(self):
        latest = self.conflict.saves[0] if self.conflict.saves else None
        when = formats.date_format(
            timezone.localtime(latest.date_created if latest else self.instance.updated_at), "DATETIME_FORMAT"
        )
        who = latest.user.get_username() if latest and latest.user else gettext("an import or the system")
        return _(
            "%(who)s saved this article at %(when)s, after you opened it. Nothing was saved: your text is "
            "kept below, and their changes are listed above it. Take what you need from them, then save "
            "again to replace their version with yours."
        ) % {"who": who, "when": when}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    actions = ["submit_for_review", "mark_reviewed", "publish", "archive"]
    change_form_template = "admin/faq/article/change_form.html"
    change_list_template = "admin/faq/article/change_list.html"
    object_history_template = "admin/faq/article/object_history.html"
    formfield_overrides = {models.TextField: {"widget": LineFeedTextarea}}
    list_display = ["title", "category", "status", "reviewed_on", "helpful", "updated_at"]
    list_filter = ["status", ReviewFilter, "language", "category", "checker_links__checker"]
    list_select_related = ["category"]
    search_fields = ["title", "question", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"
    inlines = [ArticleCheckerInline, ArticleLegalReferenceInline, RelatedArticleInline]
    autocomplete_fields = ["translation_of"]
    readonly_fields = ["review_due_on", "source_site", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status"]}),
        (_("Content"), {"fields": ["question", "body", "editor_note"]}),
        (_("Publishing window"), {"fields": ["publish_at", "expire_at"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (_("Review"), {"fields": ["reviewed_on", "review_every_days", "review_due_on"]}),
        (_("Dates"), {"fields": ["source_site", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        # Feedback counts for the list in the same query, whatever the page size.
        return super().get_queryset(request).annotate(
            feedback_total=Count("feedback"), feedback_helpful=Count("feedback", filter=Q(feedback__helpful=True))
        )

    @admin.display(description=_("helpful"), ordering="feedback_helpful")
    def helpful(self, article):
        if not article.feedback_total:
            return "—"
        percent = round(100 * article.feedback_helpful / article.feedback_total)
        return _("%(percent)d%% of %(total)d") % {"percent": percent, "total": article.feedback_total}

    def has_publish_permission(self, request):
        return request.user.has_perm("faq.publish_article")

    def allowed_statuses(self, request, article):
        """Publishers set any status. Editors move drafts to review and back; an article already
        published or archived keeps its status, since taking it offline is a publisher's call."""
        if self.has_publish_permission(request):
            return frozenset(Article.Status.values)
        if article is not None and article.status in (Article.Status.PUBLISHED, Article.Status.ARCHIVED):
            return frozenset({article.status})
        return frozenset({Article.Status.DRAFT, Article.Status.IN_REVIEW})

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.allowed_statuses = self.allowed_statuses(request, obj)
        form.staged = self.stages_changes(request, obj)
        return form

    def stages_changes(self, request, article):
        """An Editor's change to a published article waits for a Publisher as a correction;
        readers keep the published text meanwhile. A Publisher's own fix goes live at once."""
        return (
            article is not None
            and article.status == Article.Status.PUBLISHED
            and not self.has_publish_permission(request)
        )

    def save_model(self, request, obj, form, change):
        if not form.staged:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if form.staged:
            correction_submit(
                article=Article.objects.get(pk=form.instance.pk),
                data=correction_data(article=form.instance, rows=_rows_of(formsets)),
                base_version=form.cleaned_data["version"],
                user=request.user,
            )
            return
        super().save_related(request, form, formsets, change)
        # Titles typed without picking a target find their article here, and
        # other articles' waiting links find this one.
        article_link_waiting_relations(article=form.instance)
        article_record_revision(article=form.instance, user=request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        if form.staged:
            return gettext("Submitted a correction for review.")  # nothing of it is saved to the article yet
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if not self.stages_changes(request, Article.objects.get(pk=obj.pk)):
            return super().response_change(request, obj)
        self.message_user(request, _(
            "Your correction was sent to a publisher for review. Readers see the published text until it is "
            "approved."
        ))
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:faq_article_changelist"))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Moving the window of a published article publishes or withdraws it.
            readonly += ["publish_at", "expire_at"]
        return readonly

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, object_id) if object_id else None
        if article is not None:
            extra_context = {
                "preview_url": preview_path(article),
                "reviewer_url": request.build_absolute_uri(preview_link_path(article)),
                "reviewer_days": settings.FAQ_PREVIEW_LINK_MAX_AGE // 86400,
                "export_url": reverse("admin:faq_article_export", args=[article.pk]),
                **_correction_notices(article, request.user),
                **(extra_context or {}),
            }
        # One revision per save, filled in save_related once the inlines are saved too.
        with reversion.create_revision(manage_manually=True):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        reversion.set_comment(entry.get_change_message() or _("Created."))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        reversion.set_comment(entry.get_change_message() or _("Saved without changes."))
        return entry

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="faq_article_import"),
            path("<path:object_id>/export/", self.admin_site.admin_view(self.export_view), name="faq_article_export"),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="faq_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="faq_article_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        versions = list(article_versions(article))
        context = {"versions": versions, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def compare_view(self, request, object_id):
        """What changed, field by field, between two versions, or between a version and the article now."""
        article = self._article_or_404(request, object_id)
        versions = article_versions(article)
        old = _version_or_404(versions, request.GET.get("from", ""))
        new_id = request.GET.get("to", "current")
        if new_id == "current":
            new, new_snapshot = None, snapshot_of_article(article)
        else:
            new = _version_or_404(versions, new_id)
            new_snapshot = snapshot_of_version(new)
        return self._history_page(
            request, article, "admin/faq/article/compare.html", _("Compare versions"),
            old=old, new=new, changes=compare(snapshot_of_version(old), new_snapshot),
        )

    def restore_view(self, request, object_id, version_id):
        """A confirmation page showing what restoring would change; restores on POST."""
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(article_versions(article), pk=version_id)
        if request.method == "POST":
            try:
                article_restore(article=article, version=version, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("This version cannot be restored: %s") % " ".join(error.messages),
                    level="error",
                )
                return redirect(request.path)
            self.message_user(
                request, _("The older version was restored. The text it replaced is kept in the history.")
            )
            return redirect(reverse("admin:faq_article_history", args=[article.pk]))
        changes = restore_changes(article=article, version=version)
        return self._history_page(
            request, article, "admin/faq/article/restore.html", _("Restore an older version"),
            version=version, changes=changes,
        )

    def import_view(self, request):
        """Upload documents in the seed's format; a dry run reports what would change and saves nothing."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        can_publish = self.has_publish_permission(request)
        form = ImportForm(request.POST or None, request.FILES or None, can_publish=can_publish)
        reports = None
        if request.method == "POST" and form.is_valid():
            reports = [
                _import_file(
                    file, status=form.cleaned_data.get("status") or None, dry_run=form.cleaned_data["dry_run"],
                    # An Editor's update of a published article waits for review, as in the form.
                    corrections_by=None if can_publish else request.user,
                )
                for file in form.cleaned_data["files"]
            ]
        return TemplateResponse(request, "admin/faq/article/import.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import articles"),
            "form": form,
            "reports": reports,
            "dry_run": form.is_bound and form.is_valid() and form.cleaned_data["dry_run"],
        })

    def export_view(self, request, object_id):
        """The article as a document in the seed's format, to download."""
        article = self._article_or_404(request, object_id)
        try:
            text = article_export(article)
        except ExportError as error:
            self.message_user(request, _("This article cannot be exported: %s") % error.reason, level="error")
            return redirect(reverse("admin:faq_article_change", args=[article.pk]))
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="article-{article.pk}.txt"'
        return response

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _history_page(self, request, article, template, title, **context):
        return TemplateResponse(request, template, {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": article,
            "title": title,
            "subtitle": str(article),
            **context,
        })

    @admin.action(permissions=["change"], description=_("Submit selected drafts for review"))
    def submit_for_review(self, request, queryset):
        drafts = queryset.filter(status=Article.Status.DRAFT)
        moved = article_set_status(articles=drafts, status=Article.Status.IN_REVIEW, user=request.user)
        self.message_user(
            request, ngettext("%d article submitted for review.", "%d articles submitted for review.", moved) % moved
        )

    @admin.action(permissions=["change"], description=_("Mark selected articles as reviewed today"))
    def mark_reviewed(self, request, queryset):
        today = timezone.localdate()
        for article in queryset:
            article.reviewed_on = today
            article.save(update_fields=["reviewed_on", "updated_at"])
            article_record_revision(article=article, user=request.user, comment=str(_("Reviewed")))
        count = len(queryset)
        self.message_user(request, ngettext("%d article marked as reviewed.", "%d articles marked as reviewed.", count)
                          % count)

    @admin.action(permissions=["publish"], description=_("Publish selected articles"))
    def publish(self, request, queryset):
        moved = article_set_status(articles=queryset, status=Article.Status.PUBLISHED, user=request.user)
        self.message_user(request, ngettext("%d article published.", "%d articles published.", moved) % moved)

    @admin.action(permissions=["publish"], description=_("Archive selected articles"))
    def archive(self, request, queryset):
        moved = article_set_status(articles=queryset, status=Article.Status.ARCHIVED, user=request.user)
        self.message_user(request, ngettext("%d article archived.", "%d articles archived.", moved) % moved)


class CorrectionReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the editor"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you return the correction: say what to change. The editor sees it on the "
                    "article and on their admin home page."),
    )


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Corrections to published articles: editors follow theirs, publishers approve or return them."""

    list_display = ["article", "submitted_by", "submitted_at", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["article", "submitted_by", "decided_by"]
    search_fields = ["article__title"]
    ordering = ["-submitted_at"]

    def has_add_permission(self, request):
        return False  # a correction is made by saving a published article

    def has_delete_permission(self, request, obj=None):
        return False  # kept as the record of who proposed and who decided

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("faq.change_article")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("faq.publish_article")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page: the correction against the live article; approve or return it."""
        correction = self.get_object(request, object_id)
        if correction is None:
            raise Http404
        if not self.has_view_permission(request, correction):
            raise PermissionDenied
        pending = correction.status == Correction.Status.PENDING
        can_decide = pending and self.has_change_permission(request, correction)
        form = CorrectionReviewForm(request.POST or None)
        if request.method == "POST":
            if not can_decide:
                raise PermissionDenied
            if form.is_valid():
                response = self._decide(request, correction, form)
                if response is not None:
                    return response
        article = correction.article
        stale = pending and correction_is_stale(correction)
        return TemplateResponse(request, "admin/faq/correction/review.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review a correction"),
            "subtitle": str(article),
            "correction": correction,
            "article": article,
            "changes": compare(snapshot_of_article(article), correction_snapshot(correction, article=article)),
            "stale_saves": changes_since(article, correction.base_version).saves if stale else None,
            "can_decide": can_decide,
            "form": form,
        })

    def _decide(self, request, correction, form):
        comment = form.cleaned_data["comment"]
        try:
            if "_approve" in request.POST:
                article = correction_approve(correction=correction, user=request.user, comment=comment)
                self.message_user(request, _("The correction is published: readers now see it."))
                return redirect(reverse("admin:faq_article_change", args=[article.pk]))
            correction_return(correction=correction, user=request.user, comment=comment)
        except ValidationError as error:
            form.add_error(None, error)
            return None
        self.message_user(request, _("The correction was returned to %(editor)s with your comment.") % {
            "editor": correction.submitted_by.get_username()
        })
        return redirect(reverse("admin:index"))


@admin.register(LegalReference)
class LegalReferenceAdmin(admin.ModelAdmin):
    change_form_template = "admin/faq/legalreference/change_form.html"
    list_display = ["law_name", "article_number", "checker", "url"]
    list_filter = ["law_name", "checker"]
    search_fields = ["law_name", "article_number", "text"]

    def get_search_results(self, request, queryset, search_term):
        """Finds a reference as editors name it, in the list and in the article form's autocomplete:
        "Social Insurance Law of the PRC, Article 27" as it is shown, or "社会保险法第二十七条" run together."""
        terms = [term for term in re.split(r"[\s,，、;；]+", search_term) if term]
        if not terms:
            return queryset, False
        queryset = queryset.annotate(name_and_number=Concat("law_name", "article_number"))
        for term in terms:
            queryset = queryset.filter(Q(name_and_number__icontains=term) | Q(text__icontains=term))
        return queryset, False

    def add_view(self, request, form_url="", extra_context=None):
        chosen = request.GET.get("use", "")
        if IS_POPUP_VAR in request.GET and chosen:
            reference = get_object_or_404(LegalReference, pk=int(chosen) if chosen.isdecimal() else 0)
            return self._choose_in_opener(request, reference)
        return super().add_view(request, form_url, extra_context)

    def _choose_in_opener(self, request, reference):
        """Close the "+" popup and pick `reference` in the article form, as adding it would have."""
        to_field = request.GET.get(TO_FIELD_VAR)
        if to_field and not self.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(f"The field {to_field} cannot be referenced.")
        value = reference.serializable_value(to_field or reference._meta.pk.attname)
        return TemplateResponse(request, "admin/popup_response.html", {
            "popup_response_data": json.dumps({"value": str(value), "obj": str(reference)}),
        })

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if add and form.is_bound and form.errors:
            # "Already exists": offer the existing reference instead of a dead end.
            typed = form.cleaned_data
            existing = LegalReference.objects.filter(
                law_name=typed.get("law_name", ""), article_number=typed.get("article_number", "")
            ).first()
            if existing is not None:
                context["existing_reference"] = existing
                if IS_POPUP_VAR in request.GET:
                    query = urlencode({**request.GET.dict(), "use": existing.pk})
                    context["use_existing_url"] = f"{request.path}?{query}"
                else:
                    context["use_existing_url"] = reverse("admin:faq_legalreference_change", args=[existing.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(WaitingRelatedTitle)
class WaitingRelatedTitleAdmin(admin.ModelAdmin):
    """What readers were promised but cannot open yet: the editors' to-write list."""

    list_display = ["title", "article", "order"]
    list_select_related = ["article"]
    search_fields = ["title", "article__title"]
    ordering = ["title"]
    fields = ["title", "article", "target", "order"]
    readonly_fields = ["title", "article"]
    autocomplete_fields = ["target"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(target__isnull=True)

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """What readers did, kept as it happened: listed for reading, never added or edited in admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(ReadOnlyAdmin):
    """What readers said, to read and filter."""

    list_display = ["article", "helpful", "reason", "comment", "created_at"]
    list_filter = ["helpful", "reason", "created_at", "article__category"]
    list_select_related = ["article"]
    search_fields = ["article__title", "comment"]
    date_hierarchy = "created_at"


@admin.register(SearchCount)
class SearchCountAdmin(ReadOnlyAdmin):
    list_display = ["day", "query", "language", "searches", "result_count"]
    list_filter = ["language", "day"]
    search_fields = ["query"]
    date_hierarchy = "day"


@admin.register(ZeroResultSearch)
class ZeroResultSearchAdmin(ReadOnlyAdmin):
    """The most frequent searches that found nothing: topics readers want and the site lacks."""

    PERIODS = {"7": 7, "30": 30, "365": 365}

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        period = request.GET.get("days", "30")
        days = self.PERIODS.get(period, 30)
        since = timezone.localdate() - timedelta(days=days)
        rows = (
            SearchCount.objects.filter(result_count=0, day__gt=since)
            .values("query", "language")
            .annotate(searches=Sum("searches"), last_searched=Max("day"))
            .order_by("-searches", "query")[:100]
        )
        languages = dict(settings.LANGUAGES)
        rows = [{**row, "language_name": languages.get(row["language"], row["language"])} for row in rows]
        return TemplateResponse(request, "admin/faq/zeroresultsearch/report.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Most frequent searches with no results"),
            "rows": rows,
            "days": days,
            "periods": self.PERIODS.values(),
        })
