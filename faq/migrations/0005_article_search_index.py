"""The search index: an FTS5 trigram table on SQLite, trigram GIN indexes on PostgreSQL.

Other databases get neither; search still works there with plain LIKE matches (see faq/search/).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from ._vendor import run_for_vendor

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE faq_article_search USING fts5(title, question, body, tokenize = 'trigram')",
    "INSERT INTO faq_article_search (rowid, title, question, body) SELECT id, title, question, body FROM faq_article",
]
SQLITE_DROP = ["DROP TABLE faq_article_search"]

# Django's icontains on PostgreSQL is UPPER(column::text) LIKE UPPER(%s): these indexes serve it.
POSTGRES_CREATE = [
    f"CREATE INDEX faq_article_{column}_trgm ON faq_article USING gin ((UPPER({column}::text)) gin_trgm_ops)"
    for column in ("title", "question", "body")
]
POSTGRES_DROP = [f"DROP INDEX faq_article_{column}_trgm" for column in ("title", "question", "body")]


class Migration(migrations.Migration):

    dependencies = [
        ("faq", "0004_editor_and_publisher_groups"),
    ]

    operations = [
        # Only acts on PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(
            run_for_vendor(SQLITE_CREATE, POSTGRES_CREATE), run_for_vendor(SQLITE_DROP, POSTGRES_DROP)
        ),
    ]
