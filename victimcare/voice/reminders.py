"""Reminders for "you said, we did": the owner of a recommendation whose partner has not
responded by the due date is reminded through the notify app's Reminder rows, so the notify
scheduler sends them at once or in the daily digest as the owner chose (and not at all if they
turned reminders off). One reminder when it falls overdue, then one a week while it stays so:
the key holds the recommendation, its due date and the week, so running the scan again (or
from two schedulers) reminds no one twice. Listed in settings.SCHEDULED_SCANS."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from victimcare.notify.models import Reminder, ReminderKind, ReminderMode, ReminderPreference
from victimcare.voice.models import Recommendation, RecommendationStatus

RULE = "You said, we did"


def recommendation_reminders_write(*, today: date | None = None) -> int:
    """Write the overdue reminders due today. Returns how many rows it tried to write."""
    today = today or timezone.localdate()
    off = set(ReminderPreference.objects.filter(mode=ReminderMode.OFF).values_list("user_id", flat=True))
    rows = []
    overdue = Recommendation.objects.filter(status=RecommendationStatus.RAISED, due__lt=today)
    for rec in overdue.exclude(owner_id__in=off):
        week = (today - rec.due).days // 7
        rows.append(
            Reminder(
                key=f"recommendation:{rec.pk}:{rec.due.isoformat()}:{week}:{rec.owner_id}",
                organisation_id=rec.organisation_id,
                user_id=rec.owner_id,
                case=None,
                path=f"/voice/recommendations/{rec.pk}/",
                kind=ReminderKind.OVERDUE,
                rule=RULE,
                title=f"Response from {rec.get_partner_display()} to a recommendation",
                due=rec.due,
            )
        )
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
