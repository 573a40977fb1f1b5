"""Cursor pagination for every list: opaque `next`/`previous` links, stable under inserts, and
each page an index range scan however deep it is."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request

from victimcare.api.problems import field_error


class ApiCursorPagination(CursorPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def __init__(self, ordering: str | tuple[str, ...]) -> None:
        self.ordering = ordering
        self.page_size = settings.API_PAGE_SIZE

    def decode_cursor(self, request: Request) -> Cursor | None:
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise field_error(
                "cursor", "This cursor is not valid: use the next or previous link as given"
            ) from None

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return int(self.page_size or settings.API_PAGE_SIZE)
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise field_error(
                "page_size", f"The page size must be a whole number from 1 to {self.max_page_size}"
            )
        return int(raw)


def page(
    request: Request, rows: QuerySet[Any], ordering: str | tuple[str, ...]
) -> tuple[list[Any], dict[str, Any]]:
    """One page of `rows` and the links around it."""
    paginator = ApiCursorPagination(ordering)
    items = list(paginator.paginate_queryset(rows, request) or [])
    return items, {"next": paginator.get_next_link(), "previous": paginator.get_previous_link()}
