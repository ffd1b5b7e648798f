from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ApikeysConfig(AppConfig):
    name = "apikeys"
    verbose_name = _("API keys")

    def ready(self):
        from .services import known_keys

        post_save.connect(known_keys.forgotten_on_save, sender=self.get_model("ApiKey"),
                          dispatch_uid="apikeys.known_keys")
