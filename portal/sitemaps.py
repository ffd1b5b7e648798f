"""sitemap.xml: the site's fixed pages, then each app's own pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from faq.sitemaps import SITEMAPS as FAQ_SITEMAPS


class PageSitemap(Sitemap):
    """Pages whose interface exists in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["home", "policy:checker_list", "privacy", "accessibility", "api_page"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, **FAQ_SITEMAPS}
