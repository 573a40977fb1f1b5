"""The compliance dashboard's figures: aggregate reads of stored entitlements (docs/adr/0014).

Every figure counts the status *on the reporting day* (rights.selectors.with_status_now), never
the stored column alone, so an obligation past its due date counts as overdue, not pending.
Obligations with a due date are placed in the month or quarter of that due date; obligations
without one (Right 3's written acknowledgement, "before sentencing" rules) are counted apart,
by the date of the event that triggered them, as done / not done (or met / late / pending for
"before an event" limits), never mixed into the statutory figure.

Who sees what (the gate for these pages; docs/adr/0014 says why it lives here for now):
- supervisors: figures for the cases they can see (cases_visible_to), with drill-down to them;
- analysts: figures for every obligation their organisation holds, small numbers suppressed,
  and no drill-down to cases;
- everyone else: nothing (404).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.gate import cases_visible_to
from victimcare.accounts.models import Team
from victimcare.cases.events import COMPLAINT_BODIES, COMPLAINT_OUTCOMES, COMPLAINT_ROUTES
from victimcare.cases.models import Event, VictimCase
from victimcare.rights.loader import default_rule_sets
from victimcare.rights.models import PROVIDER_LABELS, RIGHT_NAMES, STATUS_LABELS, Entitlement
from victimcare.rights.selectors import with_status_now
from victimcare.rights.vocabulary import DONE, LATE, MET, NOT_APPLICABLE, NOT_DONE, OVERDUE, PENDING

# The statutory figure's statuses, in the order the tables show them.
DATED_STATUSES = (MET, LATE, OVERDUE, PENDING, NOT_APPLICABLE)
# Obligations with no due date add done / not done (no statutory clock).
UNDATED_STATUSES = (MET, LATE, OVERDUE, PENDING, NOT_APPLICABLE, DONE, NOT_DONE)
SUPPRESS_BELOW = 5  # DESIGN.md: analysts see aggregates with small numbers suppressed
SUPPRESSED = "fewer than 5"

MONTH, QUARTER = "month", "quarter"
RIGHT, RULE, PROVIDER, TEAM, ENHANCED, PERIOD = "right", "rule", "provider", "team", "enhanced", "period"
GROUPINGS = {
    RIGHT: "Right",
    RULE: "Rule",
    PROVIDER: "Owed by",
    TEAM: "Victim care team",
    ENHANCED: "Standard or enhanced",
}
_GROUP_FIELD = {
    RIGHT: "right",
    RULE: "rule",
    PROVIDER: "provider",
    TEAM: "case__team_id",
    ENHANCED: "enhanced",
}
NO_TEAM = "none"


# --- the gate -------------------------------------------------------------------------------


def entitlements_for(user: Any) -> QuerySet[Entitlement]:
    """The stored obligations whose figures this user may see."""
    if not can(user, Capability.SEE_COMPLIANCE):
        return Entitlement.objects.none()
    if can(user, Capability.AGGREGATES_ONLY):
        return Entitlement.objects.filter(organisation_id=user.organisation_id)
    return Entitlement.objects.filter(case__in=cases_visible_to(user).values("id"))


# --- filters --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    period: str = MONTH
    group: str = RIGHT
    right: str = ""
    rule: str = ""
    provider: str = ""
    team: int | None = None
    enhanced: bool | None = None


def period_start(day: date, period: str) -> date:
    if period == QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, day.month, 1)


def next_period(start: date, period: str) -> date:
    months = 3 if period == QUARTER else 1
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def period_label(start: date, period: str) -> str:
    if period == QUARTER:
        return f"{start.year} Q{(start.month - 1) // 3 + 1} ({start:%b} to {next_period(start, QUARTER) - timedelta(days=1):%b %Y})"
    return f"{start:%B %Y}"


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(user: Any, f: Filters) -> QuerySet[Entitlement]:
    rows = entitlements_for(user)
    if f.right:
        rows = rows.filter(right=f.right)
    if f.rule:
        rows = rows.filter(rule=f.rule)
    if f.provider:
        rows = rows.filter(provider=f.provider)
    if f.team is not None:
        rows = rows.filter(Q(case__team_id=f.team) | Q(case__crime__team_id=f.team))
    if f.enhanced is not None:
        rows = rows.filter(enhanced=f.enhanced)
    return rows


def dated(user: Any, f: Filters) -> QuerySet[Entitlement]:
    """Obligations with a statutory due date inside the range."""
    return filtered(user, f).filter(due__gte=f.start, due__lte=f.end)


def undated(user: Any, f: Filters) -> QuerySet[Entitlement]:
    """Obligations without a due date whose triggering event falls inside the range."""
    return filtered(user, f).filter(
        due__isnull=True,
        trigger__occurred_at__gte=local_midnight(f.start),
        trigger__occurred_at__lt=local_midnight(f.end + timedelta(days=1)),
    )


def counted(rows: QuerySet[Entitlement], column: str, statuses: Iterable[str]) -> dict[Any, dict[str, int]]:
    """{value of `column`: {status: count}} from one GROUP BY (column, current_status) query.

    `rows` must carry `current_status` (with_status_now). Grouping by the status, rather than one
    COUNT(*) FILTER per status, evaluates the status expression once per row."""
    data: Any = rows.values(column, "current_status").annotate(n=Count("id")).order_by()
    out: dict[Any, dict[str, int]] = {}
    for d in data:
        counts = out.setdefault(d[column], dict.fromkeys(statuses, 0))
        if d["current_status"] in counts:
            counts[d["current_status"]] += d["n"]
    return out


# --- the figures ----------------------------------------------------------------------------


@dataclass
class Row:
    key: str  # the value that identifies the row in a drill-down address
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        met = self.counts.get(MET, 0)
        denominator = met + self.counts.get(LATE, 0) + self.counts.get(OVERDUE, 0)
        return None if denominator == 0 else met / denominator

    @property
    def denominator(self) -> int:
        return self.counts.get(MET, 0) + self.counts.get(LATE, 0) + self.counts.get(OVERDUE, 0)


@cache
def rule_titles() -> dict[str, str]:
    titles: dict[str, str] = {}
    for rule_set in default_rule_sets().versions:
        for rule in rule_set.rules:
            titles.setdefault(rule.id, rule.title)
    return titles


def right_label(right: str) -> str:
    name = RIGHT_NAMES.get(right, right)
    return name if right == "review" else f"Right {right}: {name}"


def _right_order(right: str) -> tuple[int, str]:
    return (int(right), "") if right.isdigit() else (99, right)


def group_rows(user: Any, f: Filters, day: date) -> list[Row]:
    """One row per value of the chosen grouping, over obligations due in the range (one query,
    plus one for team names when grouping by team)."""
    column = _GROUP_FIELD[f.group]
    data = counted(with_status_now(dated(user, f), day), column, DATED_STATUSES)
    rows = [Row(_key(value), "", counts) for value, counts in data.items()]
    labels = _labels(f.group, [r.key for r in rows])
    for row in rows:
        row.label = labels.get(row.key, row.key)
    if f.group == RIGHT:
        rows.sort(key=lambda r: _right_order(r.key))
    else:
        rows.sort(key=lambda r: r.label)
    return rows


def trend_rows(user: Any, f: Filters, day: date) -> list[Row]:
    """One row per month or quarter of due date in the range, empty periods included."""
    trunc = TruncQuarter("due") if f.period == QUARTER else TruncMonth("due")
    found = counted(with_status_now(dated(user, f), day).annotate(bucket=trunc), "bucket", DATED_STATUSES)
    rows = []
    start = period_start(f.start, f.period)
    while start <= f.end:
        counts = found.get(start, dict.fromkeys(DATED_STATUSES, 0))
        rows.append(Row(start.isoformat(), period_label(start, f.period), counts))
        start = next_period(start, f.period)
    return rows


def undated_rows(user: Any, f: Filters, day: date) -> list[Row]:
    """Obligations with no due date, one row per rule, by the date of their trigger."""
    data = counted(with_status_now(undated(user, f), day), "rule", UNDATED_STATUSES)
    titles = rule_titles()
    return [Row(rule, titles.get(rule, rule), data[rule]) for rule in sorted(data)]


def local_target_rows(user: Any, f: Filters, day: date) -> list[Row]:
    """Local targets (e.g. Right 3's written acknowledgement), reported apart from the statutory
    figure: met / late / pending / overdue against the local due date, by that date."""
    rows = filtered(user, f).filter(local_due__gte=f.start, local_due__lte=f.end).exclude(local_status="")
    data = counted(
        rows.annotate(current_status=_local_status_now(day)), "rule", (MET, LATE, OVERDUE, PENDING)
    )
    titles = rule_titles()
    return [Row(rule, titles.get(rule, rule), data[rule]) for rule in sorted(data)]


def _local_status_now(day: date) -> Any:
    clocked = Q(local_status__in=(PENDING, OVERDUE))
    return Case(
        When(clocked & Q(local_due__lt=day), then=Value(OVERDUE)),
        When(clocked, then=Value(PENDING)),
        default=F("local_status"),
        output_field=CharField(),
    )


def _key(value: Any) -> str:
    if value is None:
        return NO_TEAM
    if isinstance(value, bool):
        return ENHANCED if value else "standard"
    return str(value)


def _labels(group: str, keys: list[str]) -> dict[str, str]:
    if group == RIGHT:
        return {k: right_label(k) for k in keys}
    if group == RULE:
        titles = rule_titles()
        return {k: f"{titles.get(k, k)} ({k})" for k in keys}
    if group == PROVIDER:
        return {k: PROVIDER_LABELS.get(k, k) for k in keys}
    if group == ENHANCED:
        return {ENHANCED: "Enhanced rights", "standard": "Standard rights"}
    ids = [int(k) for k in keys if k.isdigit()]
    names = {str(t.id): t.name for t in Team.objects.filter(id__in=ids)} if ids else {}
    names[NO_TEAM] = "No team"
    return names


# --- complaints (Right 12) by the body complained about -------------------------------------

# The columns of the complaints table, in order: received, the Code's first reply in 10 working
# days met, answered in full (split by outcome), told how to take it further, and taken further
# by route. Answered = upheld + partly upheld + not upheld (a sum disclosure control protects).
RECEIVED, FIRST_REPLY_ON_TIME, ANSWERED, TOLD_HOW_TO_ESCALATE = (
    "received",
    "first_reply_on_time",
    "answered",
    "told_how_to_escalate",
)
COMPLAINT_OUTCOME_KEYS = tuple(code for code, _ in COMPLAINT_OUTCOMES)
COMPLAINT_ROUTE_KEYS = tuple(code for code, _ in COMPLAINT_ROUTES)
COMPLAINT_COLUMNS = (
    RECEIVED,
    FIRST_REPLY_ON_TIME,
    ANSWERED,
    *COMPLAINT_OUTCOME_KEYS,
    TOLD_HOW_TO_ESCALATE,
    *COMPLAINT_ROUTE_KEYS,
)
COMPLAINT_HEADERS = {
    RECEIVED: "Received",
    FIRST_REPLY_ON_TIME: "First reply within 10 working days",
    ANSWERED: "Answered in full",
    **dict(COMPLAINT_OUTCOMES),
    TOLD_HOW_TO_ESCALATE: "Told how to take it further",
    "own_process": "Taken to the organisation's next stage",
    "victims_commissioner": "Taken to the Victims' Commissioner",
    "ombudsman": "Taken to the Ombudsman",
}
COMPLAINT_BODY_LABELS = dict(COMPLAINT_BODIES)


def complaint_events_for(user: Any) -> QuerySet[Event]:
    """The timeline events whose complaint figures this user may see (the same gate as the
    compliance figures: analysts their organisation's, supervisors the cases they can see)."""
    if not can(user, Capability.SEE_COMPLIANCE):
        return Event.objects.none()
    if can(user, Capability.AGGREGATES_ONLY):
        rows = Event.objects.filter(organisation_id=user.organisation_id)
    else:
        rows = Event.objects.filter(case__in=cases_visible_to(user).values("id"))
    return rows.filter(corrections__isnull=True)  # a corrected event stands replaced


def complaint_rows(user: Any, f: Filters, day: date) -> list[Row]:
    """One row per body complained about, over complaints received in the range (by the date
    received), each carried to its first reply, full reply and outcome, and where the victim took
    it next. Four queries, whatever the number of complaints."""
    events = complaint_events_for(user)
    if f.team is not None:
        events = events.filter(Q(case__team_id=f.team) | Q(case__crime__team_id=f.team))
    received = list(
        events.filter(
            type="complaint_received",
            occurred_at__gte=local_midnight(f.start),
            occurred_at__lt=local_midnight(f.end + timedelta(days=1)),
        ).values_list("id", "payload")
    )
    if not received:
        return []
    body_of = {pk: str((payload or {}).get("against") or "other") for pk, payload in received}
    counts: dict[str, dict[str, int]] = {}
    for body in body_of.values():
        counts.setdefault(body, dict.fromkeys(COMPLAINT_COLUMNS, 0))[RECEIVED] += 1
    answers = events.filter(
        type__in=("complaint_responded", "complaint_escalated"), about_id__in=list(body_of)
    ).values_list("about_id", "type", "payload")
    answered: dict[int, dict[str, Any]] = {}
    routes: set[tuple[int, str]] = set()
    for about, kind, payload in answers.order_by("occurred_at", "id"):
        payload = payload or {}
        if kind == "complaint_responded":
            answered.setdefault(about, payload)  # the first full reply is the complaint's answer
        elif payload.get("route") in COMPLAINT_ROUTE_KEYS:
            routes.add((about, str(payload["route"])))
    for about, payload in answered.items():
        row = counts[body_of[about]]
        row[ANSWERED] += 1
        if payload.get("outcome") in COMPLAINT_OUTCOME_KEYS:
            row[str(payload["outcome"])] += 1
        if payload.get("told_how_to_escalate") is True:
            row[TOLD_HOW_TO_ESCALATE] += 1
    for about, route in routes:
        counts[body_of[about]][route] += 1
    on_time = with_status_now(
        Entitlement.objects.filter(rule="R12_COMPLAINT_ACK", trigger_id__in=list(body_of)), day
    ).filter(Q(current_status=MET))
    for trigger_id in on_time.values_list("trigger_id", flat=True):
        counts[body_of[trigger_id]][FIRST_REPLY_ON_TIME] += 1
    order = list(COMPLAINT_BODY_LABELS)
    return [
        Row(body, COMPLAINT_BODY_LABELS.get(body, body), counts[body])
        for body in sorted(counts, key=lambda b: (order.index(b) if b in order else len(order), b))
    ]


# --- drill-down -----------------------------------------------------------------------------


def behind(
    user: Any, f: Filters, day: date, *, by: str, key: str, status: str, section: str
) -> QuerySet[VictimCase]:
    """The cases behind one figure, through the access gate (ValueError for a key that is not
    a figure on the page). `section` is "dated" (the grouped and trend tables) or "undated"."""
    if section == "undated":
        rows = undated(user, f)
        if by != RULE:
            raise ValueError(by)
        rows = rows.filter(rule=key)
        allowed: Iterable[str] = UNDATED_STATUSES
    else:
        rows = dated(user, f)
        allowed = DATED_STATUSES
        if by == PERIOD:
            start = date.fromisoformat(key)
            if start != period_start(start, f.period):
                raise ValueError(key)
            rows = rows.filter(due__gte=start, due__lt=next_period(start, f.period))
        elif by == TEAM:
            rows = (
                rows.filter(case__team__isnull=True)
                if key == NO_TEAM
                else rows.filter(case__team_id=int(key))
            )
        elif by == ENHANCED:
            if key not in (ENHANCED, "standard"):
                raise ValueError(key)
            rows = rows.filter(enhanced=key == ENHANCED)
        elif by in (RIGHT, RULE, PROVIDER):
            rows = rows.filter(**{by: key})
        elif by != "all":
            raise ValueError(by)
    if status:
        if status not in allowed:
            raise ValueError(status)
        rows = with_status_now(rows, day).filter(Q(current_status=status))
    return (
        cases_visible_to(user)
        .filter(id__in=rows.values("case_id"))
        .select_related("person", "crime", "team")
        .order_by("-opened_at", "-id")
    )


def figure_label(by: str, key: str, f: Filters, section: str) -> str:
    """Which figure a drill-down explains, in words: the row of the table it came from."""
    if by == PERIOD:
        return f"{period_label(date.fromisoformat(key), f.period)} (trend by {f.period})"
    if by == "all":
        return "All obligations"
    label = _labels(by, [key]).get(key, key) if by in GROUPINGS else key
    table = (
        "obligations with no due date" if section == "undated" else f"compliance by {GROUPINGS[by].lower()}"
    )
    return f"{label} ({table})"


# --- presentation (suppression) -------------------------------------------------------------


def show_count(value: int, suppress: bool) -> int | str:
    return SUPPRESSED if suppress and 0 < value < SUPPRESS_BELOW else value


def show_rate(row: Row, suppress: bool) -> str:
    if row.rate is None:
        return "No figure"
    if suppress and row.denominator < SUPPRESS_BELOW:
        return "Not shown (fewer than 5)"
    return f"{row.rate:.0%}"


def status_label(status: str) -> str:
    return STATUS_LABELS[status]


# What each status counts, for the definitions on the dashboard and the cases behind a figure.
STATUS_DEFINITIONS = {
    MET: "Done by its due date (the event that fulfils it recorded on or before the day it fell due).",
    LATE: "Done, but after its due date.",
    OVERDUE: "Not done, and its due date has passed.",
    PENDING: "Not done yet, and not yet due.",
    NOT_APPLICABLE: "The Code no longer requires it for this victim (for example, they declined it in time).",
    DONE: "No due date: done.",
    NOT_DONE: "No due date: not done yet.",
}
COMPLIANCE_RATE_DEFINITION = (
    "Met on time divided by met, late and overdue. Pending and not applicable obligations are "
    "counted but are not part of the rate."
)


def cells(row: Row, statuses: Iterable[str], suppress: bool) -> Mapping[str, Any]:
    return {s: show_count(row.counts.get(s, 0), suppress) for s in statuses}
