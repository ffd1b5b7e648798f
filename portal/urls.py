from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from apidocs import views as apidocs_views
from faq import api as faq_api
from faq import views as faq_views
from faq.feeds import ArticleFeed
from serving.page_rules import cache_for_readers

from . import views
from .sitemaps import SITEMAPS

# Errors inside admin are shown in admin's own pages; elsewhere in the site's.
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    # /health/ is /health/ready, the address load balancers were first given.
    path("health/", views.health_ready, name="health"),
    path("health/live", views.health_live, name="health_live"),
    path("health/ready", views.health_ready, name="health_ready"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("language/<str:code>/", views.language_choose, name="language_choose"),
    path("sitemap.xml", cache_for_readers(sitemap, query_string=("p",)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/checkers/", include("policy.api_urls")),
    path("api/v1/search/", faq_api.search_api, name="search_api"),
    path("api/v1/openapi.json", apidocs_views.openapi_json, name="openapi"),
]

# English has no prefix so the plain URLs stay stable; other languages get theirs.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    # The API's page for people, in each language; the API itself has no language prefix.
    path("api/", apidocs_views.api_page, name="api_page"),
    path("search/", faq_views.search, name="search"),
    path("feeds/articles.atom", cache_for_readers(ArticleFeed()), name="article_feed"),
    path("faq/", include("faq.urls")),
    path("checkers/", include("policy.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
