"""The dashboard, in admin for Editors and Publishers: the reader statistics' list is the dashboard."""

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .csv_export import chart_csv
from .dashboard import PERIODS, dashboard, period, period_days
from .models import PageViewCount


@admin.register(PageViewCount)
class DashboardAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        days = period_days(request.GET.get("days", ""))
        sections = dashboard(period(days))
        charts = [chart for key in ("reading", "helpful", "searches", "checkers") for chart in sections[key]]
        export = request.GET.get("export")
        if export is not None:
            chart = next((chart for chart in charts if chart.key == export), None)
            if chart is None:
                raise Http404(_("No such chart."))
            return chart_csv(chart, f"{chart.key}-{days}-days.csv")
        return TemplateResponse(request, "admin/insights/dashboard.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("How the content serves readers"),
            "days": days,
            "periods": PERIODS,
            "export_base": f"?days={days}",
            "sections": [
                (_("Reading"), sections["reading"]),
                (_("“Was this helpful?”"), sections["helpful"]),
                (_("Searches"), sections["searches"]),
                (_("Checkers"), sections["checkers"]),
            ],
            "zero_results": _with_actions(request, sections["zero_results"]),
        })


def _with_actions(request, rows):
    """Each search that found nothing, with a link to add a synonym and one to write an article on it."""
    synonym_url, article_url = reverse("admin:faq_synonymgroup_add"), reverse("admin:faq_article_add")
    can_add_synonym = request.user.has_perm("faq.add_synonymgroup")
    can_write = request.user.has_perm("faq.add_article")
    for row in rows:
        if can_add_synonym:
            fields = {"language": row["language"], "terms": row["query"] + ", "}
            row["add_synonym_url"] = f"{synonym_url}?{urlencode(fields)}"
        if can_write:
            # The new article form, a draft titled with the query, in the query's language.
            row["write_url"] = f"{article_url}?{urlencode({'title': row['query'], 'language': row['language']})}"
    return rows

