"""The API's OpenAPI 3.1 document, built on each request from the declarations the API itself runs on:
the checkers' (apidocs/checkers.py), the search form's, and the shapes of the answers (apidocs/shapes.py)."""

from django.conf import settings
from django.urls import reverse

from faq.api import RESULT_KINDS, SearchApiForm

from .checkers import checker_operations, parameter
from .examples import SEARCH_EXAMPLE
from .shapes import ERROR, error_responses, field_errors

VERSION = "1"
DESCRIPTION = (
    "The answers of the checkers and the search, for other channels. Read-only: every operation is a GET "
    "(HEAD answers alike; OPTIONS says which methods an address takes), and any other method is 405. Answers "
    "are in the language of `Accept-Language` (English or Simplified Chinese). Without a key, an address has "
    "its own allowance; a key (Authorization: Bearer, or X-API-Key) brings the key's own. Within v1, fields "
    "may be added to answers and outcomes, reasons or choices may be added; none is removed or renamed."
)


def openapi_document(server_url):
    """The document, for the site at `server_url` (its scheme, host and port)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{settings.PORTAL_NAME} API", "version": VERSION, "description": DESCRIPTION},
        "servers": [{"url": server_url}],
        "tags": [
            {"name": "checkers", "description": "The checkers: the same questions and rules as their pages."},
            {"name": "search", "description": "Search of the answers and checkers."},
        ],
        # A key is optional: without one the address's limits apply.
        "security": [{}, {"bearerKey": []}, {"apiKeyHeader": []}],
        "paths": {**checker_operations(), reverse("search_api"): {"get": _search_operation()}},
        "components": {
            "schemas": {"Error": ERROR},
            "parameters": {
                "AcceptLanguage": {
                    "name": "Accept-Language", "in": "header", "required": False,
                    "description": "The language of the answer: `en` or `zh-hans` (any other: English).",
                    "schema": {"type": "string"},
                },
            },
            "headers": {
                "ContentLanguage": {"description": "The answer's language.", "schema": {"type": "string"}},
                "RetryAfter": {"description": "Seconds to wait before asking again.", "schema": {"type": "string"}},
            },
            "securitySchemes": {
                "bearerKey": {"type": "http", "scheme": "bearer", "description": "An API key from the site's editors."},
                "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                                 "description": "The same key, in a header of its own."},
            },
        },
    }


def _search_operation():
    form = SearchApiForm()
    parameters = []
    for name, field in form.fields.items():
        found = parameter(name, field, SEARCH_EXAMPLE)
        if name == "q":
            found["schema"] = {**found["schema"], "minLength": 1, "maxLength": field.max_length}
        parameters.append(found)
    return {
        "operationId": "search",
        "summary": "Search the answers and checkers",
        "tags": ["search"],
        "parameters": [*parameters, {"$ref": "#/components/parameters/AcceptLanguage"}],
        "responses": {
            "200": {
                "description": "The page of results.",
                "headers": {"Content-Language": {"$ref": "#/components/headers/ContentLanguage"}},
                "content": {"application/json": {"schema": SEARCH_RESULTS}},
            },
            "400": {
                "description": "The query or another parameter is not valid.",
                "content": {"application/json": {"schema": field_errors(list(form.fields))}},
            },
            **error_responses(),
        },
    }


SEARCH_RESULTS = {
    "type": "object",
    "required": ["query", "corrected_query", "total", "total_capped", "results"],
    "properties": {
        "query": {"type": "string", "description": "The query as searched."},
        "corrected_query": {"type": ["string", "null"], "description": "The query with its typing mistakes corrected."},
        "total": {"type": "integer", "minimum": 0, "description": "Matching articles in the language asked."},
        "total_capped": {"type": "boolean", "description": "True when there are more than `total`."},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "title", "url", "snippet", "language"],
                "properties": {
                    "kind": {"type": "string", "enum": list(RESULT_KINDS)},
                    "title": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                    "snippet": {"type": "string"},
                    "language": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
                },
            },
        },
    },
}
