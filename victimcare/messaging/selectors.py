"""Reads for messaging: a case's thread, the staff inbox, unread counts, and what happens next
after a victim's request (read from the stored entitlements the engine wrote for it).

Staff reads start from the access gate (cases_visible_to); the portal's reads start from the
portal's own case, which its sign-in fixed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from victimcare.access.gate import cases_visible_to, my_cases_filter, my_teams_cases_filter
from victimcare.cases.models import Event, EventSource, VictimCase
from victimcare.messaging.models import Message, Sender, UrgentReason
from victimcare.messaging.requests import request_words
from victimcare.rights.models import OPEN_STATUSES, Entitlement, status_on
from victimcare.rights.vocabulary import OVERDUE


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


URGENT, MINE, TEAM, OTHER = -1, 0, 1, 2
GROUP_LABELS = {
    URGENT: "Urgent: read these first",
    MINE: "My cases",
    TEAM: "My team's cases",
    OTHER: "Other cases you can see",
}


@dataclass(frozen=True)
class InboxRow:
    case: VictimCase
    unread: int
    latest_at: datetime
    group: int
    urgent: int = 0  # unread messages marked urgent
    young: bool = False  # an unread one is urgent because the victim is young
    reply_by: datetime | None = None  # the soonest reply-by of the unread messages


def staff_inbox(user: Any) -> list[InboxRow]:
    """Cases the user can see with victim messages no member of staff has read: cases with an
    urgent unread message first (soonest reply-by first), then the user's own cases, then their
    teams', then the rest of what they can see; newest first in each."""
    unread = Q(portal_messages__sender=Sender.VICTIM, portal_messages__read_at__isnull=True)
    urgent = unread & Q(portal_messages__urgent=True)
    rows = (
        cases_visible_to(user)
        .filter(unread)
        .annotate(
            unread=Count("portal_messages", filter=unread),
            latest_at=Max("portal_messages__sent_at"),
            urgent=Count("portal_messages", filter=urgent),
            young=Count(
                "portal_messages", filter=urgent & Q(portal_messages__urgent_reason=UrgentReason.YOUNG)
            ),
            reply_by=Min("portal_messages__reply_by", filter=unread),
        )
        .annotate(
            group=Case(
                When(urgent__gt=0, then=Value(URGENT)),
                When(my_cases_filter(user), then=Value(MINE)),
                When(my_teams_cases_filter(user), then=Value(TEAM)),
                default=Value(OTHER),
                output_field=IntegerField(),
            ),
            # Urgent cases: the soonest reply-by first; the others: the newest message first.
            soonest=Case(When(urgent__gt=0, then=F("reply_by")), default=None, output_field=DateTimeField()),
        )
        .select_related("person", "crime", "caseworker")
        .order_by("group", F("soonest").asc(nulls_last=True), "-latest_at", "-id")
    )
    return [
        InboxRow(
            case=c,
            unread=c.unread,
            latest_at=c.latest_at,
            group=c.group,
            urgent=c.urgent,
            young=c.young > 0,
            reply_by=c.reply_by,
        )
        for c in rows
    ]


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


# --- victims' requests, for staff ----------------------------------------------------------------

REQUEST_TYPES = ("vps_requested", "vrr_requested", "complaint_received")


@dataclass(frozen=True)
class OpenRequest:
    event: Event
    case: VictimCase
    asked: str
    due: date | None
    overdue: bool


def open_requests(user: Any, day: date, *, limit: int | None = None) -> list[OpenRequest]:
    """Requests victims made through the portal on the cases the user can see that are still
    owed something (an open stored obligation triggered by the request): the soonest due first,
    then those with no date, oldest first; at most `limit`."""
    events = (
        _open_request_events(user)
        .annotate(
            next_due=Subquery(_open_for_event().values("trigger_id").annotate(d=Min("due")).values("d")[:1])
        )
        .select_related("case", "case__person", "case__crime", "case__caseworker")
        .order_by(F("next_due").asc(nulls_last=True), "occurred_at", "id")
    )
    return [
        OpenRequest(
            event=e,
            case=e.case,
            asked=request_words(e),
            due=e.next_due,
            overdue=e.next_due is not None and status_on(OPEN_STATUSES[0], e.next_due, day) == OVERDUE,
        )
        for e in (events[:limit] if limit is not None else events)
    ]


def open_request_count(user: Any) -> int:
    return _open_request_events(user).count()


def _open_for_event() -> QuerySet[Entitlement]:
    return Entitlement.objects.filter(trigger=OuterRef("pk"), status__in=OPEN_STATUSES).order_by()


def _open_request_events(user: Any) -> QuerySet[Event]:
    return Event.objects.filter(
        case__in=cases_visible_to(user).values("id"),
        type__in=REQUEST_TYPES,
        source=EventSource.PORTAL,
        corrects__isnull=True,
    ).filter(Exists(_open_for_event()))
