"""Reads of stored entitlements: the work queue, and the read-time status the dashboard builds on.

Every read that shows a case starts from the access gate (cases_visible_to). Statuses that move
with the calendar are judged at read time (`with_status_now`), never taken from the stored
column alone, so nothing past its due date is ever shown as pending (docs/adr/0010).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.gate import cases_visible_to, my_cases_filter, my_teams_cases_filter
from victimcare.cases.models import VictimCase
from victimcare.rights.models import CLOCKED_OPEN, Entitlement
from victimcare.rights.owed import owed
from victimcare.rights.review_windows import ReviewWindow, TimelineEntry, review_windows, reviewable_decisions
from victimcare.rights.services import stored_calendar
from victimcare.rights.vocabulary import OVERDUE, PENDING

MINE = "mine"
TEAM = "team"
UNIT = "unit"
ALL = "all"
SCOPE_LABELS = {
    MINE: "My cases",
    TEAM: "My team's cases",
    UNIT: "Owed by the Witness Care Unit",
    ALL: "All cases I can see",
}
WITNESS_CARE = "wcu"


def with_status_now(entitlements: QuerySet[Entitlement], day: date) -> QuerySet[Entitlement]:
    """Annotate `current_status`: the status on `day` (the engine's pending/overdue test by due
    date; every other status as stored). Dashboards should count this, not `status`."""
    clocked = Q(status__in=CLOCKED_OPEN, due__isnull=False)
    return entitlements.annotate(
        current_status=Case(
            When(clocked & Q(due__lt=day), then=Value(OVERDUE)),
            When(clocked, then=Value(PENDING)),
            default=F("status"),
            output_field=CharField(),
        )
    )


def queue_scopes(user: Any) -> list[str]:
    """The work-queue views this user may choose between, the default first. A witness care
    officer is no case's caseworker or officer and on no team: their queue opens on what their
    unit owes on the cases of their area (docs/adr/0044)."""
    if can(user, Capability.WITNESS_CARE_QUEUE):
        return [UNIT, ALL]
    scopes = [MINE, TEAM]
    if can(user, Capability.WHOLE_SCOPE_QUEUE):
        scopes.append(ALL)
    return scopes


def _scope_filter(user: Any, scope: str) -> Q:
    if scope == MINE:
        return my_cases_filter(user)
    if scope == TEAM:
        return my_teams_cases_filter(user)
    if scope == ALL and can(user, Capability.WHOLE_SCOPE_QUEUE):
        return Q()
    if scope == UNIT and can(user, Capability.WITNESS_CARE_QUEUE):
        return Q()  # the gate's area; work_queue keeps what the unit owes
    raise ValueError(f"Unknown work queue scope: {scope}")


def work_queue(user: Any, *, scope: str, day: date, provider: str = "") -> QuerySet[Entitlement]:
    """Obligations still owed on the cases this user may see in `scope`: overdue first, then
    soonest due (a rule with no Code limit by its local target date, if any); obligations with
    no date at all (e.g. "before sentence") last.

    Joined: the case, its victim and crime, and the trigger event, so a page of the queue is
    one query whatever its length.
    """
    cases = cases_visible_to(user).filter(_scope_filter(user, scope))
    rows = owed(cases=cases.values("id"), provider=provider)
    if scope == UNIT:
        rows = rows.filter(provider=WITNESS_CARE)
    rows = with_status_now(rows, day).annotate(
        sort_due=Coalesce("due", "local_due"),
        overdue_first=Case(
            When(Q(current_status=OVERDUE) | Q(due__isnull=True, local_due__lt=day), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    )
    return rows.select_related("case__person", "case__crime", "trigger").order_by(
        "overdue_first", F("sort_due").asc(nulls_last=True), "id"
    )


def case_review_windows(case: VictimCase) -> list[ReviewWindow]:
    """The victim's windows to ask for a review of each reviewable decision on the case."""
    rows = case.events.filter(
        type__in=[*reviewable_decisions(), "victim_informed", "vrr_requested"]
    ).values_list("id", "type", "occurred_at", "about_id", "payload")
    entries = [
        TimelineEntry(pk, kind, timezone.localdate(at), about, (payload or {}).get("decision_maker"))
        for pk, kind, at, about, payload in rows.order_by("occurred_at", "id")
    ]
    return review_windows(entries, stored_calendar())
