"""Navigation for the staff pages, by role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from victimcare.accounts.access import (
    can_create_cases,
    can_manage_recommendations,
    can_record_engagements,
    can_safeguard,
    can_search,
    can_see_response_times,
    can_see_voice_evidence,
    can_see_voice_themes,
    can_use_directory,
    is_provider_staff,
    is_staff_member,
)
from victimcare.accounts.models import Role
from victimcare.messaging.selectors import staff_unread_count
from victimcare.notify.channels import mailbox_in_use
from victimcare.voice.selectors import may_see_results


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
        unread = staff_unread_count(user)
        items.append((f"Inbox ({unread} unread)" if unread else "Inbox", reverse("messaging:inbox")))
        items.append(("Messages", reverse("notify:attention")))
    if can_record_engagements(user):
        items.append(("Your engagements", reverse("voice:workspace")))
    if can_create_cases(user):
        items.append(("Add a victim", reverse("people:create")))
    if can_use_directory(user):
        items.append(("Services", reverse("support:directory")))
    if is_provider_staff(user):
        items.append(("Referrals", reverse("support:provider_list")))
    if can_safeguard(user):
        items.append(("MARAC", reverse("safeguarding:meetings")))
        items.append(("Orders ending soon", reverse("safeguarding:orders_expiring")))
    if user.role in (Role.SUPERVISOR, Role.ANALYST):  # type: ignore[union-attr]
        items.append(("Compliance", reverse("reports:dashboard")))
    if can_see_response_times(user):
        items.append(("Response times", reverse("support:response_times")))
    if can_see_voice_themes(user):
        items.append(("Victims' voice", reverse("voice:themes")))
    if can_see_voice_evidence(user):
        items.append(("Case studies", reverse("voice:case_studies")))
    if can_manage_recommendations(user):
        items.append(("You said, we did", reverse("voice:recommendations")))
    if may_see_results(user):
        items.append(("Feedback", reverse("voice:results")))
    if mailbox_in_use():
        items.append(("Mailbox (demo)", reverse("notify:mailbox")))
    if user.role == Role.ADMIN:  # type: ignore[union-attr]
        items.append(("Audit", reverse("audit:index")))
    # The current item is the one whose address is the longest prefix of this page's, so
    # /cases/search/ marks "Find a victim" and not also "Caseload" (/cases/).
    matches = [h for _, h in items if request.path.startswith(h)]
    current = max(matches, key=len) if matches else None
    return {"nav_items": [{"text": t, "href": h, "active": h == current} for t, h in items]}
