from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from insights.counts import count_served
from serving.limits import rate_limited
from serving.page_rules import cache_for_readers, on_every_serve

from .addresses import article_moved_to
from .feedback import FeedbackReasonForm, vote_from_key
from .search import article_search
from .selectors import (
    article_get_published,
    article_translations,
    category_get_with_articles,
    category_list,
    category_translations,
)
from .services import search_log_record
from .structured_data import article_structured_data


@cache_for_readers
def category_detail(request, category_slug):
    category = category_get_with_articles(slug=category_slug)
    translations = category_translations(category)
    if get_language() in translations:
        # The category's address under another language's prefix: its version in that language.
        return redirect(translations[get_language()])
    language_urls = {category.language: category.get_absolute_url()}
    language_urls.update({code: version.get_absolute_url() for code, version in translations.items()})
    context = {
        "category": category,
        "crumbs": [{"title": category.name, "url": category.get_absolute_url(), "language": category.language}],
        "language_urls": language_urls,
        "canonical_path": category.get_absolute_url(),
        "untranslated": category.language != get_language(),
    }
    return render(request, "faq/category_detail.html", context)


# After a vote the page thanks that reader (the redirect's query): a page of their own.
@cache_for_readers(own_params=("feedback", "vote"))
def article_detail(request, category_slug, article_slug):
    try:
        article = article_get_published(category_slug=category_slug, slug=article_slug)
    except Http404:
        moved = article_moved_to(category_slug=category_slug, slug=article_slug)
        if moved is None:
            raise
        return redirect(moved, permanent=True)
    translations = article_translations(article)
    if get_language() in translations:
        # The article's address under another language's prefix: its translation into that language.
        return redirect(translations[get_language()])
    crumbs = [
        {
            "title": article.category.name,
            "url": article.category.get_absolute_url(),
            "language": article.category.language,
        },
        {"title": article.title, "url": article.get_absolute_url(), "language": article.language},
    ]
    language_urls = {article.language: article.get_absolute_url()}
    language_urls.update({code: version.get_absolute_url() for code, version in translations.items()})
    untranslated = article.language != get_language()
    context = {
        "article": article,
        "crumbs": crumbs,
        "translations": list(translations.values()),
        # The published original, for a translation's notice that it is behind.
        "original": next((item for item in translations.values() if item.pk == article.translation_of_id), None),
        "language_urls": language_urls,
        "canonical_path": article.get_absolute_url(),
        # Reached by the language switch where no translation exists: the page says so, and is not indexed.
        "untranslated": untranslated,
        "structured_data": [] if untranslated else article_structured_data(article, request=request),
        **_feedback_state(request, article),
    }
    response = render(request, "faq/article_detail.html", context)
    if "feedback" not in request.GET:  # the thanks after a vote is not another reading
        count_served(
            request, response, "insights.counts.page_view_record", article_id=article.pk, language=get_language()
        )
    return response


def _feedback_state(request, article):
    """After a vote (the redirect's query string): the thanks instead of the form, and after a "No"
    the reason question (until answered) with the ways on from here."""
    if request.GET.get("feedback") != "sent":
        return {}
    key = request.GET.get("vote", "")
    vote = vote_from_key(key, article=article) if key else None
    asks_reason = vote is not None and not (vote.reason or vote.comment)
    return {
        "feedback_sent": True,
        "feedback_no": vote is not None,
        "reason_form": FeedbackReasonForm(initial={"vote": key}) if asks_reason else None,
    }


# A kept results page costs no search, so only the searches that run count against the allowance.
@rate_limited("search")
@cache_for_readers(query_string=("q", "category", "page", "as_typed"))
def search(request):
    category_slug = request.GET.get("category") or None
    results = article_search(
        query=request.GET.get("q", ""),
        language=get_language(),
        category_slug=category_slug,
        page=request.GET.get("page", 1),
        as_typed=request.GET.get("as_typed") == "1",
    )
    # Paging and narrowing to a category are not new searches: log what the reader typed, once.
    logged = None
    if results.terms and request.GET.get("page", "1") == "1" and not category_slug:
        logged = {"query": results.query, "result_count": results.total, "language": get_language()}
        search_log_record(**logged)
    context = {
        "results": results,
        "search_query": results.query,
        "category_slug": category_slug,
        "crumbs": [{"title": _("Search"), "url": reverse("search")}],
    }
    if results.terms:
        # Links within the results search what was searched, the corrected query when there was one.
        context["query_string"] = urlencode({"q": results.searched})
        context["page_query_string"] = urlencode({"q": results.searched, "category": category_slug or ""})
        context["as_typed_query_string"] = urlencode({"q": results.query, "as_typed": "1"})
    if not results.hits:
        # Somewhere to go instead: the categories (the checkers are linked from the template).
        context["categories"] = category_list()
    response = render(request, "faq/search.html", context)
    if logged:
        on_every_serve(response, "faq.services.search_log_record", **logged)
    return response
