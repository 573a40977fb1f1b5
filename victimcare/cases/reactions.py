"""What cases itself does after an event is recorded (run inside event_record's transaction).

Each reaction has the signature `(*, case, events) -> None` so that event_record can run an
ordered list of them (DESIGN.md, "What follows an event")."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Exists, OuterRef, QuerySet

from victimcare.cases.models import Event, VictimCase

OUTCOME_RECORDED = "outcome_recorded"


def crime_outcome_refresh(*, case: VictimCase, events: Sequence[Event]) -> None:
    """Keep `Crime.outcome_type` and `outcome_at` equal to the latest outcome recorded on any
    case on the crime: the `outcome_recorded` event with the latest date that no later event
    corrects (a correction carries the whole corrected fact, docs/adr/0007). Other events
    change nothing, so most calls cost no query."""
    if not any(e.type == OUTCOME_RECORDED for e in events):
        return
    crime = case.crime
    outcomes = uncorrected(Event.objects.filter(case__crime_id=crime.id, type=OUTCOME_RECORDED))
    latest = outcomes.order_by("-occurred_at", "-id").only("occurred_at", "payload").first()
    outcome_type = int(latest.payload["outcome_type"]) if latest is not None else None
    outcome_at = latest.occurred_at if latest is not None else None
    if (crime.outcome_type, crime.outcome_at) != (outcome_type, outcome_at):
        crime.outcome_type, crime.outcome_at = outcome_type, outcome_at
        crime.save(update_fields=["outcome_type", "outcome_at"])


def uncorrected(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events that no other event corrects (the ones a reader of the timeline believes)."""
    return events.exclude(Exists(Event.objects.filter(corrects_id=OuterRef("pk"))))
