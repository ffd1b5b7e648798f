from django.db import migrations

from ._groups import grant

# Checker links are part of an article, like its legal basis. Dated policy parameters are only
# ever added to or closed, never deleted, so neither group gets delete on them.
ARTICLE_CHECKERS = [("faq", codename) for codename in (
    "add_articlechecker", "change_articlechecker", "delete_articlechecker", "view_articlechecker",
)]
PARAMETERS = [("policy", codename) for codename in (
    "add_regionalperiod", "change_regionalperiod", "view_regionalperiod",
    "add_requiredyearsrule", "change_requiredyearsrule", "view_requiredyearsrule",
)]


def grant_permissions(apps, schema_editor):
    grant(apps, {"Editor": ARTICLE_CHECKERS + PARAMETERS, "Publisher": ARTICLE_CHECKERS + PARAMETERS})


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0007_article_checkers"),
        ("policy", "0004_seed_required_years"),
    ]

    operations = [
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
