"""schema.org data for an article page: the question with its full visible answer, and the breadcrumb."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .markdown import render_markdown


def article_structured_data(article, *, request):
    """FAQPage and BreadcrumbList dicts, for the json_ld template filter (which escapes them)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    with translation.override(article.language):
        home = request.build_absolute_uri(reverse("home"))
        category = request.build_absolute_uri(article.category.get_absolute_url())
    faq_page = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "inLanguage": article.language,
        "dateModified": article.updated_at.isoformat(),
        "mainEntity": [
            {
                "@type": "Question",
                "name": article.question,
                "acceptedAnswer": {"@type": "Answer", "text": str(render_markdown(article.body)), "url": url},
            }
        ],
    }
    breadcrumb = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(
                [(str(settings.PORTAL_NAME), home), (article.category.name, category), (article.title, url)], start=1
            )
        ],
    }
    return [faq_page, breadcrumb]
