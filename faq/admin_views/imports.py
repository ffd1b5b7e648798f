from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from ..importers import DocumentError, ImportOutcome, article_import_document, read_document
from ..models import Article
from .base import ArticleAdminView


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked as a FileField checks one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        # An empty file is reported with the others' results rather than refusing the whole upload.
        allow_empty_file=True,
        label=gettext_lazy("Documents"),
        help_text=gettext_lazy(
            "One or more .txt documents in the seed's format (breadcrumb, question, answer, legal basis, "
            "related articles). Each file is saved on its own."
        ),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("New articles as drafts; keep the status of existing ones"))]
        + list(Article.Status.choices),
        required=False,
        help_text=gettext_lazy("Applies to new articles, and to existing ones when chosen."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run"), required=False, initial=True,
        help_text=gettext_lazy("Show what would be created or changed, and save nothing."),
    )

    def __init__(self, *args, can_publish, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            # A status applies to existing articles too; an editor is not offered what they may not use.
            del self.fields["status"]


# The import report's words for each outcome: after an import, and after a dry run.
# A context, since "created" and "updated" are also the names of date fields.
_OUTCOME_LABELS = {
    ImportOutcome.CREATED: (pgettext_lazy("import", "created"), pgettext_lazy("import", "would be created")),
    ImportOutcome.UPDATED: (pgettext_lazy("import", "updated"), pgettext_lazy("import", "would be updated")),
    ImportOutcome.UNCHANGED: (pgettext_lazy("import", "unchanged"), pgettext_lazy("import", "would be unchanged")),
    ImportOutcome.SUBMITTED: (
        pgettext_lazy("import", "sent for review as a correction"),
        pgettext_lazy("import", "would be sent for review as a correction"),
    ),
}


@dataclass(frozen=True)
class FileReport:
    name: str
    outcome: str = ""
    outcome_label: str = ""
    title: str = ""
    url: str = ""
    changes: tuple = ()
    error: str = ""


def _import_file(upload, *, status, dry_run, corrections_by):
    try:
        result = article_import_document(
            text=read_document(upload), status=status, dry_run=dry_run, corrections_by=corrections_by
        )
    except DocumentError as error:
        return FileReport(upload.name, error=error.reason)
    url = "" if dry_run else reverse("admin:faq_article_change", args=[result.article.pk])
    return FileReport(
        upload.name,
        outcome=result.outcome,
        outcome_label=_OUTCOME_LABELS[result.outcome][dry_run],
        title=result.article.title,
        url=url,
        changes=result.changes,
    )


class ArticleImportView(ArticleAdminView):
    """Upload documents in the seed's format; a dry run reports what would change and saves nothing."""

    def dispatch(self, request):
        admin = self.model_admin
        if not admin.has_add_permission(request) or not admin.has_change_permission(request):
            raise PermissionDenied
        can_publish = admin.has_publish_permission(request)
        form = ImportForm(request.POST or None, request.FILES or None, can_publish=can_publish)
        reports = None
        if request.method == "POST" and form.is_valid():
            reports = [
                _import_file(
                    file, status=form.cleaned_data.get("status") or None, dry_run=form.cleaned_data["dry_run"],
                    # An Editor's update of a published article waits for review, as in the form.
                    corrections_by=None if can_publish else request.user,
                )
                for file in form.cleaned_data["files"]
            ]
        return self.render(
            request, "admin/faq/article/import.html", _("Import articles"),
            form=form, reports=reports,
            dry_run=form.is_bound and form.is_valid() and form.cleaned_data["dry_run"],
        )
