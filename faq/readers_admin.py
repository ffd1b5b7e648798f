"""The admins of what readers leave and search for: votes, search counts, searches that found nothing, and
the synonym groups editors add for them."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    ArticleFeedback,
    SearchCount,
    SynonymGroup,
    ZeroResultSearch,
)


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
        if request.user.has_perm("faq.add_synonymgroup"):
            # The synonym form opens with the query filled in, for the editor to add its equivalents.
            add_url = reverse("admin:faq_synonymgroup_add")
            for row in rows:
                fields = {"language": row["language"], "terms": row["query"] + ", "}
                row["add_synonym_url"] = f"{add_url}?{urlencode(fields)}"
        return TemplateResponse(request, "admin/faq/zeroresultsearch/report.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Most frequent searches with no results"),
            "rows": rows,
            "days": days,
            "periods": self.PERIODS.values(),
        })


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """Words readers use for the same thing; search finds any of them for each."""

    list_display = ["__str__", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
