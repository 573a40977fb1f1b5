"""Navigation for the staff pages, by role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from victimcare.accounts.access import can_create_cases, can_search, is_staff_member
from victimcare.accounts.models import Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    verified = is_staff_member(user) and user.is_verified()  # type: ignore[union-attr]
    if not verified:
        return {"nav_items": []}
    items = []
    if can_search(user):
        items.append(("Caseload", reverse("cases:caseload")))
        items.append(("Find a victim", reverse("cases:search")))
    if can_create_cases(user):
        items.append(("Add a victim", reverse("people:create")))
    if user.role == Role.ADMIN:  # type: ignore[union-attr]
        items.append(("Audit", reverse("audit:index")))
    path = request.path
    return {"nav_items": [{"text": t, "href": h, "active": path.startswith(h)} for t, h in items]}
