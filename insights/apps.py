from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("How the content serves readers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .rollups import article_deleted

        # An article's page views go with it, taken off the sums.
        pre_delete.connect(article_deleted, sender="faq.Article", dispatch_uid="insights.article_deleted")
