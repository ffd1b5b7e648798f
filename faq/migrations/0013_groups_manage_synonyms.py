from django.db import migrations

from ._groups import grant

# Synonyms are search wording that editors keep up as they read the searches that found nothing.
SYNONYMS = [("faq", codename) for codename in (
    "add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup",
)]


def grant_permissions(apps, schema_editor):
    grant(apps, {"Editor": SYNONYMS, "Publisher": SYNONYMS})


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0012_search_index_terms_synonyms"),
    ]

    operations = [
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
