"""Every API error as an RFC 9457 problem detail (application/problem+json).

One shape for all of them: `type` (a URI naming the kind of problem), `title`, `status`,
`detail`, `instance` (the path called) and, for bad input, `errors`: one entry per field at
fault, `{"field": "crime.crime_reference", "detail": "..."}`. A record out of the client's scope
gets the same 404 body as a missing one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://victimcare.example/problems/"

# status -> (type slug, title)
KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "The request could not be read"),
    401: ("not-authenticated", "A valid API token is needed"),
    403: ("forbidden", "This client may not do that"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Not possible in the record's current state"),
    415: ("unsupported-media-type", "Send JSON (application/json)"),
    422: ("invalid", "Some of the input is not valid"),
    429: ("rate-limited", "Too many calls"),
    500: ("server-error", "Something went wrong"),
}
NOT_FOUND_DETAIL = "There is no record with this id that this client may see."


class InputError(exceptions.APIException):
    """Input refused by a serializer or a service: 422 with the fields at fault."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "Some of the input is not valid."

    def __init__(self, errors: list[dict[str, str]], detail: str = "") -> None:
        super().__init__(detail or (errors[0]["detail"] if errors else self.default_detail))
        self.errors = errors


class StateConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This is not possible in the record's current state."


def field_error(field: str, message: str) -> InputError:
    return InputError([{"field": field, "detail": message}])


def problem_body(
    code: int, detail: str, instance: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    slug, title = KINDS.get(code, KINDS[500] if code >= 500 else KINDS[400])
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": code,
        "detail": detail,
        "instance": instance,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    code: int, detail: str, instance: str, errors: list[dict[str, str]] | None = None
) -> Response:
    return Response(problem_body(code, detail, instance, errors), status=code, content_type=PROBLEM_JSON)


def flatten_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error dict as a flat list of {field, detail}, field paths dotted."""
    if isinstance(detail, Mapping):
        out: list[dict[str, str]] = []
        for name, value in detail.items():
            key = "" if name in ("non_field_errors", "__all__") else str(name)
            out += flatten_errors(value, f"{prefix}.{key}".strip(".") if key else prefix)
        return out
    if isinstance(detail, Sequence) and not isinstance(detail, str):
        if detail and all(isinstance(item, str) for item in detail):
            return [{"field": prefix, "detail": str(item)} for item in detail]
        out = []
        for index, item in enumerate(detail):
            out += flatten_errors(item, f"{prefix}.{index}" if item else prefix)
        return out
    return [{"field": prefix, "detail": str(detail)}]


def django_errors(err: DjangoValidationError, prefix: str = "") -> list[dict[str, str]]:
    if hasattr(err, "error_dict"):
        return flatten_errors({k: [str(m) for m in v] for k, v in err.message_dict.items()}, prefix)
    return [{"field": prefix, "detail": str(m)} for m in err.messages]


def problem_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, Http404 | exceptions.NotFound):
        return problem_response(404, NOT_FOUND_DETAIL, instance)
    if isinstance(exc, DjangoValidationError):
        exc = InputError(django_errors(exc))
    if isinstance(exc, exceptions.ValidationError):
        exc = InputError(flatten_errors(exc.detail))
    response = exception_handler(exc, dict(context))
    if response is None:
        return None  # an unexpected error: Django's 500 handling (logged), never a traceback out
    detail = _detail_text(exc)
    problem = problem_response(response.status_code, detail, instance, getattr(exc, "errors", None))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    if response.status_code == 401 and "WWW-Authenticate" not in problem:
        problem["WWW-Authenticate"] = 'Bearer realm="api"'
    return problem


def _detail_text(exc: Exception) -> str:
    if isinstance(exc, exceptions.APIException):
        detail = exc.detail
        if isinstance(detail, list | dict):
            return str(exc.default_detail)
        return str(detail)
    return str(exc)


def not_found_json(request: HttpRequest) -> JsonResponse:
    """The 404 for an API path no view matched: the same body as a record out of scope."""
    return JsonResponse(
        problem_body(404, NOT_FOUND_DETAIL, request.path), status=404, content_type=PROBLEM_JSON
    )


def server_error_json(request: HttpRequest) -> JsonResponse:
    body = problem_body(500, "The error has been logged. Try again later.", request.path)
    return JsonResponse(body, status=500, content_type=PROBLEM_JSON)
