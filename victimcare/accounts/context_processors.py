"""Navigation for the staff pages, by role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from victimcare.accounts.access import can_create_cases, can_search, is_staff_member
from victimcare.accounts.models import Role
from victimcare.notify.channels import mailbox_in_use


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    verified = is_staff_member(user) and user.is_verified()  # type: ignore[union-attr]
    if not verified:
        return {"nav_items": []}
    items = []
    if can_search(user):
        items.append(("Caseload", reverse("cases:caseload")))
        items.append(("Work queue", reverse("rights:queue")))
        items.append(("Find a victim", reverse("cases:search")))
        items.append(("Messages", reverse("notify:attention")))
    if can_create_cases(user):
        items.append(("Add a victim", reverse("people:create")))
    if user.role in (Role.SUPERVISOR, Role.ANALYST):  # type: ignore[union-attr]
        items.append(("Compliance", reverse("reports:dashboard")))
    if mailbox_in_use():
        items.append(("Mailbox (demo)", reverse("notify:mailbox")))
    if user.role == Role.ADMIN:  # type: ignore[union-attr]
        items.append(("Audit", reverse("audit:index")))
    # The current item is the one whose address is the longest prefix of this page's, so
    # /cases/search/ marks "Find a victim" and not also "Caseload" (/cases/).
    matches = [h for _, h in items if request.path.startswith(h)]
    current = max(matches, key=len) if matches else None
    return {"nav_items": [{"text": t, "href": h, "active": h == current} for t, h in items]}
