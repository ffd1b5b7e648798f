"""Keep the search index in step with the articles.

Signals, not calls from each save path: the admin, the importer, the workflow actions and restores
all save articles, and one missed call would leave search quietly stale. Status and publishing-window
changes need no index update, because search applies Article.objects.published() when it runs;
a deleted article's index row goes with it (a cascade), and takes its place in the terms' counts
and lists with it.
"""

from django.db import connections
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Article, SearchDocument, SearchStatistics
from .search_index import INDEXED_FIELDS, search_index_articles, search_index_rebuild, search_index_removed


@receiver(post_save, sender=Article)
def article_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or INDEXED_FIELDS & set(update_fields):
        search_index_articles([instance])


@receiver(post_delete, sender=SearchDocument)
def search_document_deleted(sender, instance, **kwargs):
    search_index_removed(instance)


def index_after_migrate(sender, using, **kwargs):
    """After migrate, index the articles that have no index row yet (all of them on a new index), and
    list the terms if they never were."""
    # Not after migrating back to before the index (or its lists) existed.
    tables = {SearchDocument._meta.db_table, SearchStatistics._meta.db_table}
    if tables <= set(connections[using].introspection.table_names()):
        search_index_rebuild(only_missing=True)
