"""Search as JSON for other channels (the recruitment app, the chat) and the search box's suggestions."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.api import api_endpoint, api_json
from serving.limits import rate_limited

from . import tokenizer
from .search import MAX_QUERY_LENGTH, article_search, clean_query

MAX_PAGE = 1000
# What a result may be: a checker whose title or keywords the query names, or an article.
CHECKER, ARTICLE = "checker", "article"
RESULT_KINDS = (CHECKER, ARTICLE)


class SearchApiForm(forms.Form):
    # The help texts describe the parameters in the API's document.
    q = forms.CharField(
        max_length=MAX_QUERY_LENGTH,
        help_text=_("What to search for: a whole word, or at least two Chinese characters."),
        error_messages={
            "required": _("Type what to search for."),
            "max_length": _("Type at most %(limit_value)d characters."),
        },
    )
    language = forms.ChoiceField(
        choices=settings.LANGUAGES, required=False,
        help_text=_("The language to search in; without it, the language of Accept-Language."),
        error_messages={"invalid_choice": _("Choose one of the languages: en or zh-hans.")},
    )
    page = forms.IntegerField(
        min_value=1, max_value=MAX_PAGE, required=False, help_text=_("The page of results, from 1."),
        error_messages={
            "invalid": _("The page is a whole number from 1."),
            "min_value": _("The page is a whole number from 1."),
            "max_value": _("The page is at most %(limit_value)s."),
        },
    )
    partial = forms.TypedChoiceField(
        choices=[("0", "0"), ("1", "1")], coerce=lambda value: value == "1", required=False, empty_value=False,
        help_text=_("1 while the last word is still being typed (suggestions as you type), else 0."),
        error_messages={"invalid_choice": _("Give partial as 1 (the last word is still being typed) or 0.")},
    )

    def clean_q(self):
        query = clean_query(self.cleaned_data["q"])
        if not tokenizer.index_terms(query):
            raise forms.ValidationError(_("Type a whole word, or at least two Chinese characters."))
        return query


@api_endpoint
@rate_limited("search")  # the same allowance as the search page: the same work
def search_api(request):
    # The API has no language prefix in its URL: the client asks with language= or Accept-Language.
    requested = request.GET.get("language")
    language = requested if requested in dict(settings.LANGUAGES) else translation.get_language_from_request(request)
    with translation.override(language):
        form = SearchApiForm(request.GET)
        if form.is_valid():
            return api_json(_results(request, form.cleaned_data, language), language=language)
        errors = {name: list(messages) for name, messages in form.errors.items()}
        return api_json({"errors": errors}, 400, language)


def _results(request, data, language):
    results = article_search(
        query=data["q"], language=language, page=data["page"] or 1, partial=data["partial"]
    )
    items = [
        {"kind": CHECKER, "title": bet.title, "url": request.build_absolute_uri(bet.url), "snippet": "",
         "language": language}
        for bet in results.best_bets
    ]
    hits = [(hit, language) for hit in results.hits]
    if results.other_language:
        hits += [(hit, results.other_language.language) for hit in results.other_language.hits]
    items += [
        {
            "kind": ARTICLE,
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

