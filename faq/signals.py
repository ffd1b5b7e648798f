"""Keep the search index in step with the articles.

Signals, not calls from each save path: the admin, the importer and the workflow actions all save
articles, and one missed call would leave search quietly stale. Status and publishing-window changes
need no index update, because search filters by Article.objects.published() when it runs.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Article
from .search import search_index_rebuild, search_index_remove, search_index_update

INDEXED_FIELDS = {"title", "question", "body"}


@receiver(post_save, sender=Article)
def article_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or INDEXED_FIELDS & set(update_fields):
        search_index_update(instance)


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    search_index_remove(instance.pk)


def rebuild_after_migrate(sender, **kwargs):
    """After migrate or flush (which empties tables the index is not one of), start the index afresh."""
    search_index_rebuild()
