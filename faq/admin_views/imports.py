from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from ..document_parser import DocumentError, read_document
from ..importers import ImportOutcome, article_import_document
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
    replace = forms.BooleanField(
        label=gettext_lazy("Remove what the document leaves out"), required=False,
        help_text=gettext_lazy(
            "Unticked, headings, legal basis rows, related titles and the “In short” of the article that the "
            "document does not mention are kept. Ticked, the article becomes exactly the document."
        ),
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
    # A Publisher's import into a published article waits for their confirmation: the signed document.
    confirm_token: str = ""


# A confirmation is good for a working day; the article's version is checked on top of it.
CONFIRM_MAX_AGE = 8 * 3600
_CONFIRM_SALT = "faq.import.confirm"


def _import_file(name, text, *, status, dry_run, user, replace, confirm, expected_version=None):
    """Import one document and report it. With `confirm` (a Publisher's import), an update of a published
    article is only tried, and reported with its diff and a token to confirm it with."""
    options = dict(status=status, user=user, file_name=name, replace=replace, expected_version=expected_version)
    try:
        result = article_import_document(text=text, dry_run=dry_run or confirm, **options)
        held = confirm and (
            (result.outcome == ImportOutcome.UPDATED and result.article.status == Article.Status.PUBLISHED)
            or result.publishes_laws
        )
        if confirm and not dry_run and not held:
            result = article_import_document(text=text, **options)
    except DocumentError as error:
        return FileReport(name, error=error.reason)
    token = ""
    if held and not dry_run:
        token = signing.dumps(
            {"name": name, "text": text, "version": result.version_before, "status": status, "replace": replace},
            salt=_CONFIRM_SALT, compress=True,
        )
    saved = not (dry_run or token)
    return FileReport(
        name,
        outcome=result.outcome,
        outcome_label=_OUTCOME_LABELS[result.outcome][not saved],
        title=result.article.title,
        url=reverse("admin:faq_article_change", args=[result.article.pk]) if saved else "",
        changes=result.changes,
        confirm_token=token,
    )


def _confirmed(token, *, user):
    try:
        held = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return FileReport("—", error=_("This confirmation is no longer valid; import the file again."))
    return _import_file(
        held["name"], held["text"], status=held["status"], dry_run=False, user=user, replace=held["replace"],
        confirm=False, expected_version=held["version"],
    )


class ArticleImportView(ArticleAdminView):
    """Upload documents in the seed's format; a dry run reports what would change and saves nothing.

    An Editor's update of a published article waits for review, as in the form. A Publisher's goes live
    only once they confirm it on the diff the upload shows.
    """

    def dispatch(self, request):
        admin = self.model_admin
        if not admin.has_add_permission(request) or not admin.has_change_permission(request):
            raise PermissionDenied
        can_publish = admin.has_publish_permission(request)
        form = ImportForm(request.POST or None, request.FILES or None, can_publish=can_publish)
        reports = None
        if request.method == "POST" and "_confirm" in request.POST:
            form = ImportForm(can_publish=can_publish)
            if not can_publish:
                raise PermissionDenied
            reports = [_confirmed(token, user=request.user) for token in request.POST.getlist("confirm_token")]
        elif request.method == "POST" and form.is_valid():
            reports = []
            for file in form.cleaned_data["files"]:
                try:
                    text = read_document(file)
                except DocumentError as error:
                    reports.append(FileReport(file.name, error=error.reason))
                    continue
                reports.append(_import_file(
                    file.name, text, status=form.cleaned_data.get("status") or None,
                    dry_run=form.cleaned_data["dry_run"], user=request.user,
                    replace=form.cleaned_data["replace"], confirm=can_publish,
                ))
        return self.render(
            request, "admin/faq/article/import.html", _("Import articles"),
            form=form, reports=reports,
            dry_run=form.is_bound and form.is_valid() and form.cleaned_data["dry_run"],
            to_confirm=[report for report in reports or () if report.confirm_token],
        )
