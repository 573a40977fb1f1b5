"""Reads for messaging: a case's thread, the staff inbox, unread counts, and what happens next
after a victim's request (read from the stored entitlements the engine wrote for it).

Staff reads start from the access gate (cases_visible_to); the portal's reads start from the
portal's own case, which its sign-in fixed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When

from victimcare.accounts.access import cases_visible_to, team_ids
from victimcare.cases.models import Event, VictimCase
from victimcare.messaging.models import Message, Sender
from victimcare.rights.models import Entitlement


def thread(case: VictimCase) -> QuerySet[Message]:
    """Every message on the case, oldest first (the order a conversation is read in)."""
    return Message.objects.filter(case=case).select_related("sender_user").order_by("sent_at", "id")


@dataclass(frozen=True)
class ThreadSummary:
    total: int
    unread: int  # messages waiting for this side to read them
    latest: Message | None


def thread_summary(case: VictimCase, *, for_staff: bool) -> ThreadSummary:
    waiting_from = Sender.VICTIM if for_staff else Sender.STAFF
    messages = Message.objects.filter(case=case)
    counts = messages.aggregate(
        total=Count("id"), unread=Count("id", filter=Q(sender=waiting_from, read_at__isnull=True))
    )
    latest = messages.select_related("sender_user").order_by("-sent_at", "-id").first()
    return ThreadSummary(total=counts["total"], unread=counts["unread"], latest=latest)


def victim_unread_count(case: VictimCase) -> int:
    return Message.objects.filter(case=case, sender=Sender.STAFF, read_at__isnull=True).count()


MINE, TEAM, OTHER = 0, 1, 2
GROUP_LABELS = {MINE: "My cases", TEAM: "My team's cases", OTHER: "Other cases you can see"}


@dataclass(frozen=True)
class InboxRow:
    case: VictimCase
    unread: int
    latest_at: datetime
    group: int


def staff_inbox(user: Any) -> list[InboxRow]:
    """Cases the user can see with victim messages no member of staff has read: the user's own
    cases first, then their teams', then the rest of what they can see; newest first in each."""
    teams = team_ids(user)
    unread = Q(portal_messages__sender=Sender.VICTIM, portal_messages__read_at__isnull=True)
    rows = (
        cases_visible_to(user)
        .filter(unread)
        .annotate(unread=Count("portal_messages", filter=unread), latest_at=Max("portal_messages__sent_at"))
        .annotate(
            group=Case(
                When(Q(caseworker=user) | Q(officer_in_charge=user), then=Value(MINE)),
                When(Q(team_id__in=teams) | Q(crime__team_id__in=teams), then=Value(TEAM)),
                default=Value(OTHER),
                output_field=IntegerField(),
            )
        )
        .select_related("person", "crime", "caseworker")
        .order_by("group", "-latest_at", "-id")
    )
    return [InboxRow(case=c, unread=c.unread, latest_at=c.latest_at, group=c.group) for c in rows]


def staff_unread_count(user: Any) -> int:
    """Unread victim messages across every case the user can see (for a count in the menu)."""
    return Message.objects.filter(
        case__in=cases_visible_to(user).values("id"), sender=Sender.VICTIM, read_at__isnull=True
    ).count()


@dataclass(frozen=True)
class NextStep:
    rule: str
    due: date | None


def request_next_steps(event: Event) -> list[NextStep]:
    """The clocks the engine started for a request: each stored obligation the event
    triggered, with its due date (empty where the Code sets no clock)."""
    rows = Entitlement.objects.filter(trigger=event).order_by("due", "rule").values_list("rule", "due")
    return [NextStep(rule=rule, due=due) for rule, due in rows]


def portal_request_event(case: VictimCase, event_id: int | str, types: tuple[str, ...]) -> Event | None:
    """A request the victim made on their own case (None for any other id: never another case's)."""
    try:
        return Event.objects.get(pk=int(event_id), case=case, type__in=types)
    except (Event.DoesNotExist, ValueError, TypeError):
        return None
