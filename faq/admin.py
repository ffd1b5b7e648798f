"""The admins of categories and articles; the rest of faq's admins register from the modules imported below."""

from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from insights.article_stats import DAYS, READER_STATS, article_reader_stats

# faq's other admins register as these are imported: shared records (legal references), the review of
# changes, what readers leave.
from . import readers_admin, review_admin, shared_records_admin  # noqa: F401
from .admin_forms import AddedRowsFormSet, ArticleAdminForm, RowForm
from .admin_views.exports import ArticleExportView, ArticleFiguresView
from .admin_views.history import ArticleCompareView, ArticleRestoreView
from .admin_views.imports import ArticleImportView
from .admin_views.translations import TranslationChangesView, TranslationDashboardView
from .article_state import reader_state, warn_on_publish
from .corrections import (
    ROWS,
    correction_data,
    correction_mark_reviewed,
    correction_submit,
    returned_open,
)
from .history import article_versions
from .models import (
    Article,
    ArticleChecker,
    ArticleLegalReference,
    Category,
    Correction,
    RelatedArticle,
    TranslationState,
)
from .preview import preview_link_path, preview_path
from .services import (
    article_change_record,
    article_has_translations,
    article_link_waiting_relations,
    article_record_revision,
    article_set_status,
    translation_link_changed,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "language", "translation_of", "order", "article_count"]
    list_editable = ["order"]
    list_filter = ["language"]
    list_select_related = ["translation_of"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["translation_of"]
    fields = ["name", "slug", "description", "order", "language", "translation_of"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, category):
        return category.article_total


class ArticleRowInline(admin.TabularInline):
    form = RowForm
    formset = AddedRowsFormSet
    extra = 0


class ArticleLegalReferenceInline(ArticleRowInline):
    model = ArticleLegalReference
    autocomplete_fields = ["legal_reference"]
    fields = ["order", "heading", "legal_reference"]


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


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"
    UNTRANSLATED = "untranslated"

    def lookups(self, request, model_admin):
        return [*TranslationState.choices, (self.UNTRANSLATED, _("Original without a translation"))]

    def queryset(self, request, queryset):
        if self.value() == self.UNTRANSLATED:
            return queryset.filter(translation_of__isnull=True, translations__isnull=True)
        if self.value() in TranslationState.values:
            return queryset.filter(translation_of__isnull=False, translation_state=self.value())
        return queryset


def _correction_notices(article, user):
    """What the article form says about corrections: those waiting, and the user's own returned one."""
    corrections = article.corrections.select_related("submitted_by", "decided_by")
    pending = list(corrections.filter(status=Correction.Status.PENDING))
    returned = corrections.filter(status=Correction.Status.RETURNED, submitted_by=user).order_by("-decided_at").first()
    if returned and corrections.filter(submitted_by=user, submitted_at__gt=returned.submitted_at).exists():
        returned = None  # sent again since: the newer one is what counts
    return {"pending_corrections": pending, "returned_correction": returned}


# Each row model's list name in a correction.
_ROW_LISTS = {model: key for key, (model, _names) in ROWS.items()}


def _rows_of(formsets):
    """The rows the article would have after this post, by list name: kept and added, not deleted."""
    rows = {}
    for formset in formsets:
        kept = [
            form.instance for form in formset.forms
            if (form in formset.initial_forms or form.has_changed()) and not formset._should_delete_form(form)
        ]
        rows[_ROW_LISTS[formset.model]] = kept
    return rows


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    actions = ["submit_for_review", "mark_reviewed", "publish", "archive"]
    change_form_template = "admin/faq/article/change_form.html"
    change_list_template = "admin/faq/article/change_list.html"
    object_history_template = "admin/faq/article/object_history.html"
    formfield_overrides = {models.TextField: {"widget": LineFeedTextarea}}
    list_display = [
        "title", "category", "reader_status", "language", "translation", "reviewed_on", "helpful", "updated_at",
    ]
    list_filter = ["status", ReviewFilter, "language", TranslationFilter, "category", "checker_links__checker"]
    list_select_related = ["category"]
    search_fields = ["title", "question", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"
    inlines = [ArticleCheckerInline, ArticleLegalReferenceInline, RelatedArticleInline]
    autocomplete_fields = ["translation_of"]
    readonly_fields = ["reader_status", "review_due_on", "source_site", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status", "reader_status"]}),
        (_("Content"), {"fields": ["question", "summary", "body", "editor_note"]}),
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

    @admin.display(description=_("readers see it"), ordering="status")
    def reader_status(self, article):
        return reader_state(article) if article.pk else "—"

    def view_on_site(self, article):
        """The public page once readers can open it; before that (a draft, a scheduled article), its preview."""
        if Article.objects.published().filter(pk=article.pk).exists():
            return article.get_absolute_url()
        return preview_path(article)

    def has_publish_permission(self, request):
        return request.user.has_perm("faq.publish_article")

    @admin.display(description=_("translation"), ordering="translation_state")
    def translation(self, article):
        if article.translation_of_id is None:
            return pgettext_lazy("an article that is not a translation", "Original")
        return article.get_translation_state_display()

    @admin.display(description=_("helpful"), ordering="feedback_helpful")
    def helpful(self, article):
        if not article.feedback_total:
            return "—"
        percent = round(100 * article.feedback_helpful / article.feedback_total)
        return _("%(percent)d%% of %(total)d") % {"percent": percent, "total": article.feedback_total}

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
        if not self.writes_change_notes(request, obj):
            del form.base_fields["change_note"]
        if not article_has_translations(obj):
            del form.base_fields["significance"]
        return form

    def writes_change_notes(self, request, article):
        """A Publisher's own fix to a published article may tell readers what changed."""
        return (
            article is not None
            and article.status == Article.Status.PUBLISHED
            and self.has_publish_permission(request)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.writes_change_notes(request, obj):
            note = (pgettext_lazy("public change notes", "What changed"), {"fields": ["change_note"]})
            fieldsets = [*fieldsets, note]
        if article_has_translations(obj):
            fieldsets = [*fieldsets, (_("Translations"), {"fields": ["significance"]})]
        return fieldsets

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
        significance = form.cleaned_data.get("significance", "")
        if form.staged:
            correction_submit(
                article=Article.objects.get(pk=form.instance.pk),
                data=correction_data(article=form.instance, rows=_rows_of(formsets)),
                base_version=form.cleaned_data["version"],
                user=request.user,
                significance=significance,
            )
            return
        super().save_related(request, form, formsets, change)
        # Titles typed without picking a target find their article here, and
        # other articles' waiting links find this one.
        article_link_waiting_relations(article=form.instance)
        if "translation_of" in form.changed_data:
            translation_link_changed(article=form.instance)
        article_record_revision(article=form.instance, user=request.user, significance=significance)
        if form.instance.status == Article.Status.PUBLISHED and (not change or "status" in form.changed_data):
            warn_on_publish(self, request, form.instance)
        if "change_note" in form.cleaned_data and form.instance.status == Article.Status.PUBLISHED:
            article_change_record(article=form.instance, note=form.cleaned_data["change_note"], user=request.user)

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
            notices = _correction_notices(article, request.user)
            # A returned correction opens with the text its writer sent, to be reworked rather than retyped.
            request.returned_correction = notices["returned_correction"]
            extra_context = {
                "preview_url": preview_path(article),
                "reviewer_url": request.build_absolute_uri(preview_link_path(article)),
                "reviewer_days": settings.FAQ_PREVIEW_LINK_MAX_AGE // 86400,
                "export_url": reverse("admin:faq_article_export", args=[article.pk]),
                **notices,
                "reader_stats": article_reader_stats(article) if request.user.has_perm(READER_STATS) else None,
                # The small charts' CSV link adds "&export=<chart>" to it.
                "figures_url": reverse("admin:faq_article_figures", args=[article.pk]) + f"?days={DAYS}",
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
        def view(view_class):
            return self.admin_site.admin_view(view_class.as_view(model_admin=self))

        return [
            path("import/", view(ArticleImportView), name="faq_article_import"),
            path("translations/", view(TranslationDashboardView), name="faq_article_translations"),
            path(
                "<path:object_id>/translation/", view(TranslationChangesView), name="faq_article_translation_changes"
            ),
            path("<path:object_id>/export/", view(ArticleExportView), name="faq_article_export"),
            path("<path:object_id>/figures/", view(ArticleFiguresView), name="faq_article_figures"),
            path("<path:object_id>/history/compare/", view(ArticleCompareView), name="faq_article_compare"),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(ArticleRestoreView),
                name="faq_article_restore",
            ),
            *super().get_urls(),
        ]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = getattr(obj, "opened_rows", None)
        # Only a save that becomes a correction keeps the rows as posted; a direct save would add them twice.
        if rows is not None and self.stages_changes(request, obj):
            kwargs["returned_rows"] = rows[_ROW_LISTS[inline.model]]
        return kwargs

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        returned = getattr(request, "returned_correction", None)
        if article is not None and request.method == "GET" and returned is not None:
            returned_open(article, returned)
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        context = {"versions": list(article_versions(article)), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

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
            if self.stages_changes(request, article):
                # Readers see the review date: on a published article it waits for a publisher.
                correction_mark_reviewed(article=article, user=request.user, day=today)
                continue
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
        for article in queryset:
            warn_on_publish(self, request, article)

    @admin.action(permissions=["publish"], description=_("Archive selected articles"))
    def archive(self, request, queryset):
        moved = article_set_status(articles=queryset, status=Article.Status.ARCHIVED, user=request.user)
        self.message_user(request, ngettext("%d article archived.", "%d articles archived.", moved) % moved)
