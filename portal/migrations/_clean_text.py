"""Cleans the text of rows stored before saves cleaned it (portal/text.py), for each app's data migration."""

import re

from django.db import models

# A copy of portal/text.py's clean_text as it was then, not an import: a migration must do the same whenever it runs.
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c]")
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _clean_text(text):
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))


def clean_stored_text(app_label, model_names):
    """A RunPython function that cleans every CharField and TextField of the named models' rows.

    Rows are written with update(), not saved: no revision is recorded, no "updated" date moves, no
    article's version changes.
    """

    def run(apps, schema_editor):
        for model_name in model_names:
            model = apps.get_model(app_label, model_name)
            fields = [
                field.attname
                for field in model._meta.concrete_fields
                if isinstance(field, (models.CharField, models.TextField))
            ]
            # All read before any is written: SQLite does not isolate a read from writes to the same table.
            changes = []
            for row in model.objects.values("pk", *fields).iterator():
                cleaned = {
                    name: _clean_text(value)
                    for name, value in row.items()
                    if name != "pk" and isinstance(value, str) and _clean_text(value) != value
                }
                if cleaned:
                    changes.append((row["pk"], cleaned))
            for pk, cleaned in changes:
                model.objects.filter(pk=pk).update(**cleaned)

    return run
