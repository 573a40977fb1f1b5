"""Reminders for the advisory panel's actions: the owner of an action still open after its due
date is reminded once when it falls overdue and once a week after, exactly as for a
recommendation (voice.reminders). Listed in settings.SCHEDULED_SCANS."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from victimcare.voice.panel.models import ActionStatus, PanelAction
from victimcare.voice.reminders import Overdue, overdue_reminders_write

RULE = "Advisory panel action"


def panel_action_reminders_write(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    overdue = PanelAction.objects.filter(status=ActionStatus.OPEN, due__lt=today)
    items = (
        Overdue(
            what=f"panel_action:{action.pk}",
            organisation_id=action.organisation_id,
            owner_id=action.owner_id,
            due=action.due,
            path=f"/voice/panel/actions/{action.pk}/",
            title="An advisory panel action is overdue",
        )
        for action in overdue
    )
    return overdue_reminders_write(items, rule=RULE, today=today)
