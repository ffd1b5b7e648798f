from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleLegalReference, Category, LegalReference, RelatedArticle, WaitingRelatedTitle
from .services import article_link_waiting_relations


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Titles typed without picking a target find their article here, and
        # other articles' waiting links find this one.
        article_link_waiting_relations(article=form.instance)


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
