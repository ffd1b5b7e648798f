from django.apps import AppConfig


class ApidocsConfig(AppConfig):
    name = "apidocs"
    verbose_name = "API documentation"
