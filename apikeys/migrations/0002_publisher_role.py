"""Publishers manage the API keys and read their use (portal/roles.py)."""

from django.db import migrations

from portal.roles import roles_grant


def grant(apps, schema_editor):
    roles_grant(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("apikeys", "0001_initial"),
        ("portal", "0006_content_version"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
