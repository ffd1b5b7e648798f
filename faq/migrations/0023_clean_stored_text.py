"""Removes the control characters rows were saved with before saves cleaned text (issue 21: one vertical
tab in an article made the Atom feed answer 500)."""

from django.db import migrations

from portal.migrations._clean_text import clean_stored_text


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0022_article_maybe_hidden_index"),
    ]

    operations = [
        migrations.RunPython(
            clean_stored_text(
                "faq",
                [
                    "Category",
                    "Article",
                    "LegalReference",
                    "ArticleLegalReference",
                    "RelatedArticle",
                    "ArticleChange",
                    "Correction",
                    "SynonymGroup",
                ],
            ),
            migrations.RunPython.noop,
        ),
    ]
