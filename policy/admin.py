from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from faq.shared_records_admin import PublisherGateAdmin

from .models import RegionalPeriod, RequiredYearsRule

DAY_FIELDS = ("month", "day", "year_offset")
SOURCE_FIELDS = (
    "source_title", "source_title_zh", "source_reference", "source_reference_zh", "source_url", "source_confidence",
)


class RegionalRowAdmin(PublisherGateAdmin, admin.ModelAdmin):
    """Dated regional rows: a saved row is history, so only its last date or year may change, to close it,
    and its Chinese texts, which say the same thing to other readers."""

    list_filter = ("source_confidence", "region_name")
    search_fields = (
        "region_code", "region_name", "region_name_zh", "source_title", "source_title_zh", "source_reference",
    )
    readonly_fields = ("region_history", "created_at")
    change_form_template = "admin/shared_record_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        last_field = self.model.span_fields[1]
        fields = self.model._meta.concrete_fields
        open_fields = {last_field, *self.model.translation_fields}
        names = [field.name for field in fields if field.editable and field.name not in open_fields]
        return [*names, *self.readonly_fields]

    @admin.display(description=_("all rows for this region"))
    def region_history(self, row):
        if not row.region_code:
            return "-"
        rows = self.model.objects.filter(region_code=row.region_code)
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}: {}</li>", ((str(other), self.row_summary(other)) for other in rows)),
        )


@admin.register(RegionalPeriod)
class RegionalPeriodAdmin(RegionalRowAdmin):
    list_display = (
        "region_name", "region_code", "effective_from_year", "effective_to_year", "collection", "treatment",
        "source_confidence",
    )
    fieldsets = (
        (None, {"fields": (
            "region_code", "region_name", "region_name_zh", "effective_from_year", "effective_to_year",
        )}),
        (_("Payment (collection) period"), {"fields": (
            tuple(f"collection_start_{part}" for part in DAY_FIELDS),
            tuple(f"collection_end_{part}" for part in DAY_FIELDS),
        )}),
        (_("Cover (treatment) period"), {"fields": (
            tuple(f"treatment_start_{part}" for part in DAY_FIELDS),
            tuple(f"treatment_end_{part}" for part in DAY_FIELDS),
        )}),
        (_("Source"), {"fields": SOURCE_FIELDS}),
        (_("Local office"), {"fields": ("office_url",)}),
        (_("History"), {"fields": ("region_history", "created_at")}),
    )

    @admin.display(description=_("payment"))
    def collection(self, row):
        return _period(row.day("collection_start"), row.day("collection_end"))

    @admin.display(description=_("cover"))
    def treatment(self, row):
        return _period(row.day("treatment_start"), row.day("treatment_end"))

    def row_summary(self, row):
        return f"{self.collection(row)} / {self.treatment(row)}"


@admin.register(RequiredYearsRule)
class RequiredYearsRuleAdmin(RegionalRowAdmin):
    list_display = (
        "region_name", "region_code", "effective_from", "effective_to", "men_years", "women_years",
        "min_local_years", "source_confidence",
    )
    fieldsets = (
        (None, {"fields": ("region_code", "region_name", "region_name_zh", "effective_from", "effective_to")}),
        (_("Years required"), {"fields": ("men_years", "women_years", "min_local_years")}),
        (_("Source"), {"fields": SOURCE_FIELDS}),
        (_("Local office"), {"fields": ("office_url",)}),
        (_("History"), {"fields": ("region_history", "created_at")}),
    )

    def row_summary(self, row):
        local = _(", at least %(years)s paid locally") % {"years": row.min_local_years} if row.min_local_years else ""
        return _("men %(men)s, women %(women)s%(local)s") % {
            "men": row.men_years, "women": row.women_years, "local": local,
        }


def _period(start, end):
    return f"{_day(start)} – {_day(end)}"


def _day(day):
    offset = {-1: "Y-1", 0: "Y", 1: "Y+1"}[day.year_offset]
    return f"{day.month:02d}-{day.day:02d} {offset}"
