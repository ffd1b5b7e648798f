from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

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
