from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..corrections import correction_data_of_version, correction_submit
from ..history import (
    article_restore,
    article_versions,
    compare,
    restore_changes,
    snapshot_of_article,
    snapshot_of_version,
)
from .base import ArticleAdminView


def _notes_since(article, version):
    """The public notes on what changed written after `version` was saved."""
    return article.changes.filter(created_at__gt=version.revision.date_created)


def _version_or_404(versions, version_id):
    """The version a query string names; any other text, typed or tampered, is not found."""
    return get_object_or_404(versions, pk=int(version_id) if version_id.isdecimal() else 0)


class ArticleHistoryPage(ArticleAdminView):
    def render_article(self, request, article, template, title, **context):
        return self.render(request, template, title, object=article, subtitle=str(article), **context)


class ArticleCompareView(ArticleHistoryPage):
    """What changed, field by field, between two versions, or between a version and the article now."""

    def get(self, request, object_id):
        article = self.article_or_404(request, object_id)
        versions = article_versions(article)
        old = _version_or_404(versions, request.GET.get("from", ""))
        new_id = request.GET.get("to", "current")
        if new_id == "current":
            new, new_snapshot = None, snapshot_of_article(article)
        else:
            new = _version_or_404(versions, new_id)
            new_snapshot = snapshot_of_version(new)
        return self.render_article(
            request, article, "admin/faq/article/compare.html", _("Compare versions"),
            old=old, new=new, changes=compare(snapshot_of_version(old), new_snapshot),
        )


class ArticleRestoreView(ArticleHistoryPage):
    """A confirmation page showing what restoring would change; restores on POST."""

    def dispatch(self, request, object_id, version_id):
        article = self.article_or_404(request, object_id)
        if not self.model_admin.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(article_versions(article), pk=version_id)
        return super().dispatch(request, article, version)

    def get(self, request, article, version):
        return self.render_article(
            request, article, "admin/faq/article/restore.html", _("Restore an older version"),
            version=version, changes=restore_changes(article=article, version=version),
            staged=self.model_admin.stages_changes(request, article),
            later_notes=_notes_since(article, version),
            can_remove_notes=request.user.has_perm("faq.delete_articlechange"),
        )

    def post(self, request, article, version):
        if self.model_admin.stages_changes(request, article):
            # An Editor's restore of a published article waits for a publisher, as any change of theirs.
            correction_submit(
                article=article, data=correction_data_of_version(version), base_version=article.version,
                user=request.user,
            )
            self.model_admin.message_user(request, _(
                "The older version was sent to a publisher for review as a correction. Readers see the "
                "published text until it is approved."
            ))
            return redirect(reverse("admin:faq_article_change", args=[article.pk]))
        try:
            with transaction.atomic():
                article_restore(article=article, version=version, user=request.user)
                if request.POST.get("remove_notes") and request.user.has_perm("faq.delete_articlechange"):
                    # The notes told readers about text that is no longer there.
                    _notes_since(article, version).delete()
        except ValidationError as error:
            self.model_admin.message_user(
                request, _("This version cannot be restored: %s") % " ".join(error.messages), level="error"
            )
            return redirect(request.path)
        self.model_admin.message_user(
            request, _("The older version was restored. The text it replaced is kept in the history.")
        )
        return redirect(reverse("admin:faq_article_history", args=[article.pk]))
