from django.apps import AppConfig


class ServingConfig(AppConfig):
    name = "serving"
    verbose_name = "Serving"

    def ready(self):
        from . import content_version  # noqa: F401  connects its receivers
