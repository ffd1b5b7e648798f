"""JSON for other channels (the recruitment app, the chat): the same forms and rules as the pages."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.api import api_endpoint, api_json
from serving.limits import rate_limited
from serving.page_rules import cache_for_readers, keep_for_query

from .checkers import get_checker, related_checker
from .services import checker_params, checker_run, next_year_query
from .wording import present


@api_endpoint
@rate_limited("api")
@cache_for_readers(query_string=checker_params)
def checker_api(request, checker):
    # The API has no language prefix in its URL, so the app and chat ask for theirs with Accept-Language.
    language = translation.get_language_from_request(request)
    with translation.override(language):
        return _checker_response(request, checker, language)


def _checker_response(request, checker, language):
    checker = get_checker(checker)
    if checker is None:
        return api_json({"errors": {"checker": [_("There is no checker with this name.")]}}, 404, language)
    form, decision = checker_run(checker=checker, data=request.GET)
    if decision is None:
        return api_json({"errors": {name: list(messages) for name, messages in form.errors.items()}}, 400, language)
    body = {
        "checker": checker.slug.value,
        "outcome": decision.outcome.value,
        **present(decision, form.summary_values()),
        "inputs": form.query(),
        "as_of": decision.as_of,
        **decision.figures,
    }
    next_year = next_year_query(form, decision)
    if next_year:
        body["next_year_answer"] = f"{reverse('policy_api:checker', args=[checker.slug])}?{urlencode(next_year)}"
    related = related_checker(checker, form.cleaned_data)
    if related:
        body["related_checker"] = reverse("policy_api:checker", args=[related.slug])
    response = api_json(body, language=language)
    keep_for_query(response, body["inputs"])
    return response

