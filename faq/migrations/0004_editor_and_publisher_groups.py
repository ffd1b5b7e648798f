from django.db import migrations

# This migration used to create the Editor and Publisher groups; they are declared in
# portal/roles.py now and portal's migrations give them their permissions.


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
    ]
