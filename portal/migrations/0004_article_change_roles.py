"""Publishers write and correct the public change notes; Editors read them (portal/roles.py)."""

from django.db import migrations

from portal.roles import roles_grant


def grant(apps, schema_editor):
    roles_grant(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0019_article_changes"),
        ("portal", "0003_site_settings"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
