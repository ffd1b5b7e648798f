from django.shortcuts import render

from .selectors import article_get_published, category_get_with_articles


def category_detail(request, category_slug):
    category = category_get_with_articles(slug=category_slug)
    crumbs = [{"title": category.name, "url": category.get_absolute_url()}]
    return render(request, "faq/category_detail.html", {"category": category, "crumbs": crumbs})


def article_detail(request, category_slug, article_slug):
    article = article_get_published(category_slug=category_slug, slug=article_slug)
    crumbs = [
        {"title": article.category.name, "url": article.category.get_absolute_url()},
        {"title": article.title, "url": article.get_absolute_url()},
    ]
    return render(request, "faq/article_detail.html", {"article": article, "crumbs": crumbs})
