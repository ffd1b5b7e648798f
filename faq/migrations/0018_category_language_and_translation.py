import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q


def categories_take_their_articles_language(apps, schema_editor):
    """Categories had no language: those whose articles are mostly Chinese are Chinese ones."""
    Category = apps.get_model("faq", "Category")
    chinese = (
        Category.objects.annotate(
            chinese=Count("articles", filter=Q(articles__language="zh-hans")),
            other=Count("articles", filter=~Q(articles__language="zh-hans")),
        )
        .filter(chinese__gt=models.F("other"))
        .values_list("pk", flat=True)
    )
    Category.objects.filter(pk__in=list(chinese)).update(language="zh-hans")


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0017_search_language_and_filter_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("zh-hans", "Simplified Chinese")],
                default="en",
                help_text="The language of the category's name and description; its page opens in that language.",
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.AddField(
            model_name="category",
            name="translation_of",
            field=models.ForeignKey(
                blank=True,
                help_text="The original category this one translates. The language switch goes from each to the other.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="translations",
                to="faq.category",
                verbose_name="translation of",
            ),
        ),
        migrations.AddField(
            model_name="articlelegalreference",
            name="heading",
            field=models.CharField(
                blank=True,
                help_text="The point of the answer this reference supports, e.g. “After retirement”. Consecutive rows "
                "with the same heading are shown under it.",
                max_length=200,
                verbose_name="heading",
            ),
        ),
        migrations.RunPython(categories_take_their_articles_language, migrations.RunPython.noop),
    ]
