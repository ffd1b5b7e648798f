"""Page views added up for the dashboard (insights/rollups.py), filled from the counts already kept. The index
on (article, day) finds an article's counts, so the foreign key's own index goes."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from insights.rollups import page_view_sums_rebuild

    if schema_editor.connection.vendor == "postgresql":
        # A year of counts may take longer to add up than the statement timeout (portal/settings/base.py) allows.
        schema_editor.execute("SET LOCAL statement_timeout = 0")
    page_view_sums_rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0025_shared_record_changes'),
        ('insights', '0002_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='pageviewcount',
            name='article',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='faq.article', verbose_name='article'),
        ),
        migrations.CreateModel(
            name='DayViewCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('views', models.PositiveBigIntegerField(default=0, verbose_name='views')),
            ],
            options={
                'verbose_name': 'page views a day',
                'verbose_name_plural': 'page views a day',
                'constraints': [models.UniqueConstraint(fields=('day', 'language'), name='insights_dayviewcount_key')],
            },
        ),
        migrations.CreateModel(
            name='PeriodViewCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('days', models.PositiveSmallIntegerField(verbose_name='days')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('views', models.PositiveBigIntegerField(default=0, verbose_name='views')),
                ('article', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='faq.article', verbose_name='article')),
            ],
            options={
                'verbose_name': 'page views over a period',
                'verbose_name_plural': 'page views over a period',
                'indexes': [models.Index(fields=['days', 'language', '-views', 'article'], name='insights_periodview_rank')],
                'constraints': [models.UniqueConstraint(fields=('article', 'days', 'language'), name='insights_periodviewcount_key')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
