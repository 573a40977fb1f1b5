"""What safeguarding knows about one case, read from the database for services and selectors
alike: no user, no gate (the caller already has the case)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from victimcare.cases.models import VictimCase
from victimcare.safeguarding import dash, marac
from victimcare.safeguarding.models import (
    MaracReferral,
    PoliceIncident,
    ProtectiveOrder,
    RiskAssessment,
)


def latest_assessment(case: VictimCase) -> RiskAssessment | None:
    return (
        RiskAssessment.objects.filter(case=case, status=RiskAssessment.Status.COMPLETED)
        .order_by("-completed_at", "-id")
        .first()
    )


def marac_facts(case: VictimCase, today: date) -> marac.Facts:
    """The facts the MARAC criteria need about this case's victim (all of the person's cases)."""
    latest = latest_assessment(case)
    last = MaracReferral.objects.filter(person_id=case.person_id).order_by("-referred_at").first()
    return marac.Facts(
        today=today,
        dash_score=latest.score if latest else None,
        dash_judged_high=bool(latest and latest.level == dash.HIGH and latest.scored_level != dash.HIGH),
        occurrences=occurrences(case.person_id),
        last_referral_day=timezone.localdate(last.referred_at) if last else None,
        escalation_crimes=settings.SAFEGUARDING_MARAC_ESCALATION_CRIMES,
        escalation_months=settings.SAFEGUARDING_MARAC_ESCALATION_MONTHS,
        repeat_months=settings.SAFEGUARDING_REPEAT_MARAC_MONTHS,
    )


def occurrences(person_id: int) -> list[marac.Occurrence]:
    """The person's crimes (one per case, by reported day) and the incidents police attended
    for them. An incident recorded on two of their cases (the same reference) is one incident;
    if either record says it was domestic abuse related, it counts as such."""
    found = [
        marac.Occurrence(
            day=(day := timezone.localdate(reported)),
            kind=marac.CRIME,
            label=f"Crime {reference}, reported {day:%-d %B %Y}",
            case_id=case_id,
        )
        for case_id, reported, reference in VictimCase.objects.filter(person_id=person_id).values_list(
            "id", "crime__reported_at", "crime__crime_reference"
        )
    ]
    seen: set[str] = set()
    incidents = PoliceIncident.objects.filter(person_id=person_id).order_by(
        "-domestic_abuse", "occurred_on", "id"
    )
    for case_id, day, reference, domestic in incidents.values_list(
        "case_id", "occurred_on", "reference", "domestic_abuse"
    ):
        if reference in seen:
            continue
        seen.add(reference)
        found.append(
            marac.Occurrence(
                day=day,
                kind=marac.INCIDENT,
                label=f"Police incident {reference}, attended {day:%-d %B %Y}",
                case_id=case_id,
                domestic_abuse=domestic,
            )
        )
    return found


def orders_expiring(orders: QuerySet[ProtectiveOrder], *, today: date) -> QuerySet[ProtectiveOrder]:
    """Orders still in force that expire within SAFEGUARDING_ORDER_EXPIRY_DAYS of today, by
    their current expiry date (the latest variation's). An order discharged or otherwise
    ended early is never "ending soon": it has ended."""
    end = today + timedelta(days=settings.SAFEGUARDING_ORDER_EXPIRY_DAYS)
    return orders.filter(ended_on__isnull=True, expires_on__gte=today, expires_on__lte=end).order_by(
        "expires_on", "id"
    )
