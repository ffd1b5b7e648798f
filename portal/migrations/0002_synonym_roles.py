"""Editors and publishers keep the search synonyms (portal/roles.py)."""

from django.db import migrations

from portal.roles import roles_grant


def grant(apps, schema_editor):
    roles_grant(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0012_search_index_terms_synonyms"),
        ("portal", "0001_editor_roles"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
