"""Forms of the article admin: the article form that refuses a stale save, rows that are never
dropped silently, and the publisher's decision on a correction."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .history import changes_since
from .models import Article, ArticleChange, Significance


class RowForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None and not self.empty_permitted and not self.has_changed():
            raise ValidationError(_("This row is empty, so it cannot be saved: fill it in, or remove it with ✖."))
        return cleaned_data


class AddedRowsFormSet(BaseInlineFormSet):
    """Every row an editor added is saved or refused with a message at the row, never dropped.

    Django skips an added row left as it was (e.g. after the "+" popup failed), and the editor
    would not know their legal basis was missing. These inlines have no blank rows of their own
    (extra = 0), so every new row in a post was added on purpose.
    """

    def __init__(self, *args, returned_rows=None, **kwargs):
        """`returned_rows`: a returned correction's rows (dicts), shown in place of the saved ones. A saved
        row with the same law, checker or title takes the row's values; the other saved rows are marked
        for removal and the rest are added, so that no row is refused as taken by the saved one."""
        super().__init__(*args, **kwargs)
        self.returned_values = None
        if returned_rows is None:
            return
        unique = next(c for c in self.model._meta.constraints if isinstance(c, models.UniqueConstraint))
        key = next(name for name in unique.fields if name != self.fk.name)
        attname = self.model._meta.get_field(key).attname
        saved = {getattr(row, attname): row.pk for row in self.get_queryset()}
        self.returned_values = {saved[row[key]]: row for row in returned_rows if row[key] in saved}
        self.initial_extra = [row for row in returned_rows if row[key] not in saved]
        self.extra = len(self.initial_extra)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.initial_form_count():
            form.empty_permitted = False
        elif self.returned_values is not None:
            form.initial.update(self.returned_values.get(form.instance.pk, {"DELETE": True}))
        return form


class ArticleAdminForm(forms.ModelForm):
    """The article form; ArticleAdmin.get_form sets the statuses the signed-in user may choose.

    It carries the version of the article it was opened at: a save made by someone else since
    refuses it, says who and when and what they changed, and keeps what this editor typed.
    """

    allowed_statuses = frozenset(Article.Status.values)
    # Set by ArticleAdmin.get_form: whether a save becomes a correction waiting for review.
    staged = False
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This form does not say which version of the article it was opened "
                                      "at. Copy your text, reload the article and make your change again.")},
    )

    # Offered to publishers on a published article (ArticleAdmin.get_fieldsets); a save with it tells readers.
    change_note = forms.CharField(
        label=_("Public note on what changed"), required=False, max_length=ArticleChange.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Readers see it under “What changed” on the article, dated today, in the article's language. "
                    "Leave it empty for a change readers need not know about, such as a typo."),
    )

    # Asked on an original that has translations (ArticleAdmin.get_form removes it elsewhere).
    significance = forms.ChoiceField(
        label=_("How much this change matters to the translations"), choices=Significance.choices,
        widget=forms.RadioSelect,
        help_text=_("Typo or wording: the translations stay up to date. Content: they are marked as needing "
                    "an update. Major: they are out of date, and their readers are told so above the answer "
                    "until a translator marks them up to date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is None:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version
        status = self.fields.get("status")
        if status is not None:
            # The narrowed choices are also what the submitted value is validated against.
            status.choices = [choice for choice in Article.Status.choices if choice[0] in self.allowed_statuses]
            status.error_messages["invalid_choice"] = _(
                "You may not set this status: only publishers publish and archive articles."
            )

    @property
    def changed_data(self):
        # The significance describes the change; it is no field of the article, so never "changed" in its history.
        return [name for name in super().changed_data if name != "significance"]

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get("version")
        if self.instance.pk is None or opened is None:
            return cleaned_data
        # Locked until this save ends, so no other save slips in between the check and the write.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True)
        current = current.first()
        if current is not None and opened != current:
            self.conflict = changes_since(self.instance, opened)
            # Shown again at the current version: saving now replaces their change knowingly.
            self.data = self.data.copy()
            self.data["version"] = current
            raise ValidationError(self._conflict_message())
        return cleaned_data

    def _conflict_message(self):
        latest = self.conflict.saves[0] if self.conflict.saves else None
        when = formats.date_format(
            timezone.localtime(latest.date_created if latest else self.instance.updated_at), "DATETIME_FORMAT"
        )
        who = latest.user.get_username() if latest and latest.user else gettext("an import or the system")
        return _(
            "%(who)s saved this article at %(when)s, after you opened it. Nothing was saved: your text is "
            "kept below, and their changes are listed above it. Take what you need from them, then save "
            "again to replace their version with yours."
        ) % {"who": who, "when": when}


class CorrectionReviewForm(forms.Form):
    # Only for a correction to an original that has translations (CorrectionReviewView removes it elsewhere).
    significance = forms.ChoiceField(
        label=_("How much this change matters to the translations"), choices=Significance.choices,
        widget=forms.RadioSelect, required=False,
        help_text=_("As the editor said; change it if you judge otherwise. Applied when you approve."),
    )
    change_note = forms.CharField(
        label=_("Public note on what changed"), required=False, max_length=ArticleChange.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Written when you approve: readers see it under “What changed” on the article, dated today, "
                    "in the article's language. Leave it empty for a change readers need not know about, such "
                    "as a typo."),
    )
    comment = forms.CharField(
        label=_("Comment to the editor"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you return the correction: say what to change. The editor sees it on the "
                    "article and on their admin home page."),
    )
