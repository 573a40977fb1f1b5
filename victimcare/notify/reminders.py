"""Staff reminders: before an obligation falls due, when it becomes overdue, and when an update
agreed with the victim ("every two weeks by phone") is due.

The scan reads stored entitlements (rights.models.Entitlement) by due-date range, one
organisation at a time, so each query is a range scan on the rights app's
(organisation, status, due) index rather than a pass over every row. It writes Reminder rows
whose unique `key` makes a second scan (or a second scheduler) remind nobody twice. Then each
user gets their reminders as they come (immediate) or in one email a day (digest).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from victimcare.access.capabilities import Capability, holders
from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.cases.events import Stage
from victimcare.cases.models import ContactFrequency, Event, VictimCase
from victimcare.notify import messages
from victimcare.notify.models import (
    Audience,
    MessageChannel,
    Reminder,
    ReminderKind,
    ReminderMode,
    ReminderPreference,
)
from victimcare.notify.services import message_write
from victimcare.rights.models import rule_for
from victimcare.rights.owed import owed
from victimcare.rights.services import stored_calendar
from victimcare.rights.workdays import WorkingDayCalendar

DEFAULT_MODE = ReminderMode.DIGEST
DEFAULT_DAYS_BEFORE = 1
# An obligation that fell overdue while the scheduler was stopped is still reported if it
# became overdue within this many days.
OVERDUE_LOOKBACK_DAYS = 14
CONTACT_DAYS: dict[str, int] = {
    ContactFrequency.WEEKLY: 7,
    ContactFrequency.FORTNIGHTLY: 14,
    ContactFrequency.MONTHLY: 30,
}
CONTACT_EVENTS = ("contact_made", "victim_informed")
POLICE_SIDE = frozenset({"police", "cps"})


@transaction.atomic
def reminder_preference_set(*, actor: User, mode: str, days_before: int) -> ReminderPreference:
    pref = ReminderPreference.objects.filter(user=actor).first() or ReminderPreference(user=actor)
    before = snapshot(pref, ("mode", "days_before")) if pref.pk and not pref._state.adding else {}
    pref.mode, pref.days_before = ReminderMode(mode), days_before
    pref.full_clean()
    pref.save()
    changes = field_changes(before, snapshot(pref, ("mode", "days_before")))
    if changes:
        audit_record(
            actor=actor, action=Action.UPDATE if before else Action.CREATE, obj=pref, changes=changes
        )
    return pref


@dataclass(frozen=True)
class Settings:
    mode: str
    days_before: int


def _user_settings() -> dict[int, Settings]:
    return {
        p.user_id: Settings(p.mode, p.days_before)
        for p in ReminderPreference.objects.all()  # one row per member of staff: small
    }


def _setting(table: dict[int, Settings], user_id: int) -> Settings:
    return table.get(user_id, Settings(DEFAULT_MODE, DEFAULT_DAYS_BEFORE))


WITNESS_CARE = "wcu"


@dataclass(frozen=True)
class Recipients:
    """Who is told of what, looked up once per scan (one row per member of staff: small)."""

    # Active witness care officers by the force area their unit works in.
    witness_care: dict[int, list[int]]
    # Active supervisors by organisation, for escalations.
    supervisors: dict[int, list[int]]

    @classmethod
    def load(cls) -> Recipients:
        witness_care: dict[int, list[int]] = defaultdict(list)
        active = User.objects.filter(is_active=True).order_by("id")
        for user_id, force_id in active.filter(holders(Capability.WITNESS_CARE_QUEUE)).values_list(
            "id", "organisation__force_id"
        ):
            if force_id is not None:
                witness_care[force_id].append(user_id)
        supervisors: dict[int, list[int]] = defaultdict(list)
        for user_id, org_id in active.filter(holders(Capability.ANSWER_ESCALATIONS)).values_list(
            "id", "organisation_id"
        ):
            supervisors[org_id].append(user_id)
        return cls(witness_care, supervisors)


def _recipients(row: Owed, people: Recipients) -> list[int]:
    """What the Witness Care Unit owes goes to the witness care officers of the crime's force
    area, if the case is one they work (at court or later, as the gate has it); police and CPS
    obligations fall to the officer in charge; the rest to the caseworker. Each falls back to
    the caseworker or the officer."""
    if row.provider == WITNESS_CARE and row.stage >= Stage.COURT:
        officers = people.witness_care.get(row.force_id, [])
        if officers:
            return officers
    if row.provider in POLICE_SIDE:
        first = row.oic_id or row.caseworker_id
    else:
        first = row.caseworker_id or row.oic_id
    return [first] if first is not None else []


def _supervisors(row: Owed, people: Recipients) -> list[int]:
    """Whom an escalation goes to: police and CPS obligations to the force's supervisors (who
    see every case on its crimes), the rest to the supervisors of the service holding the case."""
    org_id = row.force_id if row.provider in POLICE_SIDE else row.organisation_id
    return people.supervisors.get(org_id, [])


@dataclass(frozen=True)
class Owed:
    case_id: int
    organisation_id: int
    rule: str
    code_version: str
    right: str
    provider: str
    trigger_id: int
    due: date
    caseworker_id: int | None
    oic_id: int | None
    force_id: int
    stage: int


_COLUMNS = (
    "case_id",
    "organisation_id",
    "rule",
    "code_version",
    "right",
    "provider",
    "trigger_id",
    "due",
    "case__caseworker_id",
    "case__officer_in_charge_id",
    "case__crime__force_id",
    "case__stage",
)


def due_entitlements(organisation_id: int, start: date, end: date) -> Any:
    """Obligations of one organisation still owed and due between `start` and `end`
    (inclusive): the work queue's own query (rights.owed), a range scan on the
    (organisation, status, due) index."""
    return owed(organisation_id=organisation_id, due_from=start, due_to=end).values_list(*_COLUMNS)


def _due(organisation_id: int, start: date, end: date) -> list[Owed]:
    return [Owed(*row) for row in due_entitlements(organisation_id, start, end)]


def reminders_scan(*, today: date | None = None) -> int:
    """Write the reminders due today for every organisation. Returns how many rows it tried to
    write (duplicates of earlier scans are dropped by the unique key)."""
    today = today or timezone.localdate()
    table = _user_settings()
    people = Recipients.load()
    window = max([DEFAULT_DAYS_BEFORE, *(s.days_before for s in table.values())])
    escalate_after = int(settings.REMINDERS_ESCALATE_AFTER_WORKING_DAYS)
    calendar = stored_calendar()
    rows: list[Reminder] = []
    for org_id in Organisation.objects.values_list("id", flat=True):
        for row in _due(org_id, today, today + timedelta(days=window)):
            rows.extend(_entitlement_reminders(row, ReminderKind.DUE_SOON, today, table, people))
        start = today - timedelta(days=OVERDUE_LOOKBACK_DAYS)
        # Generous for the escalation (weekends and bank holidays), exact in _escalation_due.
        earliest = start - timedelta(days=2 * escalate_after + 14) if escalate_after > 0 else start
        for row in _due(org_id, earliest, today - timedelta(days=1)):
            if row.due >= start:
                rows.extend(_entitlement_reminders(row, ReminderKind.OVERDUE, today, table, people))
            if escalate_after > 0 and _escalation_due(row.due, today, escalate_after, calendar):
                rows.extend(_entitlement_reminders(row, ReminderKind.ESCALATED, today, table, people))
    rows.extend(_contact_reminders(today, table))
    Reminder.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def _escalation_due(due: date, today: date, after: int, calendar: WorkingDayCalendar) -> bool:
    """Still owed `after` working days past its due date, and that day came within the
    look-back (so a scheduler started on an old backlog does not escalate all of it at once)."""
    escalate_on = calendar.add_working_days(due, after)
    return today - timedelta(days=OVERDUE_LOOKBACK_DAYS) <= escalate_on <= today


def _title(row: Owed) -> str:
    found = rule_for(row.code_version, row.rule)
    name = found.title if found else row.rule
    return name if row.right == "review" else f"{name} (Right {row.right})"


def _entitlement_reminders(
    row: Owed, kind: str, today: date, table: dict[int, Settings], people: Recipients
) -> list[Reminder]:
    users = _supervisors(row, people) if kind == ReminderKind.ESCALATED else _recipients(row, people)
    reminders = []
    for user_id in users:
        setting = _setting(table, user_id)
        if setting.mode == ReminderMode.OFF:
            continue
        if kind == ReminderKind.DUE_SOON and (row.due - today).days > setting.days_before:
            continue
        reminders.append(
            Reminder(
                # One escalation per obligation and supervisor, ever: the key has no date.
                key=f"{kind}:{row.case_id}:{row.rule}:{row.trigger_id}:{user_id}",
                organisation_id=row.organisation_id,
                user_id=user_id,
                case_id=row.case_id,
                kind=kind,
                rule=row.rule,
                title=_title(row)[:300],
                due=row.due,
            )
        )
    return reminders


def _contact_reminders(today: date, table: dict[int, Settings]) -> list[Reminder]:
    """The contact agreement: a case whose victim asked for an update every week, two weeks
    or month is due one that long after the last contact (or the case opening)."""
    last = (
        Event.objects.filter(case=OuterRef("pk"), type__in=CONTACT_EVENTS)
        .order_by()
        .values("case")
        .annotate(at=Max("occurred_at"))
        .values("at")
    )
    cases = (
        VictimCase.objects.filter(contact_frequency__in=list(CONTACT_DAYS), stage__lt=Stage.CLOSED)
        .annotate(last_contact=Subquery(last))
        .values_list(
            "id", "organisation_id", "contact_frequency", "contact_channel", "opened_at", "last_contact",
            "caseworker_id", "officer_in_charge_id",
        )
    )  # fmt: skip
    rows = []
    for case_id, org_id, frequency, channel, opened_at, last_contact, caseworker_id, oic_id in cases:
        base: datetime = last_contact or opened_at
        due = timezone.localdate(base) + timedelta(days=CONTACT_DAYS[frequency])
        user_id = caseworker_id or oic_id
        if user_id is None:
            continue
        setting = _setting(table, user_id)
        if setting.mode == ReminderMode.OFF or (due - today).days > setting.days_before:
            continue
        how = f" by {dict(_CHANNEL_WORDS).get(channel, channel)}" if channel else ""
        label = ContactFrequency(frequency).label.lower()
        rows.append(
            Reminder(
                key=f"contact:{case_id}:{timezone.localdate(base).isoformat()}:{user_id}",
                organisation_id=org_id,
                user_id=user_id,
                case_id=case_id,
                kind=ReminderKind.CONTACT_DUE,
                rule="CONTACT",
                title=f"Update the victim ({label}{how}, as agreed)",
                due=due,
            )
        )
    return rows


_CHANNEL_WORDS = (
    ("email", "email"),
    ("sms", "text message"),
    ("phone", "phone"),
    ("letter", "letter"),
    ("portal", "the victim portal"),
)


# --- sending ------------------------------------------------------------------------------------


def _case_url(case_id: int) -> str:
    return f"{settings.NOTIFY_SITE_URL}/cases/{case_id}/"


def _url(reminder: Reminder) -> str:
    """Where the reminder opens: its case, or for one about no case, its own page."""
    if reminder.case_id is None:
        return f"{settings.NOTIFY_SITE_URL}{reminder.path}"
    return _case_url(reminder.case_id)


def _reference(reminder: Reminder) -> str:
    return reminder.case.crime.crime_reference if reminder.case is not None else reminder.rule


def reminders_send(*, now: datetime | None = None) -> int:
    """Send unsent reminders: each at once for "immediate" users; one digest a day (at or after
    NOTIFY_DIGEST_HOUR) for "digest" users. Returns the number of messages written."""
    now = now or timezone.now()
    table = _user_settings()
    pending: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in Reminder.objects.filter(message__isnull=True).select_related("case__crime", "user"):
        pending[reminder.user_id].append(reminder)
    written = 0
    local = timezone.localtime(now)
    for user_id, items in pending.items():
        mode = _setting(table, user_id).mode
        if mode == ReminderMode.IMMEDIATE:
            written += sum(_send_one(r) for r in items)
        elif mode == ReminderMode.DIGEST and local.hour >= settings.NOTIFY_DIGEST_HOUR:
            written += _send_digest(items[0].user, items, local.date())
    return written


@transaction.atomic
def _send_one(reminder: Reminder) -> int:
    template = {
        ReminderKind.DUE_SOON: "reminder_due_soon",
        ReminderKind.OVERDUE: "reminder_overdue",
        ReminderKind.ESCALATED: "reminder_escalated",
        ReminderKind.CONTACT_DUE: "reminder_contact_due",
    }[ReminderKind(reminder.kind)]
    case = reminder.case
    frequency = case.get_contact_frequency_display().lower() if case is not None else ""
    msg = message_write(
        audience=Audience.STAFF,
        organisation_id=reminder.organisation_id,
        user=reminder.user,
        case=case,
        channel=MessageChannel.EMAIL,
        template=template,
        context={
            "title": reminder.title,
            "crime_reference": _reference(reminder),
            "due": messages.format_date(reminder.due, "en"),
            "case_url": _url(reminder),
            "frequency": frequency,
        },
        dedupe_key=f"reminder:{reminder.pk}",
    )
    Reminder.objects.filter(pk=reminder.pk).update(message=msg)
    return 1 if msg else 0


@transaction.atomic
def _send_digest(user: User, items: list[Reminder], day: date) -> int:
    kinds = dict(ReminderKind.choices)
    ordered = sorted(
        items, key=lambda r: (r.kind not in (ReminderKind.ESCALATED, ReminderKind.OVERDUE), r.due, r.pk)
    )
    msg = message_write(
        audience=Audience.STAFF,
        organisation_id=items[0].organisation_id,
        user=user,
        channel=MessageChannel.EMAIL,
        template="reminder_digest",
        context={
            "count": len(items),
            "items": [
                {
                    "kind_label": kinds[r.kind],
                    "title": r.title,
                    "crime_reference": _reference(r),
                    "due": messages.format_date(r.due, "en"),
                    "case_url": _url(r),
                }
                for r in ordered
            ],
            "queue_url": f"{settings.NOTIFY_SITE_URL}/work/",
        },
        dedupe_key=f"digest:{user.pk}:{day.isoformat()}",
    )
    if msg is None:
        return 0  # today's digest went already; these wait for tomorrow's
    Reminder.objects.filter(pk__in=[r.pk for r in items]).update(message=msg)
    return 1
