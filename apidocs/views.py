"""The API's document for tools (/api/v1/openapi.json) and its page for people (/api/), both built from
the same declarations on each render, and kept by the page cache until the content changes."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.api import api_endpoint, api_json
from serving.page_rules import cache_for_readers

from .document import openapi_document


def _server(request):
    return request.build_absolute_uri("/").rstrip("/")


@api_endpoint
@cache_for_readers
def openapi_json(request):
    # The document is for tools: in English whatever the client's language.
    with translation.override("en"):
        return api_json(openapi_document(_server(request)))


@api_endpoint
@cache_for_readers
def api_page(request):
    server = _server(request)
    document = openapi_document(server)
    context = {
        "operations": [_operation(server, path, item["get"]) for path, item in document["paths"].items()],
        "document_url": server + reverse("openapi"),
        "field_errors": '{"errors": {"year": ["…"]}}',
        "other_errors": '{"errors": {"__all__": ["…"]}}',
        "crumbs": [{"title": _("API for developers"), "url": reverse("api_page")}],
    }
    return render(request, "apidocs/index.html", context)


def _operation(server, path, operation):
    parameters = [
        {"name": item["name"], "required": item["required"], "follow_up": "x-follow-up" in item,
         "description": item["description"], "example": item.get("example")}
        for item in operation["parameters"] if "$ref" not in item
    ]
    example = {item["name"]: item["example"] for item in parameters if item["example"] is not None}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
    return {
        "id": operation["operationId"],
        "summary": operation["summary"],
        "path": path,
        "parameters": parameters,
        "outcomes": answer.get("outcome", {}).get("enum", []),
        "example_url": f"{server}{path}?{urlencode(example)}",
    }
