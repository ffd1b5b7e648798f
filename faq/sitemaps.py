"""sitemap.xml: every published article and category, in each language."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from .models import Article, Category


class CategorySitemap(Sitemap):
    """A category's page in each language that has published articles in it."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        self._languages_by_category = {}
        for category_id, language in (
            Article.objects.published().values_list("category_id", "language").distinct().order_by()
        ):
            self._languages_by_category.setdefault(category_id, []).append(language)
        published = Q(articles__in=Article.objects.published())
        return (
            Category.objects.filter(pk__in=self._languages_by_category)
            .annotate(last_updated=Max("articles__updated_at", filter=published))
            .order_by("order", "name")
        )

    def get_languages_for_item(self, item):
        return self._languages_by_category[item.pk]

    def location(self, item):
        # The page under the language being listed (the sitemap activates each in turn), not the
        # category's own language, which get_absolute_url would give.
        return reverse("faq:category_detail", kwargs={"category_slug": item.slug})

    def lastmod(self, item):
        return item.last_updated


class ArticleSitemap(Sitemap):
    """One entry per published article at its own language's URL.

    An article and its translations are separate rows, not one object shown in several languages,
    so the hreflang alternates are added here from the translation links instead of by i18n=True.
    """

    def items(self):
        return list(Article.objects.published(at=timezone.now()).select_related("category").order_by("pk"))

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        versions = {}
        for article in self.items():
            group = versions.setdefault(article.translation_of_id or article.pk, {})
            group[article.language] = origin + article.get_absolute_url()
        for url in urls:
            article = url["item"]
            group = versions[article.translation_of_id or article.pk]
            if len(group) > 1:
                url["alternates"] = [{"location": location, "lang_code": code} for code, location in group.items()]
                if "en" in group:
                    url["alternates"].append({"location": group["en"], "lang_code": "x-default"})
        return urls


SITEMAPS = {"categories": CategorySitemap, "articles": ArticleSitemap}
