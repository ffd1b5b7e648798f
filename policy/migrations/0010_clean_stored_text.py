"""Removes the control characters rows were saved with before saves cleaned text (portal/text.py)."""

from django.db import migrations

from portal.migrations._clean_text import clean_stored_text


class Migration(migrations.Migration):

    dependencies = [
        ("policy", "0009_seed_office_pages"),
    ]

    operations = [
        migrations.RunPython(
            clean_stored_text("policy", ["RegionalPeriod", "RequiredYearsRule"]), migrations.RunPython.noop
        ),
    ]
