"""The articles that may be out of readers' sight, indexed on their own: search bounds with their count
how many of a common word's articles readers cannot see (faq/search/)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0021_search_term_lists'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('publish_at__isnull', False), ('expire_at__isnull', False), _connector='OR'), fields=['language'], name='faq_article_maybe_hidden'),
        ),
    ]
