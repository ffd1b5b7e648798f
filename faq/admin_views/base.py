from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.views import View


class ArticleAdminView(View):
    """A page of the article admin; `model_admin` is the ArticleAdmin that registered it."""

    model_admin = None

    def article_or_404(self, request, object_id):
        article = self.model_admin.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.model_admin.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def render(self, request, template, title, **context):
        return TemplateResponse(request, template, {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.model_admin.opts,
            "title": title,
            **context,
        })
