"""The Atom feed of new and updated articles, one per language (/feeds/articles.atom, /zh-hans/…)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.text import clean_text

from .markdown import render_markdown
from .models import Article

FEED_LENGTH = 30


class ArticleFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return f"{settings.PORTAL_NAME}: {_('New and updated answers')}"

    def subtitle(self):
        return _("Clear answers to social-security and medical-insurance questions for job seekers.")

    def link(self):
        return reverse("home")

    def items(self):
        return (
            Article.objects.published()
            .filter(language=get_language())
            .select_related("category")
            .order_by("-updated_at", "pk")[:FEED_LENGTH]
        )

    # Saves clean an article's text, but a row written past them (QuerySet.update, SQL) must not make
    # Django's XML writer refuse the whole feed.
    def item_title(self, item):
        return clean_text(item.title)

    def item_description(self, item):
        return clean_text(render_markdown(item.body))

    def item_pubdate(self, item):
        return item.publish_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [clean_text(item.category.name)]
