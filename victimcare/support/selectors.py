"""Reads across the support models: what the victim portal and the staff pages show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from victimcare.cases.models import VictimCase
from victimcare.support.matching import ServiceFacts, Suggestion, Victim, suggest
from victimcare.support.models import (
    HowToRefer,
    NeedsAssessment,
    Referral,
    ReferralStatus,
    Service,
)

# --- the victim portal ------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalReferral:
    """A referral as the victim's portal shows it: never the provider's decline reason."""

    service_name: str
    service_phone: str
    service_website: str
    status: str  # sent, accepted, declined, first_contact, engaged, closed, declined_by_victim
    updated_at: datetime


@dataclass(frozen=True)
class SelfReferralService:
    """A service a victim can contact themselves, whether or not they reported the crime."""

    name: str
    description: str
    phone: str
    website: str
    how_to_refer: str


def portal_referrals(case: Any) -> list[PortalReferral]:
    """The case's referrals that have left the caseworker (drafts are not shown), newest first."""
    rows = (
        Referral.objects.filter(case_id=case.pk)
        .exclude(status=ReferralStatus.DRAFT)
        .select_related("service")
        .order_by("-created_at", "-id")
    )
    out = [
        PortalReferral(
            service_name=r.service.name,
            service_phone=r.service.phone,
            service_website=r.service.website,
            status=r.status,
            updated_at=r.updated_moment,
        )
        for r in rows
    ]
    out.sort(key=lambda p: p.updated_at, reverse=True)
    return out


def self_referral_services(organisation: Any = None) -> list[SelfReferralService]:
    """Active services that take self-referrals, by name (of one directory, if given)."""
    services = Service.objects.filter(active=True).order_by("name", "id")
    if organisation is not None:
        services = services.filter(directory=organisation)
    out = []
    for s in services:
        if HowToRefer.SELF not in s.how_to_refer:
            continue
        out.append(
            SelfReferralService(
                name=s.name,
                description=s.description,
                phone=s.phone,
                website=s.website,
                how_to_refer=_self_referral_words(s),
            )
        )
    return out


def _self_referral_words(s: Service) -> str:
    ways = []
    if s.phone:
        ways.append(f"call {s.phone}")
    if s.website:
        ways.append("use their website")
    if s.referral_email:
        ways.append(f"email {s.referral_email}")
    if not ways:
        return "You can contact them yourself."
    return (
        "You can contact them yourself: "
        + ", or ".join(ways)
        + ". You do not need to have reported the crime."
    )


# --- needs ------------------------------------------------------------------------------------


def latest_assessment(case: VictimCase) -> NeedsAssessment | None:
    """The latest completed assessment (drafts never count), with its areas."""
    return (
        NeedsAssessment.objects.filter(case=case, status=NeedsAssessment.Status.COMPLETE)
        .prefetch_related("areas")
        .order_by("-completed_at", "-id")
        .first()
    )


def assessment_history(case: VictimCase) -> list[NeedsAssessment]:
    return list(
        NeedsAssessment.objects.filter(case=case)
        .select_related("created_by", "completed_by")
        .prefetch_related("areas")
        .order_by("status", "-completed_at", "-id")  # the draft ("draft" > "complete") last
    )


# --- suggestions ------------------------------------------------------------------------------


def victim_for_matching(case: VictimCase, assessment: NeedsAssessment | None, today: date) -> Victim:
    person, crime = case.person, case.crime
    return Victim(
        age=person.age_on(today),
        sex=person.sex if person.sex in ("female", "male") else "",
        crime_type=crime.crime_type,
        crime_flags=frozenset(crime.flags),
        # Where the victim lives, not where the crime happened: a service covers its clients'
        # homes. Not known is "" (a "Check where they live" note, never a hidden service).
        area=person.home_area,
        needs=assessment.levels() if assessment else {},
        hard_to_travel=bool(assessment and assessment.hard_to_travel),
    )


def directory_services(directory_id: int) -> QuerySet[Service]:
    return Service.objects.filter(directory_id=directory_id)


def service_facts(s: Service) -> ServiceFacts:
    return ServiceFacts(
        id=s.pk,
        name=s.name,
        needs_met=s.needs_met,
        crime_types=s.crime_types,
        crime_flags=s.crime_flags,
        min_age=s.min_age,
        max_age=s.max_age,
        sex=s.sex,
        areas=s.areas,
        covers_everywhere=s.covers_everywhere,
        reach=s.reach,
        waiting_weeks=s.waiting_weeks,
        active=s.active,
    )


@dataclass(frozen=True)
class SuggestedService:
    service: Service
    suggestion: Suggestion


def suggestions_for(case: VictimCase) -> tuple[NeedsAssessment | None, Victim, list[SuggestedService]]:
    """The services to suggest for the case, best first: three queries whatever the data size
    (the assessment, its areas, the directory's active services)."""
    assessment = latest_assessment(case)
    victim = victim_for_matching(case, assessment, timezone.localdate())
    services = {s.pk: s for s in directory_services(case.organisation_id).filter(active=True)}
    ranked = suggest(victim, (service_facts(s) for s in services.values()))
    return assessment, victim, [SuggestedService(services[g.service_id], g) for g in ranked]


def matching_facts_missing(victim: Victim, suggested: list[SuggestedService]) -> frozenset[str]:
    """The person fields worth asking for: those a suggested service's eligibility turns on
    that are not recorded (its sex, where they live)."""
    missing = set()
    for item in suggested:
        if item.service.sex and not victim.sex:
            missing.add("sex")
        if not item.service.covers_everywhere and not victim.area:
            missing.add("home_area")
    return frozenset(missing)


# --- referrals --------------------------------------------------------------------------------


def case_referrals(case: VictimCase) -> list[Referral]:
    return list(Referral.objects.filter(case=case).select_related("service").order_by("-created_at", "-id"))


# The provider workspace's filters: status sets, in the order of the tabs.
PROVIDER_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "new": ("Waiting for your answer", (ReferralStatus.SENT,)),
    "open": ("Open", (ReferralStatus.ACCEPTED, ReferralStatus.FIRST_CONTACT, ReferralStatus.ENGAGED)),
    "finished": ("Finished", (ReferralStatus.DECLINED, ReferralStatus.CLOSED)),
    "all": ("All", ()),
}


def provider_referrals(
    referrals: QuerySet[Referral], *, show: str, after: tuple[datetime, int] | None, size: int
) -> list[Referral]:
    """One page of a provider's referrals, newest sent first, from the keyset `after`
    ((sent_at, id) of the last row of the previous page): an index range scan, so any page costs
    the same however many referrals the provider holds. `size + 1` rows are read to tell whether
    there is a next page. Only the referral's own columns and the service's name are read:
    never the case or the victim's record."""
    statuses = PROVIDER_FILTERS.get(show, PROVIDER_FILTERS["all"])[1]
    rows = referrals.select_related("service").only(
        "id",
        "status",
        "sent_at",
        "snapshot",
        "service__name",
        "provider_id",
        "accepted_at",
        "first_contact_at",
        "contact_rules_changed_at",
        "accept_by",
        "first_contact_by",
    )
    if statuses:
        rows = rows.filter(status__in=statuses)
    if after is not None:
        sent_at, pk = after
        rows = rows.filter(Q(sent_at__lt=sent_at) | Q(sent_at=sent_at, id__lt=pk))
    return list(rows.order_by("-sent_at", "-id")[: size + 1])


def snapshot_name(referral: Referral) -> str:
    for item in referral.snapshot:
        if item.get("item") == "name":
            return str(item.get("value", ""))
    return "Name not shared"
