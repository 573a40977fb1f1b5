"""What safeguarding knows about one case, read from the database for services and selectors
alike: no user, no gate (the caller already has the case)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Max, Q, QuerySet
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
    return marac_facts_for([case], today)[case.pk]


def marac_facts_for(
    cases: Sequence[VictimCase], today: date, latest: Mapping[int, RiskAssessment] | None = None
) -> dict[int, marac.Facts]:
    """marac_facts for each case, by case id, in four queries however many cases (a list page);
    three if the caller already has each case's latest assessment."""
    person_ids = {case.person_id for case in cases}
    if latest is None:
        latest = _latest_assessments([case.pk for case in cases])
    last_referred = dict(
        MaracReferral.objects.filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(last=Max("referred_at"))
        .values_list("person_id", "last")
    )
    found = _occurrences_for(person_ids)
    out = {}
    for case in cases:
        scored = latest.get(case.pk)
        last = last_referred.get(case.person_id)
        out[case.pk] = marac.Facts(
            today=today,
            dash_score=scored.score if scored else None,
            dash_judged_high=bool(scored and scored.level == dash.HIGH and scored.scored_level != dash.HIGH),
            occurrences=found.get(case.person_id, []),
            last_referral_day=timezone.localdate(last) if last else None,
            escalation_crimes=settings.SAFEGUARDING_MARAC_ESCALATION_CRIMES,
            escalation_months=settings.SAFEGUARDING_MARAC_ESCALATION_MONTHS,
            repeat_months=settings.SAFEGUARDING_REPEAT_MARAC_MONTHS,
        )
    return out


def _latest_assessments(case_ids: Sequence[int]) -> dict[int, RiskAssessment]:
    """Each case's latest completed Dash assessment (only the columns the flags need)."""
    latest: dict[int, RiskAssessment] = {}
    rows = (
        RiskAssessment.objects.filter(case_id__in=case_ids, status=RiskAssessment.Status.COMPLETED)
        .only("id", "case_id", "score", "level", "scored_level", "completed_at")
        .order_by("case_id", "-completed_at", "-id")
    )
    for row in rows:
        latest.setdefault(row.case_id, row)
    return latest


def occurrences(person_id: int) -> list[marac.Occurrence]:
    """The person's crimes (one per case, by reported day) and the incidents police attended
    for them. An incident recorded on two of their cases (the same reference) is one incident;
    if either record says it was domestic abuse related, it counts as such."""
    return _occurrences_for({person_id}).get(person_id, [])


def _occurrences_for(person_ids: Iterable[int]) -> dict[int, list[marac.Occurrence]]:
    ids = set(person_ids)
    found: dict[int, list[marac.Occurrence]] = {person_id: [] for person_id in ids}
    crimes = VictimCase.objects.filter(person_id__in=ids).order_by("id")
    for person_id, case_id, reported, reference in crimes.values_list(
        "person_id", "id", "crime__reported_at", "crime__crime_reference"
    ):
        day = timezone.localdate(reported)
        found[person_id].append(
            marac.Occurrence(
                day=day,
                kind=marac.CRIME,
                label=f"Crime {reference}, reported {day:%-d %B %Y}",
                case_id=case_id,
            )
        )
    seen: set[tuple[int, str]] = set()
    incidents = PoliceIncident.objects.filter(person_id__in=ids).order_by(
        "-domestic_abuse", "occurred_on", "id"
    )
    for person_id, case_id, day, reference, domestic in incidents.values_list(
        "person_id", "case_id", "occurred_on", "reference", "domestic_abuse"
    ):
        if (person_id, reference) in seen:
            continue
        seen.add((person_id, reference))
        found[person_id].append(
            marac.Occurrence(
                day=day,
                kind=marac.INCIDENT,
                label=f"Police incident {reference}, attended {day:%-d %B %Y}",
                case_id=case_id,
                domestic_abuse=domestic,
            )
        )
    return found


@dataclass(frozen=True)
class RiskFlags:
    """What a list or a case header shows about one case's risk: the latest Dash assessment
    found high risk, MARAC criteria are met, a protective order is in force."""

    high_risk: bool = False
    marac: bool = False
    active_order: bool = False


def active_orders_filter(today: date, via: str = "") -> Q:
    """Orders in force on `today`: not ended early, and with no expiry or one not yet passed."""
    return Q(**{f"{via}ended_on__isnull": True}) & (
        Q(**{f"{via}expires_on__isnull": True}) | Q(**{f"{via}expires_on__gte": today})
    )


def risk_flags_for(cases: Sequence[VictimCase], today: date) -> dict[int, RiskFlags]:
    """RiskFlags for each case, by case id: a fixed number of queries however many cases."""
    if not cases:
        return {}
    case_ids = [case.pk for case in cases]
    latest = _latest_assessments(case_ids)
    facts = marac_facts_for(cases, today, latest)
    ordered = set(
        ProtectiveOrder.objects.filter(active_orders_filter(today), case_id__in=case_ids).values_list(
            "case_id", flat=True
        )
    )
    return {
        case.pk: RiskFlags(
            high_risk=bool((a := latest.get(case.pk)) and a.level == dash.HIGH),
            marac=bool(marac.met_codes(facts[case.pk])),
            active_order=case.pk in ordered,
        )
        for case in cases
    }


def orders_expiring(orders: QuerySet[ProtectiveOrder], *, today: date) -> QuerySet[ProtectiveOrder]:
    """Orders still in force that expire within SAFEGUARDING_ORDER_EXPIRY_DAYS of today, by
    their current expiry date (the latest variation's). An order discharged or otherwise
    ended early is never "ending soon": it has ended."""
    end = today + timedelta(days=settings.SAFEGUARDING_ORDER_EXPIRY_DAYS)
    return orders.filter(ended_on__isnull=True, expires_on__gte=today, expires_on__lte=end).order_by(
        "expires_on", "id"
    )
