"""How each API operation is declared: `@operation(...)` on a plain function names its HTTP
method, scope, request and responses (problem details for every error); `endpoint(...)` puts
the operations of one URL into one view. Writes take an Idempotency-Key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from victimcare.api.idempotency import HEADER, idempotent
from victimcare.api.models import ApiClient
from victimcare.api.problems import PROBLEM_JSON
from victimcare.api.serializers import Problem

ViewFunc = Callable[..., Response]

READ_ERRORS = (401, 403, 404, 405, 406, 422, 429)
WRITE_ERRORS = (400, 401, 403, 404, 405, 406, 415, 422, 429)
IDEMPOTENCY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Repeat a write safely: the same key and body return the stored response",
)


@dataclass(frozen=True)
class Operation:
    method: str
    scope: str
    schema: dict[str, Any]


def operation(
    method: str,
    *,
    scope: str,
    summary: str,
    response: Any,
    tag: str,
    request: Any = None,
    status: int = 200,
    errors: tuple[int, ...] = (),
    parameters: list[OpenApiParameter] | None = None,
) -> Callable[[ViewFunc], ViewFunc]:
    write = method != "GET"
    codes = sorted({*(WRITE_ERRORS if write else READ_ERRORS), *errors})
    responses: dict[Any, Any] = {status: response}
    responses.update({(code, PROBLEM_JSON): Problem for code in codes})

    def decorate(func: ViewFunc) -> ViewFunc:
        func.api_operation = Operation(  # type: ignore[attr-defined]
            method=method,
            scope=scope,
            schema={
                "summary": summary,
                "description": func.__doc__ or "",
                "request": request,
                "responses": responses,
                "tags": [tag],
                "parameters": [*(parameters or []), *([IDEMPOTENCY] if write else [])],
                "operation_id": func.__name__,
                "extensions": {"x-scope": scope},
            },
        )
        return func

    return decorate


def _handler(func: ViewFunc, op: Operation) -> Callable[..., Response]:
    def handle(self: APIView, request: Request, **kwargs: Any) -> Response:
        if op.method == "GET":
            return func(request, **kwargs)
        client = request.auth
        assert isinstance(client, ApiClient)  # HasScope let only a client's call through
        return idempotent(request, client, lambda: func(request, **kwargs))

    handle.__name__ = op.method.lower()
    return extend_schema(**op.schema)(handle)


def endpoint(*funcs: ViewFunc) -> Callable[..., Any]:
    """One URL's view: each function handles its own method; any other method gets 405."""
    # Only the declared methods: HEAD and OPTIONS get 405 like any other.
    attrs: dict[str, Any] = {"required_scopes": {}, "http_method_names": []}
    for func in funcs:
        op: Operation = func.api_operation  # type: ignore[attr-defined]
        attrs[op.method.lower()] = _handler(func, op)
        attrs["required_scopes"][op.method] = op.scope
        attrs["http_method_names"].append(op.method.lower())
    name = "".join(part.title() for part in funcs[0].__name__.split("_")) + "Endpoint"
    view_class: type[APIView] = type(name, (APIView,), attrs)
    return view_class.as_view()
