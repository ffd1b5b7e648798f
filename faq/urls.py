from django.urls import path, register_converter

from . import views
from .converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

app_name = "faq"

urlpatterns = [
    path("<uslug:category_slug>/", views.category_detail, name="category_detail"),
    path("<uslug:category_slug>/<uslug:article_slug>/", views.article_detail, name="article_detail"),
]
