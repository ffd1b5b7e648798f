"""Removes the control characters the site settings were saved with before saves cleaned text (portal/text.py)."""

from django.db import migrations

from ._clean_text import clean_stored_text


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0004_article_change_roles"),
    ]

    operations = [
        migrations.RunPython(clean_stored_text("portal", ["SiteSettings"]), migrations.RunPython.noop),
    ]
