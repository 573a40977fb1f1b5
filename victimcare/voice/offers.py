"""Which survey to offer a case now, if any: only the latest key moment reached, and only until
it is answered or turned down (docs/adr/0026)."""

from __future__ import annotations

from victimcare.cases.models import VictimCase
from victimcare.people.models import restriction_in_force
from victimcare.voice.models import (
    EVENT_MOMENT,
    SurveyDismissal,
    SurveyResponse,
)


def latest_moment(case: VictimCase) -> str | None:
    """The latest key moment the case's timeline has reached (corrections count as the event
    they correct, so they reach nothing new)."""
    event = (
        case.events.filter(type__in=list(EVENT_MOMENT), corrects__isnull=True)
        .order_by("-occurred_at", "-id")
        .values_list("type", flat=True)
        .first()
    )
    return EVENT_MOMENT[event] if event else None


def survey_offer(case: VictimCase) -> str | None:
    """The moment to offer a survey for now, or None. Only the latest moment reached is ever
    offered, and only until it is answered or turned down: no second asking, no backlog.
    Nothing is offered while processing of the victim's data is restricted (docs/adr/0053)."""
    if restriction_in_force(case.person_id) is not None:
        return None
    moment = latest_moment(case)
    if moment is None:
        return None
    if SurveyResponse.objects.filter(case=case, moment=moment).exists():
        return None
    if SurveyDismissal.objects.filter(case=case, moment=moment).exists():
        return None
    return moment
