"""Which survey to offer a case now, if any: only the latest key moment reached, and only until
it is answered or turned down (docs/adr/0026)."""

from __future__ import annotations

from datetime import datetime

from victimcare.cases.models import VictimCase
from victimcare.people.models import restriction_in_force
from victimcare.voice.models import (
    EVENT_MOMENT,
    LATE_RANK,
    MOMENT_RANK,
    SurveyDismissal,
    SurveyOptOut,
    SurveyResponse,
)


def latest_moment(case: VictimCase) -> str | None:
    """The latest key moment the case's timeline has reached (corrections count as the event
    they correct, so they reach nothing new). The early moments (first contact, the
    investigation) count only until a later one is reached: a needs assessment redone after the
    outcome does not take the victim back to the first survey (docs/adr/0049)."""
    best: tuple[int, datetime, int] | None = None
    moment = None
    rows = case.events.filter(type__in=list(EVENT_MOMENT), corrects__isnull=True).values_list(
        "type", "occurred_at", "id"
    )
    for type_, occurred_at, pk in rows:
        found = EVENT_MOMENT[type_]
        key = (MOMENT_RANK.get(found, LATE_RANK), occurred_at, pk)
        if best is None or key > best:
            best, moment = key, found
    return moment


def opted_out(case: VictimCase) -> bool:
    return SurveyOptOut.objects.filter(person_id=case.person_id).exists()


def survey_offer(case: VictimCase) -> str | None:
    """The moment to offer a survey for now, or None. Only the latest moment reached is ever
    offered, and only until it is answered or turned down: no second asking, no backlog.
    Nothing is offered to a victim who asked not to be sent surveys, and nothing while
    processing of the victim's data is restricted (docs/adr/0053)."""
    if restriction_in_force(case.person_id) is not None or opted_out(case):
        return None
    moment = latest_moment(case)
    if moment is None:
        return None
    if SurveyResponse.objects.filter(case=case, moment=moment).exists():
        return None
    if SurveyDismissal.objects.filter(case=case, moment=moment).exists():
        return None
    return moment
