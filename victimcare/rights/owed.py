"""What is still owed to victims: the one query the work queue and the staff reminders both
start from, so a reminder never lists what the queue does not show (docs/adr/0044).

An obligation is owed while it is open (pending, overdue, or not done), except on a case that
is closed and whose victim opted out of updates: nothing more will be told to them, so it
stops appearing in the queue and in reminders alike. The stored status is left as it is, so
the compliance figures still count a breach that happened.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from victimcare.cases.events import Stage
from victimcare.cases.models import Event
from victimcare.rights.models import OPEN_STATUSES, Entitlement

OPTED_OUT = "victim_opted_out_of_updates"


def finished_with() -> Q:
    """Entitlements on a closed case whose victim opted out of updates."""
    opted_out = Exists(Event.objects.filter(case_id=OuterRef("case_id"), type=OPTED_OUT))
    return Q(opted_out, case__stage=Stage.CLOSED)


def owed(
    *,
    cases: Any = None,
    organisation_id: int | None = None,
    provider: str = "",
    due_from: date | None = None,
    due_to: date | None = None,
) -> QuerySet[Entitlement]:
    """Obligations still owed, narrowed to `cases` (a queryset of case ids, e.g. those the gate
    lets a user see), one organisation, one provider, or a due-date range (inclusive; a range
    leaves out the obligations with no due date)."""
    rows = Entitlement.objects.filter(status__in=OPEN_STATUSES)
    if cases is not None:
        rows = rows.filter(case__in=cases)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    if provider:
        rows = rows.filter(provider=provider)
    if due_from is not None:
        rows = rows.filter(due__gte=due_from)
    if due_to is not None:
        rows = rows.filter(due__lte=due_to)
    return rows.exclude(finished_with())
