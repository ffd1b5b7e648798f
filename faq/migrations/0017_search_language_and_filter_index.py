"""Faster search at scale: the index rows carry the article's language, so that the index itself keeps
a search to one language (a fourth FTS5 column on SQLite, a lexeme in the tsvector on PostgreSQL),
and a covering index on the articles lets
search check a match's language, status and window without reading the article's long row.
"""

from django.db import migrations, models

from ._vendor import run_for_vendor

TRIGGERS = ("faq_searchdocument_insert", "faq_searchdocument_delete", "faq_searchdocument_update")
COPY_LANGUAGE = (
    "UPDATE faq_searchdocument SET language = "
    "(SELECT language FROM faq_article WHERE faq_article.id = faq_searchdocument.article_id)"
)


def _sqlite_index(columns):
    """The FTS5 table over `columns` of faq_searchdocument, its triggers, and the index filled."""
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    insert = f"INSERT INTO faq_search (rowid, {listed}) VALUES (new.article_id, {new});"
    delete = f"INSERT INTO faq_search (faq_search, rowid, {listed}) VALUES ('delete', old.article_id, {old});"
    return [
        f"CREATE VIRTUAL TABLE faq_search USING fts5({listed}, content='faq_searchdocument', "
        "content_rowid='article_id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER faq_searchdocument_insert AFTER INSERT ON faq_searchdocument BEGIN {insert} END",
        f"CREATE TRIGGER faq_searchdocument_delete AFTER DELETE ON faq_searchdocument BEGIN {delete} END",
        f"CREATE TRIGGER faq_searchdocument_update AFTER UPDATE ON faq_searchdocument BEGIN {delete} {insert} END",
        "INSERT INTO faq_search (faq_search) VALUES ('rebuild')",
    ]




def _postgres_vector(language):
    """The stored tsvector, its GIN index built after it. With the language, as a lexeme no text
    gives (search terms are letters and digits), so that the index alone narrows to one language."""
    weighted = (
        "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', question), 'B') || "
        "setweight(to_tsvector('simple', body), 'C')"
    )
    if language:
        weighted += " || array_to_tsvector(ARRAY['@' || language])"
    return [
        "DROP INDEX faq_searchdocument_vector",
        "ALTER TABLE faq_searchdocument DROP COLUMN vector",
        *([COPY_LANGUAGE] if language else []),
        f"ALTER TABLE faq_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS ({weighted}) STORED",
        "CREATE INDEX faq_searchdocument_vector ON faq_searchdocument USING gin (vector)",
    ]


SQLITE_DROP = [*(f"DROP TRIGGER {trigger}" for trigger in TRIGGERS), "DROP TABLE faq_search"]
SQLITE_CREATE = [COPY_LANGUAGE, *_sqlite_index(("title", "question", "body", "language"))]
SQLITE_CREATE_BEFORE = _sqlite_index(("title", "question", "body"))


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0016_article_summary'),
    ]

    operations = [
        # The table may be rebuilt to add the column, which would drop its triggers: they go first.
        migrations.RunPython(run_for_vendor(SQLITE_DROP, []), run_for_vendor(SQLITE_CREATE_BEFORE, [])),
        migrations.AddField(
            model_name='searchdocument',
            name='language',
            field=models.CharField(default='', max_length=10),
            preserve_default=False,
        ),
        migrations.RunPython(
            run_for_vendor(SQLITE_CREATE, _postgres_vector(language=True)),
            run_for_vendor(SQLITE_DROP, _postgres_vector(language=False)),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['id', 'language', 'status', 'category', 'publish_at', 'expire_at'], name='faq_article_search_filter'),
        ),
    ]
