"""Gives the Editor and Publisher groups the permissions portal/roles.py declares.

A later change to the roles adds a migration like this one, depending on the models it names.
"""

from django.db import migrations

from portal.roles import roles_grant, roles_remove


def grant(apps, schema_editor):
    roles_grant(apps)


def remove(apps, schema_editor):
    roles_remove(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("faq", "0011_search_counts_per_day"),
        ("policy", "0004_seed_required_years"),
    ]

    operations = [
        migrations.RunPython(grant, remove),
    ]
