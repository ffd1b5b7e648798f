"""Editors and Publishers read the dashboard (portal/roles.py)."""

from django.db import migrations

from portal.roles import roles_grant


def grant(apps, schema_editor):
    roles_grant(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("insights", "0001_initial"),
        ("portal", "0006_content_version"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
