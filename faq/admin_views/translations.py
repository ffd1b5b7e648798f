from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..history import original_changes_since_update
from ..selectors import translation_progress, translations_behind
from ..services import translation_mark_up_to_date
from .base import ArticleAdminView


class TranslationChangesView(ArticleAdminView):
    """For a translator: what changed in the original since the translation was last brought up to date,
    and "Mark up to date" (on POST), which removes the readers' notice and is kept in the history."""

    def dispatch(self, request, object_id):
        translation = self.article_or_404(request, object_id)
        if translation.translation_of is None:
            raise Http404
        return super().dispatch(request, translation)

    def get(self, request, translation):
        since, changes = original_changes_since_update(translation)
        return self.render(
            request, "admin/faq/article/translation_changes.html", _("What changed in the original"),
            object=translation, subtitle=str(translation), original=translation.translation_of,
            since=since, changes=changes,
            can_mark=self.model_admin.has_change_permission(request, translation),
        )

    def post(self, request, translation):
        if not self.model_admin.has_change_permission(request, translation):
            raise PermissionDenied
        translation_mark_up_to_date(translation=translation, user=request.user)
        self.model_admin.message_user(
            request, _("The translation is marked up to date with its original; readers no longer see a notice.")
        )
        return redirect(reverse("admin:faq_article_change", args=[translation.pk]))


class TranslationDashboardView(ArticleAdminView):
    """Per language, how the originals stand in it; then the translations that fell behind, most read first."""

    def get(self, request):
        if not self.model_admin.has_view_or_change_permission(request):
            raise PermissionDenied
        return self.render(
            request, "admin/faq/article/translations.html", _("Translations"),
            progress=translation_progress(), behind=translations_behind(),
        )
