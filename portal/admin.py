from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import SiteSettings
from .selectors import site_settings_get


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list opens it, and it is never added again or deleted."""

    fieldsets = [
        (_("Hotline"), {"fields": ["hotline", "hotline_text", "hotline_text_zh"]}),
        (_("Local office"), {"fields": ["office_text", "office_text_zh", "office_url"]}),
        (_("App"), {"fields": ["app_name", "app_name_zh", "app_text", "app_text_zh", "app_url"]}),
        (_("Dates"), {"fields": ["updated_at"]}),
    ]
    readonly_fields = ["updated_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A sentence or two each: room to read them whole while editing.
        if db_field.name.endswith(("_text", "_text_zh")):
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 2})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)
        row = site_settings_get()
        if row.pk is None:
            # The defaults become the row the first time anyone with access opens it.
            row.save()
        return redirect(reverse("admin:portal_sitesettings_change", args=[row.pk]))
