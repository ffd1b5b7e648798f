from django.db import migrations

from ._groups import grant

# Nobody in either group deletes articles, categories or laws: archiving keeps an article's
# history and its URLs. Removing a legal-basis or related-article row is an edit of the article
# (it is kept in the article's history), so both groups may delete those rows.
EDITOR = [
    "add_article", "change_article", "view_article",
    "add_articlelegalreference", "change_articlelegalreference", "delete_articlelegalreference",
    "view_articlelegalreference",
    "add_relatedarticle", "change_relatedarticle", "delete_relatedarticle", "view_relatedarticle",
    "change_waitingrelatedtitle", "view_waitingrelatedtitle",
    "add_legalreference", "change_legalreference", "view_legalreference",
    "view_category",
]
PUBLISHER = EDITOR + ["publish_article", "add_category", "change_category"]


def create_groups(apps, schema_editor):
    grant(apps, {
        "Editor": [("faq", codename) for codename in EDITOR],
        "Publisher": [("faq", codename) for codename in PUBLISHER],
    })


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0003_article_language_and_translation'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['title'], 'permissions': [('publish_article', 'Can publish and archive articles')], 'verbose_name': 'article', 'verbose_name_plural': 'articles'},
        ),
        migrations.RunPython(create_groups, remove_groups),
    ]
