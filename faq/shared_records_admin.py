"""The admin side of faq/shared_records.py: a form save of a shared record by an Editor becomes a
change waiting in the review queue; a Publisher's save goes live and is logged there as approved.
Also the legal references' own admin, the first of those records."""

import json
import re
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.db.models import Q
from django.db.models.functions import Concat
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import LegalReference
from .shared_records import (
    is_gated_model,
    pending_record_changes,
    record_affects,
    record_change_needed,
    record_log_live,
    record_submit,
    record_values,
)


class PublisherGateAdmin:
    """Mixed into the ModelAdmin of a shared record (a legal reference, a policy row)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        record = self.get_object(request, object_id) if object_id else self.model()
        if record is not None:
            extra_context = {
                "gate_staged": record_change_needed(record=record, user=request.user),
                "gate_pending": list(pending_record_changes(record)) if record.pk else [],
                "gate_affects": record_affects(self.model, record.pk),
                **(extra_context or {}),
            }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if record_change_needed(record=obj, user=request.user):
            obj.staged_change = record_submit(
                record=obj, user=request.user, changed_fields=form.changed_data if change else None
            )
            return
        before = record_values(self.model._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if is_gated_model(self.model) and request.user.has_perm("faq.publish_article"):
            record_log_live(record=obj, before=before, user=request.user)

    def save_related(self, request, form, formsets, change):
        if not getattr(form.instance, "staged_change", None):
            super().save_related(request, form, formsets, change)

    # Nothing of a staged change is saved yet, so the record's own history has nothing to say.
    def log_addition(self, request, obj, message):
        return None if getattr(obj, "staged_change", None) else super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        return None if getattr(obj, "staged_change", None) else super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        staged = getattr(obj, "staged_change", None)
        return self._staged_response(request, staged) if staged else super().response_add(request, obj)

    def response_change(self, request, obj):
        staged = getattr(obj, "staged_change", None)
        return self._staged_response(request, staged, obj) if staged else super().response_change(request, obj)

    def _staged_response(self, request, staged, live=None):
        self.message_user(request, _(
            "Your change was sent to a publisher for review. Readers and the checkers keep the current values "
            "until it is approved."
        ))
        if IS_POPUP_VAR in request.POST and live is not None:
            # The article form's popup closes showing the reference as it still is.
            fresh = self.model._default_manager.get(pk=live.pk)
            return TemplateResponse(request, "admin/popup_response.html", {
                "popup_response_data": _popup_data(fresh),
            })
        return HttpResponseRedirect(reverse("admin:faq_correction_change", args=[staged.pk]))


def _popup_data(record):
    return json.dumps({"action": "change", "value": str(record.pk), "obj": str(record), "new_value": str(record.pk)})


@admin.register(LegalReference)
class LegalReferenceAdmin(PublisherGateAdmin, admin.ModelAdmin):
    change_form_template = "admin/faq/legalreference/change_form.html"
    list_display = ["law_name", "article_number", "checker", "url"]
    list_filter = ["law_name", "checker"]
    search_fields = ["law_name", "article_number", "text"]

    def get_search_results(self, request, queryset, search_term):
        """Finds a reference as editors name it, in the list and in the article form's autocomplete:
        "Social Insurance Law of the PRC, Article 27" as it is shown, or "社会保险法第二十七条" run together."""
        terms = [term for term in re.split(r"[\s,，、;；]+", search_term) if term]
        if not terms:
            return queryset, False
        queryset = queryset.annotate(name_and_number=Concat("law_name", "article_number"))
        for term in terms:
            queryset = queryset.filter(Q(name_and_number__icontains=term) | Q(text__icontains=term))
        return queryset, False

    def add_view(self, request, form_url="", extra_context=None):
        chosen = request.GET.get("use", "")
        if IS_POPUP_VAR in request.GET and chosen:
            reference = get_object_or_404(LegalReference, pk=int(chosen) if chosen.isdecimal() else 0)
            return self._choose_in_opener(request, reference)
        return super().add_view(request, form_url, extra_context)

    def _choose_in_opener(self, request, reference):
        """Close the "+" popup and pick `reference` in the article form, as adding it would have."""
        to_field = request.GET.get(TO_FIELD_VAR)
        if to_field and not self.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(f"The field {to_field} cannot be referenced.")
        value = reference.serializable_value(to_field or reference._meta.pk.attname)
        return TemplateResponse(request, "admin/popup_response.html", {
            "popup_response_data": json.dumps({"value": str(value), "obj": str(reference)}),
        })

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if add and form.is_bound and form.errors:
            # "Already exists": offer the existing reference instead of a dead end.
            typed = form.cleaned_data
            existing = LegalReference.objects.filter(
                law_name=typed.get("law_name", ""), article_number=typed.get("article_number", "")
            ).first()
            if existing is not None:
                context["existing_reference"] = existing
                if IS_POPUP_VAR in request.GET:
                    query = urlencode({**request.GET.dict(), "use": existing.pk})
                    context["use_existing_url"] = f"{request.path}?{query}"
                else:
                    context["use_existing_url"] = reverse("admin:faq_legalreference_change", args=[existing.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)
