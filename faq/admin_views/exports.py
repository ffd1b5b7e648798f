from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from insights.article_stats import DAYS, READER_STATS, article_reader_stats
from insights.csv_export import chart_csv

from ..exporters import ExportError, article_export
from .base import ArticleAdminView


class ArticleExportView(ArticleAdminView):
    """The article as a document in the seed's format, to download."""

    def get(self, request, object_id):
        article = self.article_or_404(request, object_id)
        try:
            text = article_export(article)
        except ExportError as error:
            self.model_admin.message_user(
                request, _("This article cannot be exported: %s") % error.reason, level="error"
            )
            return redirect(reverse("admin:faq_article_change", args=[article.pk]))
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="article-{article.pk}.txt"'
        return response


class ArticleFiguresView(ArticleAdminView):
    """One of the small charts on the article's change page, its table of figures as CSV."""

    def get(self, request, object_id):
        article = self.article_or_404(request, object_id)
        if not request.user.has_perm(READER_STATS):
            raise PermissionDenied
        key = request.GET.get("export")
        chart = next((chart for chart in article_reader_stats(article) if chart.key == key), None)
        if chart is None:
            raise Http404(_("No such chart."))
        return chart_csv(chart, f"{chart.key}-{article.pk}-{DAYS}-days.csv")
