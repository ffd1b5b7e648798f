from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "FAQ"

    def ready(self):
        from . import addresses, history

        addresses.register()
        history.register()

        from . import signals

        post_migrate.connect(signals.index_after_migrate, sender=self)
