"""The search index: SearchDocument holds each article's index terms (from faq/tokenizer.py) and the
database indexes them: an FTS5 table with triggers on SQLite, a stored, GIN-indexed, weighted tsvector
on PostgreSQL. The earlier trigram index (0005) goes. Rows are written after migrate (faq/signals.py).
"""

import django.db.models.deletion
from django.db import migrations, models

from ._vendor import run_for_vendor

SQLITE_CREATE = [
    "DROP TABLE IF EXISTS faq_article_search",
    # External content: the text lives once, in faq_searchdocument; FTS5 keeps only the index.
    "CREATE VIRTUAL TABLE faq_search USING fts5(title, question, body, content='faq_searchdocument', "
    "content_rowid='article_id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER faq_searchdocument_insert AFTER INSERT ON faq_searchdocument BEGIN "
    "INSERT INTO faq_search (rowid, title, question, body) VALUES (new.article_id, new.title, new.question, new.body); "
    "END",
    "CREATE TRIGGER faq_searchdocument_delete AFTER DELETE ON faq_searchdocument BEGIN "
    "INSERT INTO faq_search (faq_search, rowid, title, question, body) "
    "VALUES ('delete', old.article_id, old.title, old.question, old.body); END",
    "CREATE TRIGGER faq_searchdocument_update AFTER UPDATE ON faq_searchdocument BEGIN "
    "INSERT INTO faq_search (faq_search, rowid, title, question, body) "
    "VALUES ('delete', old.article_id, old.title, old.question, old.body); "
    "INSERT INTO faq_search (rowid, title, question, body) VALUES (new.article_id, new.title, new.question, new.body); "
    "END",
]
SQLITE_DROP = [
    "DROP TRIGGER faq_searchdocument_insert",
    "DROP TRIGGER faq_searchdocument_delete",
    "DROP TRIGGER faq_searchdocument_update",
    "DROP TABLE faq_search",
    "CREATE VIRTUAL TABLE faq_article_search USING fts5(title, question, body, tokenize = 'trigram')",
    "INSERT INTO faq_article_search (rowid, title, question, body) SELECT id, title, question, body FROM faq_article",
]

# The terms are already tokenized: the 'simple' configuration only splits them at spaces.
POSTGRES_CREATE = [
    *(f"DROP INDEX IF EXISTS faq_article_{column}_trgm" for column in ("title", "question", "body")),
    "ALTER TABLE faq_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', question), 'B') || "
    "setweight(to_tsvector('simple', body), 'C')) STORED",
    "CREATE INDEX faq_searchdocument_vector ON faq_searchdocument USING gin (vector)",
]
POSTGRES_DROP = [
    "DROP INDEX faq_searchdocument_vector",
    "ALTER TABLE faq_searchdocument DROP COLUMN vector",
    *(f"CREATE INDEX faq_article_{column}_trgm ON faq_article USING gin ((UPPER({column}::text)) gin_trgm_ops)"
      for column in ("title", "question", "body")),
]


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0011_search_counts_per_day'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='faq.article')),
                ('title', models.TextField()),
                ('question', models.TextField()),
                ('body', models.TextField()),
            ],
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=100, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name='SynonymGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('en', 'English'), ('zh-hans', 'Simplified Chinese')], db_index=True, help_text='The language of the articles these terms find.', max_length=10, verbose_name='language')),
                ('terms', models.TextField(help_text='Two or more terms that mean the same, separated by commas, e.g. “退费, 退款, 退保” or “refund, reimbursement, money back”. A term also matches inside longer words: with “缴, 交”, a search for 交费 finds 缴费.', verbose_name='terms')),
            ],
            options={
                'verbose_name': 'synonym group',
                'verbose_name_plural': 'synonym groups',
                'ordering': ['language', 'terms'],
            },
        ),
        migrations.RunPython(
            run_for_vendor(SQLITE_CREATE, POSTGRES_CREATE), run_for_vendor(SQLITE_DROP, POSTGRES_DROP)
        ),
    ]
