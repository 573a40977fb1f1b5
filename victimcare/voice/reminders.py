"""Reminders for "you said, we did": the owner of a recommendation whose partner has not
responded by the due date is reminded through the notify app's Reminder rows, so the notify
scheduler sends them at once or in the daily digest as the owner chose (and not at all if they
turned reminders off). One reminder when it falls overdue, then one a week while it stays so:
the key holds the recommendation, its due date and the week, so running the scan again (or
from two schedulers) reminds no one twice. Listed in settings.SCHEDULED_SCANS.

The advisory panel's actions are reminded the same way (voice.panel.reminders), through
`overdue_reminders_write`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from victimcare.notify.models import Reminder, ReminderKind, ReminderMode, ReminderPreference
from victimcare.voice.models import Recommendation, RecommendationStatus

RULE = "You said, we did"


@dataclass(frozen=True)
class Overdue:
    """One thing past its due date, for its owner: `what` names it in the key ("recommendation:7")."""

    what: str
    organisation_id: int
    owner_id: int
    due: date
    path: str
    title: str


def overdue_reminders_write(items: Iterable[Overdue], *, rule: str, today: date) -> int:
    """One Reminder row per item and week overdue (none for owners who turned reminders off).
    Returns how many rows it tried to write."""
    off = set(ReminderPreference.objects.filter(mode=ReminderMode.OFF).values_list("user_id", flat=True))
    rows = [
        Reminder(
            key=f"{item.what}:{item.due.isoformat()}:{(today - item.due).days // 7}:{item.owner_id}",
            organisation_id=item.organisation_id,
            user_id=item.owner_id,
            case=None,
            path=item.path,
            kind=ReminderKind.OVERDUE,
            rule=rule,
            title=item.title,
            due=item.due,
        )
        for item in items
        if item.owner_id not in off
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def recommendation_reminders_write(*, today: date | None = None) -> int:
    """Write the overdue reminders due today. Returns how many rows it tried to write."""
    today = today or timezone.localdate()
    overdue = Recommendation.objects.filter(status=RecommendationStatus.RAISED, due__lt=today)
    items = (
        Overdue(
            what=f"recommendation:{rec.pk}",
            organisation_id=rec.organisation_id,
            owner_id=rec.owner_id,
            due=rec.due,
            path=f"/voice/recommendations/{rec.pk}/",
            title=f"Response from {rec.get_partner_display()} to a recommendation",
        )
        for rec in overdue
    )
    return overdue_reminders_write(items, rule=RULE, today=today)
