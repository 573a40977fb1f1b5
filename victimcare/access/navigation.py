"""The staff menu: one item per page the user may open, asked as the page asks it. Its first
item is where the user lands after signing in, so every role lands on its own work."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from victimcare.access.capabilities import (
    Capability,
    can,
    can_manage_recommendations,
    can_record_engagements,
    can_see_voice_evidence,
    can_see_voice_themes,
    is_staff_member,
)
from victimcare.access.gate import can_import_feed, can_see_area_context
from victimcare.messaging.selectors import staff_unread_count
from victimcare.notify.channels import mailbox_in_use


def menu_items(user: Any) -> list[tuple[str, str]]:
    """(text, address) of each page the user may open, their own work first. Each item asks
    the capability its page asks, so the menu never leads to "Page not found"."""
    items = []
    if can(user, Capability.WITNESS_CARE_QUEUE):
        # The Witness Care Unit's work is what it owes, not a caseload of its own.
        items.append(("Work queue", reverse("rights:queue")))
    if can(user, Capability.WORK_CASES):
        items.append(("Caseload", reverse("cases:caseload")))
        if not can(user, Capability.WITNESS_CARE_QUEUE):
            items.append(("Work queue", reverse("rights:queue")))
        items.append(("Find a victim", reverse("cases:search")))
        unread = staff_unread_count(user)
        items.append((f"Inbox ({unread} unread)" if unread else "Inbox", reverse("messaging:inbox")))
        items.append(("Messages", reverse("notify:attention")))
    if can(user, Capability.MANAGE_STAFF):
        items.append(("Staff users", reverse("accounts:staff_users")))
    if can_record_engagements(user):
        items.append(("Your engagements", reverse("voice:workspace")))
    if can(user, Capability.OPEN_CASES):
        items.append(("Add a victim", reverse("people:create")))
    if can(user, Capability.USE_DIRECTORY):
        items.append(("Services", reverse("support:directory")))
    if can(user, Capability.PROVIDER_REFERRALS):
        items.append(("Referrals", reverse("support:provider_list")))
    if can(user, Capability.SAFEGUARD):
        items.append(("MARAC", reverse("safeguarding:meetings")))
        items.append(("Orders ending soon", reverse("safeguarding:orders_expiring")))
    if can(user, Capability.SEE_COMPLIANCE):
        items.append(("Compliance", reverse("reports:dashboard")))
    if can(user, Capability.PREPARE_PANEL_PACK) or can(user, Capability.APPROVE_PANEL_PACK):
        items.append(("Panel packs", reverse("reports:panel_packs")))
    if can(user, Capability.SEE_RESPONSE_TIMES):
        items.append(("Response times", reverse("support:response_times")))
    if can_see_area_context(user):
        items.append(("Area context", reverse("ingest:area")))
    if can_import_feed(user):
        items.append(("Feed imports", reverse("ingest:feed_upload")))
    if can_see_voice_themes(user):
        items.append(("Victims' voice", reverse("voice:themes")))
    if can_see_voice_evidence(user):
        items.append(("Case studies", reverse("voice:case_studies")))
    if can_manage_recommendations(user):
        items.append(("You said, we did", reverse("voice:recommendations")))
    if can(user, Capability.MANAGE_ADVISORY_PANEL):
        items.append(("Advisory panel", reverse("voice:panel")))
    if can(user, Capability.DRAFT_ANNUAL_REPORT):
        items.append(("Annual report", reverse("voice:annual_reports")))
    if can(user, Capability.SEE_FEEDBACK):
        items.append(("Feedback", reverse("voice:results")))
    if mailbox_in_use():
        items.append(("Mailbox (demo)", reverse("notify:mailbox")))
    if can(user, Capability.READ_AUDIT):
        items.append(("Audit", reverse("audit:index")))
    if can(user, Capability.HANDLE_SUBJECT_ACCESS):
        items.append(("Data protection", reverse("dataprotection:index")))
    if can(user, Capability.ADMINISTER_RETENTION):
        items.append(("Retention", reverse("dataprotection:retention_queue")))
    return items


def landing_url(user: Any) -> str:
    """Where a member of staff lands after signing in: the first page of their menu. Anyone
    not yet signed in (or half signed in) goes to the caseload, which sends them to sign in."""
    verified = is_staff_member(user) and user.is_verified()
    items = menu_items(user) if verified else []
    return items[0][1] if items else reverse("cases:caseload")


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    verified = is_staff_member(user) and user.is_verified()  # type: ignore[union-attr]
    if not verified:
        return {"nav_items": []}
    items = menu_items(user)
    # The current item is the one whose address is the longest prefix of this page's, so
    # /cases/search/ marks "Find a victim" and not also "Caseload" (/cases/).
    matches = [h for _, h in items if request.path.startswith(h)]
    current = max(matches, key=len) if matches else None
    return {"nav_items": [{"text": t, "href": h, "active": h == current} for t, h in items]}
