"""Old article addresses: when a slug or a category slug changes, the old URL is kept to redirect.

pre_save receivers rather than code in Article.save(): restoring a revision saves rows raw,
bypassing save(), and a restored slug must leave its address behind too.
"""

from django.db.models.signals import pre_save

from .models import Article, Category, SlugHistory


def register():
    pre_save.connect(_article_moving, sender=Article, dispatch_uid="faq_article_address")
    pre_save.connect(_category_moving, sender=Category, dispatch_uid="faq_category_address")


def _article_moving(sender, instance, **kwargs):
    if instance.pk is None:
        return
    old = Article.objects.filter(pk=instance.pk).values("slug", "category__slug", "category_id").first()
    if old is None:
        return
    new_category_slug = (
        old["category__slug"]
        if instance.category_id == old["category_id"]
        else Category.objects.filter(pk=instance.category_id).values_list("slug", flat=True).first()
    )
    if (old["category__slug"], old["slug"]) != (new_category_slug, instance.slug):
        _remember(instance, category_slug=old["category__slug"], slug=old["slug"])
        # The new address may be one this article or another had before: it is live again now.
        SlugHistory.objects.filter(category_slug=new_category_slug, slug=instance.slug).delete()


def _category_moving(sender, instance, **kwargs):
    if instance.pk is None:
        return
    old_slug = Category.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old_slug is None or old_slug == instance.slug:
        return
    for article in Article.objects.filter(category=instance).only("pk", "slug"):
        _remember(article, category_slug=old_slug, slug=article.slug)
        SlugHistory.objects.filter(category_slug=instance.slug, slug=article.slug).delete()


def _remember(article, *, category_slug, slug):
    SlugHistory.objects.update_or_create(category_slug=category_slug, slug=slug, defaults={"article": article})


def article_moved_to(*, category_slug, slug, at=None):
    """The published article that used to live at this address, or None."""
    entry = (
        SlugHistory.objects.filter(
            category_slug=category_slug, slug=slug, article__in=Article.objects.published(at=at)
        )
        .select_related("article__category")
        .first()
    )
    return entry.article if entry else None
