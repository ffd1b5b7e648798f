"""The shapes every answer of the API shares: its errors (portal/errors.py), a checker's answer
(policy/wording present()), and the values the answers write as text."""

from django.conf import settings

DATE = {"type": "string", "format": "date"}
MONTH = {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}
YEARS = {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$", "description": "Years, as a decimal written as text."}
TEXTS = {"type": "array", "items": {"type": "string"}}

# {"errors": {"__all__": [message]}}: every error that is not about one input (portal/errors.api_error).
ERROR = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "required": ["__all__"],
            "properties": {"__all__": {**TEXTS, "minItems": 1}},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}


def field_errors(names):
    """{"errors": {field: [messages]}}: the fields of a form, each with what is wrong with it."""
    return {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "object",
                "minProperties": 1,
                "properties": {name: {**TEXTS, "minItems": 1} for name in (*names, "__all__")},
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


def _error(description, headers=()):
    schema = {"$ref": "#/components/schemas/Error"}
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = {name: {"$ref": f"#/components/headers/{name.replace('-', '')}"} for name in headers}
    return response


def error_responses():
    """The errors every operation may answer besides its own 400."""
    return {
        "401": _error("The API key sent (Authorization: Bearer, or X-API-Key) is wrong or revoked."),
        "413": _error(f"A request body over {settings.MAX_API_BODY} bytes: the API takes none."),
        "414": _error(f"An address (path and query) longer than {settings.MAX_REQUEST_TARGET} characters."),
        "429": _error("Past the allowance: the key's, or without a key the address's.", ["Retry-After"]),
        "431": _error(
            f"More than {settings.MAX_REQUEST_HEADERS} header fields, or one longer than "
            f"{settings.MAX_REQUEST_HEADER_SIZE} bytes."
        ),
        "default": _error(
            "Any other error, in the same shape: 404 unknown address, 405 wrong method (with Allow), 500 a fault "
            "of ours, 503 the service is unavailable for a moment (with Retry-After)."
        ),
    }


def answer_schema(*, checker, outcomes, reasons, confidences, inputs, optional):
    """A checker's answer: what every answer holds, and the `optional` properties this checker's may add."""
    always = {
        "checker": {"type": "string", "const": checker},
        "outcome": {"type": "string", "enum": outcomes},
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "reasons": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "clause", "text"],
                "properties": {
                    "code": {"type": "string", "enum": reasons},
                    "clause": {"type": "string", "description": "The clause of the rules register."},
                    "text": {"type": "string"},
                },
            },
        },
        "next_steps": TEXTS,
        "citations": {"type": "array", "items": _citation(confidences)},
        "local_check": {"type": "string", "description": "Empty, or why to check with the local office."},
        "local_check_sources": TEXTS,
        "inputs": {
            "type": "object", "properties": inputs, "additionalProperties": False,
            "description": "The answers as read, in one order: the query of this answer's address.",
        },
        "as_of": {**DATE, "description": "The day the answer is for."},
    }
    return {"type": "object", "required": list(always), "properties": {**always, **optional}}


def _citation(confidences):
    return {
        "type": "object",
        "required": ["title", "reference", "url", "clauses", "confidence", "confidence_label"],
        "properties": {
            "title": {"type": "string"},
            "reference": {"type": "string"},
            "url": {"type": "string"},
            "clauses": TEXTS,
            "confidence": {
                "type": "string", "enum": confidences,
                "description": "P legal text read, Q official text as quoted, S secondary source, L local rule.",
            },
            "confidence_label": {"type": "string"},
        },
    }
