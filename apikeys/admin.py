"""Publishers make, name, rotate and revoke keys, set each one's quota and read its use; a key is shown once."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiKey, ApiKeyUsage
from .services import key_issue, key_revoke, key_rotate


def _shown_once(request, keys, rotated):
    """The page that shows new keys, the one time they can be seen: never kept by a browser or proxy."""
    context = {
        **admin.site.each_context(request),
        "title": _("Copy the new key now") if len(keys) == 1 else _("Copy the new keys now"),
        "keys": keys,
        "rotated": rotated,
        "opts": ApiKey._meta,
    }
    response = TemplateResponse(request, "admin/apikeys/key_shown.html", context)
    add_never_cache_headers(response)
    response.headers["Cache-Control"] += ", no-store"
    return response


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "quota_text", "status", "created_at", "rotated_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "created_by", "rotated_at", "revoked_at"]
    actions = ["rotate", "revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "quota", "quota_period"]
        return ["name", "quota", "quota_period", *self.readonly_fields]

    @admin.display(description=_("quota"))
    def quota_text(self, api_key):
        return f"{api_key.quota} {api_key.get_quota_period_display()}"

    @admin.display(description=_("status"))
    def status(self, api_key):
        return _("revoked") if api_key.revoked_at else _("active")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            request.new_api_key = key_issue(obj)
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return _shown_once(request, [(obj, request.new_api_key)], rotated=False)

    @admin.action(description=_("Rotate the selected keys (the old ones stop working)"), permissions=["change"])
    def rotate(self, request, queryset):
        active = [api_key for api_key in queryset if api_key.revoked_at is None]
        if len(active) < len(queryset):
            self.message_user(request, _("Revoked keys are not rotated: make a new key instead."), messages.WARNING)
        if not active:
            return None
        return _shown_once(request, [(api_key, key_rotate(api_key)) for api_key in active], rotated=True)

    @admin.action(description=_("Revoke the selected keys"), permissions=["change"])
    def revoke(self, request, queryset):
        for api_key in queryset:
            key_revoke(api_key)
        self.message_user(request, ngettext(
            "%(count)d key revoked: requests with it now get 401.",
            "%(count)d keys revoked: requests with them now get 401.",
            len(queryset),
        ) % {"count": len(queryset)}, messages.SUCCESS)

    def has_delete_permission(self, request, obj=None):
        # A key's use stays on record: revoke it instead.
        return False


@admin.register(ApiKeyUsage)
class ApiKeyUsageAdmin(admin.ModelAdmin):
    """Read only: counted from the requests themselves."""

    list_display = ["day", "key", "endpoint", "requests"]
    list_filter = ["key", "endpoint"]
    date_hierarchy = "day"
    list_select_related = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
