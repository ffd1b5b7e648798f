from django.db import migrations

# This migration used to grant the editors' permissions on checker links and policy parameters;
# the roles are declared in portal/roles.py now. It stays, empty, so the migrations after it keep
# their place in databases that applied it.


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0007_article_checkers"),
    ]

    operations = []
