"""Search as JSON for other channels (the recruitment app, the chat) and the search box's suggestions."""

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from portal.limits import rate_limited

from . import tokenizer
from .search import MAX_QUERY_LENGTH, article_search, clean_query

MAX_PAGE = 1000


class SearchApiForm(forms.Form):
    q = forms.CharField(
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Type what to search for."),
            "max_length": _("Type at most %(limit_value)d characters."),
        },
    )
    language = forms.ChoiceField(
        choices=settings.LANGUAGES, required=False,
        error_messages={"invalid_choice": _("Choose one of the languages: en or zh-hans.")},
    )
    page = forms.IntegerField(
        min_value=1, max_value=MAX_PAGE, required=False,
        error_messages={
            "invalid": _("The page is a whole number from 1."),
            "min_value": _("The page is a whole number from 1."),
            "max_value": _("The page is at most %(limit_value)s."),
        },
    )
    partial = forms.TypedChoiceField(
        choices=[("0", "0"), ("1", "1")], coerce=lambda value: value == "1", required=False, empty_value=False,
        error_messages={"invalid_choice": _("Give partial as 1 (the last word is still being typed) or 0.")},
    )

    def clean_q(self):
        query = clean_query(self.cleaned_data["q"])
        if not tokenizer.index_terms(query):
            raise forms.ValidationError(_("Type a whole word, or at least two Chinese characters."))
        return query


@require_GET
@rate_limited("search")  # the same allowance as the search page: the same work
def search_api(request):
    # The API has no language prefix in its URL: the client asks with language= or Accept-Language.
    requested = request.GET.get("language")
    language = requested if requested in dict(settings.LANGUAGES) else translation.get_language_from_request(request)
    with translation.override(language):
        form = SearchApiForm(request.GET)
        if form.is_valid():
            response = _json(_results(request, form.cleaned_data, language))
        else:
            response = _json({"errors": {name: list(messages) for name, messages in form.errors.items()}}, status=400)
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language"
    return response


def _results(request, data, language):
    results = article_search(
        query=data["q"], language=language, page=data["page"] or 1, partial=data["partial"]
    )
    items = [
        {"kind": "checker", "title": bet.title, "url": request.build_absolute_uri(bet.url), "snippet": "",
         "language": language}
        for bet in results.best_bets
    ]
    hits = [(hit, language) for hit in results.hits]
    if results.other_language:
        hits += [(hit, results.other_language.language) for hit in results.other_language.hits]
    items += [
        {
            "kind": "article",
            "title": hit.article.title,
            "url": request.build_absolute_uri(hit.article.get_absolute_url()),
            "snippet": hit.snippet_text,
            "language": hit_language,
        }
        for hit, hit_language in hits
    ]
    return {
        "query": results.query,
        "corrected_query": results.corrected_query,
        "total": results.total,
        # Past COUNT_LIMIT matches, `total` is that limit and this is true: "more than".
        "total_capped": results.total_capped,
        "results": items,
    }


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
