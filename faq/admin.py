import reversion
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .history import article_restore, article_versions, compare, snapshot_of_article, snapshot_of_version
from .models import Article, ArticleLegalReference, Category, LegalReference, RelatedArticle, WaitingRelatedTitle
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


class ArticleLegalReferenceInline(admin.TabularInline):
    model = ArticleLegalReference
    autocomplete_fields = ["legal_reference"]
    fields = ["order", "legal_reference"]
    extra = 0


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    autocomplete_fields = ["target"]
    fields = ["order", "title", "target"]
    extra = 0


class LineFeedTextarea(AdminTextareaWidget):
    """Browsers post textarea line breaks as CRLF; keep the LF the stored text has, so an unchanged
    field is not reported, recorded and compared as changed."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class ArticleAdminForm(forms.ModelForm):
    """The article form; ArticleAdmin.get_form sets the statuses the signed-in user may choose."""

    allowed_statuses = frozenset(Article.Status.values)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None:
            # The narrowed choices are also what the submitted value is validated against.
            status.choices = [choice for choice in Article.Status.choices if choice[0] in self.allowed_statuses]
            status.error_messages["invalid_choice"] = _(
                "You may not set this status: only publishers publish and archive articles."
            )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    actions = ["submit_for_review", "publish", "archive"]
    object_history_template = "admin/faq/article/object_history.html"
    formfield_overrides = {models.TextField: {"widget": LineFeedTextarea}}
    list_display = ["title", "category", "status", "checker", "updated_at"]
    list_filter = ["status", "language", "category", "checker"]
    list_select_related = ["category"]
    search_fields = ["title", "question", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"
    inlines = [ArticleLegalReferenceInline, RelatedArticleInline]
    autocomplete_fields = ["translation_of"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status"]}),
        (_("Content"), {"fields": ["question", "body", "editor_note"]}),
        (_("Publishing window"), {"fields": ["publish_at", "expire_at"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (_("Checker"), {"fields": ["checker"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]

    def has_publish_permission(self, request):
        return request.user.has_perm("faq.publish_article")

    def allowed_statuses(self, request, article):
        """Publishers set any status; editors draft and submit for review, or keep the status it has."""
        if self.has_publish_permission(request):
            return frozenset(Article.Status.values)
        allowed = {Article.Status.DRAFT, Article.Status.IN_REVIEW}
        if article is not None:
            allowed.add(article.status)
        return frozenset(allowed)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.allowed_statuses = self.allowed_statuses(request, obj)
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Moving the window of a published article publishes or withdraws it.
            readonly += ["publish_at", "expire_at"]
        return readonly

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One revision per save, filled in save_related once the inlines are saved too.
        with reversion.create_revision(manage_manually=True):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Titles typed without picking a target find their article here, and
        # other articles' waiting links find this one.
        article_link_waiting_relations(article=form.instance)
        article_record_revision(article=form.instance, user=request.user)

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
        old = get_object_or_404(versions, pk=request.GET.get("from") or 0)
        new_id = request.GET.get("to", "current")
        if new_id == "current":
            new, new_snapshot = None, snapshot_of_article(article)
        else:
            new = get_object_or_404(versions, pk=new_id if new_id.isdigit() else 0)
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
            article_restore(article=article, version=version, user=request.user)
            self.message_user(
                request, _("The older version was restored. The text it replaced is kept in the history.")
            )
            return redirect(reverse("admin:faq_article_history", args=[article.pk]))
        changes = compare(snapshot_of_article(article), snapshot_of_version(version))
        return self._history_page(
            request, article, "admin/faq/article/restore.html", _("Restore an older version"),
            version=version, changes=changes,
        )

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

    @admin.action(permissions=["publish"], description=_("Publish selected articles"))
    def publish(self, request, queryset):
        moved = article_set_status(articles=queryset, status=Article.Status.PUBLISHED, user=request.user)
        self.message_user(request, ngettext("%d article published.", "%d articles published.", moved) % moved)

    @admin.action(permissions=["publish"], description=_("Archive selected articles"))
    def archive(self, request, queryset):
        moved = article_set_status(articles=queryset, status=Article.Status.ARCHIVED, user=request.user)
        self.message_user(request, ngettext("%d article archived.", "%d articles archived.", moved) % moved)


@admin.register(LegalReference)
class LegalReferenceAdmin(admin.ModelAdmin):
    list_display = ["law_name", "article_number", "url"]
    list_filter = ["law_name"]
    search_fields = ["law_name", "article_number", "text"]


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
