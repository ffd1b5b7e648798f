"""Each term's articles listed by score (SearchTerm, SearchPosting) and the counts scores are measured
against (SearchStatistics): a common word's first pages without ranking every match. The lists are
filled after migrate (faq/signals.py) and kept by every save (faq/search_index.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0020_article_category_listing_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchStatistics',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10, unique=True)),
                ('articles', models.PositiveIntegerField(default=0)),
                ('length', models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10)),
                ('term', models.TextField()),
                ('documents', models.PositiveIntegerField(default=0)),
                ('floor', models.FloatField(blank=True, null=True)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('language', 'term'), name='faq_searchterm_language_term')],
            },
        ),
        migrations.CreateModel(
            name='SearchPosting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField()),
                ('article', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='faq.article')),
                ('term', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='faq.searchterm')),
            ],
            options={
                'indexes': [models.Index(fields=['term', 'article', 'score'], name='faq_searchposting_term')],
            },
        ),
    ]
