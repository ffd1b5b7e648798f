from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ..admin_forms import CorrectionReviewForm
from ..corrections import (
    correction_approve,
    correction_is_stale,
    correction_law_wordings,
    correction_return,
    correction_snapshot,
)
from ..history import FieldChange, changes_since, compare, snapshot_of_article
from ..import_merge import LAW_TEXT
from ..models import Correction
from ..services import article_has_translations
from ..shared_records import record_affects, record_approve, record_changes, record_is_stale


class CorrectionReviewView(View):
    """A correction against the live article; a publisher approves it or returns it with a comment.
    Editors read it here too, with the decision and the comment once there is one."""

    model_admin = None

    def dispatch(self, request, object_id):
        correction = self.model_admin.get_object(request, object_id)
        if correction is None:
            raise Http404
        if not self.model_admin.has_view_permission(request, correction):
            raise PermissionDenied
        pending = correction.status == Correction.Status.PENDING
        can_decide = pending and self.model_admin.has_change_permission(request, correction)
        form = CorrectionReviewForm(request.POST or None, initial={"significance": correction.significance})
        if not article_has_translations(correction.article):
            del form.fields["significance"]
        if correction.article_id is None:
            del form.fields["change_note"]  # readers' notes are on articles
        if request.method == "POST":
            if not can_decide:
                raise PermissionDenied
            if form.is_valid():
                response = self._decide(request, correction, form)
                if response is not None:
                    return response
        context = {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.model_admin.opts,
            "title": _("Review a correction") if correction.article_id else _("Review a change"),
            "subtitle": correction.subject,
            "correction": correction,
            "can_decide": can_decide,
            "form": form,
        }
        if correction.article_id is None:
            return TemplateResponse(request, "admin/faq/correction/review_record.html", {
                **context,
                "changes": record_changes(correction),
                "affects": record_affects(correction.record_type.model_class(), correction.record_id),
                "stale": pending and record_is_stale(correction),
            })
        article = correction.article
        stale = pending and correction_is_stale(correction)
        return TemplateResponse(request, "admin/faq/correction/review.html", {
            **context,
            "article": article,
            "changes": [
                *compare(snapshot_of_article(article), correction_snapshot(correction, article=article)),
                *(
                    FieldChange(str(LAW_TEXT % {"reference": reference}), reference.text, text)
                    for reference, text in correction_law_wordings(correction) if reference.text != text
                ),
            ],
            "stale_saves": changes_since(article, correction.base_version).saves if stale else None,
        })

    def _decide(self, request, correction, form):
        comment = form.cleaned_data["comment"]
        try:
            if "_approve" in request.POST and correction.article_id is None:
                record_approve(correction=correction, user=request.user, comment=comment)
                self.model_admin.message_user(request, _("The change is approved: readers and checkers now see it."))
                return redirect(reverse("admin:faq_correction_changelist"))
            if "_approve" in request.POST:
                article = correction_approve(
                    correction=correction, user=request.user, comment=comment,
                    change_note=form.cleaned_data["change_note"],
                    significance=form.cleaned_data.get("significance", ""),
                )
                self.model_admin.message_user(request, _("The correction is published: readers now see it."))
                return redirect(reverse("admin:faq_article_change", args=[article.pk]))
            correction_return(correction=correction, user=request.user, comment=comment)
        except ValidationError as error:
            form.add_error(None, error)
            return None
        self.model_admin.message_user(
            request,
            _("The correction was returned to %(editor)s with your comment.")
            % {"editor": correction.submitted_by.get_username()},
        )
        return redirect(reverse("admin:index"))
