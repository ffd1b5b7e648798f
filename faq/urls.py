from django.urls import path, register_converter

from . import feedback, preview, views
from .converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

app_name = "faq"

urlpatterns = [
    # Fixed words first, before the slug patterns would read them as a category.
    path("feedback/<int:article_id>/", feedback.article_feedback, name="article_feedback"),
    path("feedback/<int:article_id>/reason/", feedback.article_feedback_reason, name="article_feedback_reason"),
    path("preview/markdown/", preview.markdown_preview, name="markdown_preview"),
    path("preview/<int:article_id>/", preview.article_preview, name="article_preview"),
    path("review/<str:token>/", preview.article_review, name="article_review"),
    path("<uslug:category_slug>/", views.category_detail, name="category_detail"),
    path("<uslug:category_slug>/<uslug:article_slug>/", views.article_detail, name="article_detail"),
]
