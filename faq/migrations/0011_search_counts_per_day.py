# The search log keeps counts per query per day instead of a row per search. The editors' permission
# to read the counts is declared in portal/roles.py.

from django.db import migrations, models
from django.db.models import Max, Sum
from django.db.models.functions import TruncDate


def count_logged_searches(apps, schema_editor):
    SearchQuery = apps.get_model("faq", "SearchQuery")
    SearchCount = apps.get_model("faq", "SearchCount")
    days = (
        SearchQuery.objects.annotate(day=TruncDate("created_at"))
        .values("day", "query", "language")
        .annotate(searches=models.Count("id"), result_count=Max("result_count"))
    )
    SearchCount.objects.bulk_create(SearchCount(**row) for row in days)


def sum_counts_back(apps, schema_editor):
    # Going back, each day's count becomes one row: the number of searches is not restored.
    SearchQuery = apps.get_model("faq", "SearchQuery")
    SearchCount = apps.get_model("faq", "SearchCount")
    for row in SearchCount.objects.values("query", "language", "result_count").annotate(total=Sum("searches")):
        SearchQuery.objects.create(query=row["query"], language=row["language"], result_count=row["result_count"])


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0010_review_interval_bounds'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ZeroResultSearch',
        ),
        migrations.CreateModel(
            name='SearchCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(db_index=True, verbose_name='day')),
                ('query', models.CharField(help_text='As typed, in lower case with spaces collapsed, so the same search counts once.', max_length=200, verbose_name='query')),
                ('language', models.CharField(choices=[('en', 'English'), ('zh-hans', 'Simplified Chinese')], max_length=10, verbose_name='language')),
                ('searches', models.PositiveIntegerField(default=0, verbose_name='searches')),
                ('result_count', models.PositiveIntegerField(help_text='Results the latest search found.', verbose_name='results')),
            ],
            options={
                'verbose_name': 'search count',
                'verbose_name_plural': 'search counts',
                'ordering': ['-day', '-searches'],
            },
        ),
        migrations.AddConstraint(
            model_name='searchcount',
            constraint=models.UniqueConstraint(fields=('day', 'query', 'language'), name='faq_searchcount_one_row_a_day'),
        ),
        migrations.RunPython(count_logged_searches, sum_counts_back),
        migrations.DeleteModel(
            name='SearchQuery',
        ),
        migrations.CreateModel(
            name='ZeroResultSearch',
            fields=[],
            options={
                'verbose_name': 'search with no results',
                'verbose_name_plural': 'searches with no results',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('faq.searchcount',),
        ),
    ]
