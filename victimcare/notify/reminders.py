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
from victimcare.rights.models import CLOCKED_OPEN, Entitlement, rule_for

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


def _recipient(provider: str, oic_id: int | None, caseworker_id: int | None) -> int | None:
    """Police and CPS obligations fall to the officer in charge, the rest to the caseworker;
    each falls back to the other."""
    if provider in POLICE_SIDE:
        return oic_id or caseworker_id
    return caseworker_id or oic_id


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
)


def due_entitlements(organisation_id: int, start: date, end: date) -> Any:
    """Open obligations of one organisation due between `start` and `end` (inclusive): a range
    scan on the (organisation, status, due) index."""
    return Entitlement.objects.filter(
        organisation_id=organisation_id, status__in=CLOCKED_OPEN, due__gte=start, due__lte=end
    ).values_list(*_COLUMNS)


def reminders_scan(*, today: date | None = None) -> int:
    """Write the reminders due today for every organisation. Returns how many rows it tried to
    write (duplicates of earlier scans are dropped by the unique key)."""
    today = today or timezone.localdate()
    table = _user_settings()
    window = max([DEFAULT_DAYS_BEFORE, *(s.days_before for s in table.values())])
    rows: list[Reminder] = []
    for org_id in Organisation.objects.values_list("id", flat=True):
        for row in due_entitlements(org_id, today, today + timedelta(days=window)):
            rows.extend(_entitlement_reminder(row, ReminderKind.DUE_SOON, today, table))
        start = today - timedelta(days=OVERDUE_LOOKBACK_DAYS)
        for row in due_entitlements(org_id, start, today - timedelta(days=1)):
            rows.extend(_entitlement_reminder(row, ReminderKind.OVERDUE, today, table))
    rows.extend(_contact_reminders(today, table))
    Reminder.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def _entitlement_reminder(
    row: tuple[Any, ...], kind: str, today: date, table: dict[int, Settings]
) -> list[Reminder]:
    case_id, org_id, rule, version, right, provider, trigger_id, due, caseworker_id, oic_id = row
    user_id = _recipient(provider, oic_id, caseworker_id)
    if user_id is None:
        return []
    setting = _setting(table, user_id)
    if setting.mode == ReminderMode.OFF:
        return []
    if kind == ReminderKind.DUE_SOON and (due - today).days > setting.days_before:
        return []
    found = rule_for(version, rule)
    title = (
        f"{found.title if found else rule} (Right {right})"
        if right != "review"
        else (found.title if found else rule)
    )
    return [
        Reminder(
            key=f"{kind}:{case_id}:{rule}:{trigger_id}:{user_id}",
            organisation_id=org_id,
            user_id=user_id,
            case_id=case_id,
            kind=kind,
            rule=rule,
            title=title[:300],
            due=due,
        )
    ]


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
    ordered = sorted(items, key=lambda r: (r.kind != ReminderKind.OVERDUE, r.due, r.pk))
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
