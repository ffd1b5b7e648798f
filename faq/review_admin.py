"""The admins of the review of changes: corrections waiting for a publisher, public change notes, and
related titles still waiting for the article they promise."""


from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_views.corrections import CorrectionReviewView
from .corrections import (
    correction_link_related,
    correction_needed,
)
from .models import (
    ArticleChange,
    Correction,
    WaitingRelatedTitle,
)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Corrections to published articles: editors follow theirs, publishers approve or return them."""

    list_display = ["subject", "submitted_by", "submitted_at", "status", "decided_by", "decided_at"]
    list_filter = ["status", "record_type"]
    list_select_related = ["article", "submitted_by", "decided_by", "record_type"]
    search_fields = ["article__title"]
    ordering = ["-submitted_at"]

    @admin.display(description=_("change to"))
    def subject(self, correction):
        return correction.subject

    def has_add_permission(self, request):
        return False  # a correction is made by saving a published article or a shared record

    def has_delete_permission(self, request, obj=None):
        return False  # kept as the record of who proposed and who decided

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("faq.change_article")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("faq.publish_article")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return CorrectionReviewView.as_view(model_admin=self)(request, object_id)


@admin.register(ArticleChange)
class ArticleChangeAdmin(admin.ModelAdmin):
    """Publishers' public notes on what changed: written when approving a correction, corrected here."""

    list_display = ["article", "changed_on", "note", "written_by"]
    list_filter = ["changed_on", "article__language"]
    list_select_related = ["article", "written_by"]
    search_fields = ["article__title", "note"]
    autocomplete_fields = ["article"]
    date_hierarchy = "changed_on"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.written_by = request.user
        super().save_model(request, obj, form, change)


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

    def save_model(self, request, obj, form, change):
        if correction_needed(article=obj.article, user=request.user):
            # Linking a published article's related title changes what readers see: it waits for review.
            correction_link_related(link=obj, user=request.user)
            self.message_user(request, _("The link was sent to a publisher for review with the article."))
            return
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return False
