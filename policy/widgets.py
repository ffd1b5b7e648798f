"""Dates typed as people say them: a box each for the day, the month and the year (GOV.UK's date input).

Browsers draw `<input type="date">` and `type="month"` their own way, and Chromium shows an empty month as
"--------- ----". Plain numeric boxes work everywhere. The boxes send `<name>_day`, `<name>_month` and
`<name>_year`; the widget joins them into the one ISO value the field reads, so a link or an API call may
still bring `<name>=2025-12-01` (or `1975-06`) in a single parameter.
"""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PART_LABELS = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
PART_ATTRS = {
    "day": {"maxlength": 2, "size": 2},
    "month": {"maxlength": 2, "size": 2},
    "year": {"maxlength": 4, "size": 4},
}
# Where a language writes the largest unit first, its readers type the boxes in that order too.
YEAR_FIRST_LANGUAGES = ("zh-hans",)


class DatePartsWidget(forms.MultiWidget):
    template_name = "policy/widgets/date_parts.html"

    def __init__(self, parts=("day", "month", "year"), autocomplete=None, attrs=None):
        self.parts = parts
        widgets = {}
        for part in parts:
            part_attrs = {"inputmode": "numeric", "autocomplete": autocomplete[part] if autocomplete else "off"}
            widgets[part] = forms.TextInput(attrs={**part_attrs, **PART_ATTRS[part]})
        super().__init__(widgets, attrs)

    def decompress(self, value):
        """"2025-12-01" (or "1975-06") into the boxes, in the order of `parts`."""
        if not value:
            return [None] * len(self.parts)
        pieces = str(value).split("-", 2)
        by_part = dict(zip(("year", "month", "day"), pieces, strict=False))
        # Shown as typed: "06" reads as the 6 the reader entered.
        return [by_part.get(part, "").lstrip("0") if part != "year" else by_part.get(part) for part in self.parts]

    def value_from_datadict(self, data, files, name):
        if data.get(name):
            return data[name]
        typed = dict(zip(self.parts, super().value_from_datadict(data, files, name), strict=True))
        typed = {part: (value or "").strip() for part, value in typed.items()}
        if not any(typed.values()):
            return ""
        # One-digit days and months are padded; anything else goes to the field as typed, and it says what is wrong.
        pieces = [typed["year"]] + [
            typed[part].zfill(2) if typed[part].isdigit() and len(typed[part]) == 1 else typed[part]
            for part in ("month", "day") if part in typed
        ]
        return "-".join(pieces)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def anchor_id(self, id_):
        """The id of the box a reader sees first, where an error message's link should land."""
        return f"{id_}_{self.parts.index(self.ordered_parts()[0])}"

    def ordered_parts(self):
        if get_language() in YEAR_FIRST_LANGUAGES:
            return sorted(self.parts, key=("year", "month", "day").index)
        return list(self.parts)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        boxes = dict(zip(self.parts, context["widget"]["subwidgets"], strict=True))
        context["widget"]["boxes"] = [
            {"part": part, "label": PART_LABELS[part], "widget": boxes[part]} for part in self.ordered_parts()
        ]
        return context
