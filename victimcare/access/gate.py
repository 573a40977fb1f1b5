"""The access gate: one function per object type, used by every view, export and command.

Each `access_*_for_user` returns the object or raises Http404, whether the object
does not exist or exists outside the user's scope, so a response never reveals
that a record exists. The `*_visible_to` functions give the same scope as a
queryset for lists, search and counts.

Scope (DESIGN.md, Access):
- caseworker: cases of their organisation on one of their teams, or assigned to them;
- supervisor: every case their organisation holds (a force supervisor: every case
  on a crime recorded by their force);
- police officer: cases on crimes of their force where they are the officer in
  charge or the crime belongs to one of their teams;
- witness care officer: cases at court or later on crimes in their force area;
- provider staff, champions, analysts, administrators: no case records here
  (providers see referrals, analysts aggregates; later issues add those gates).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from victimcare.access.capabilities import (
    Capability,
    can,
    is_staff_member,
)
from victimcare.access.capabilities import (
    can_approve_voice as can_approve_voice,
)
from victimcare.access.capabilities import (
    can_manage_recommendations as can_manage_recommendations,
)
from victimcare.access.capabilities import (
    can_record_engagements as can_record_engagements,
)
from victimcare.access.capabilities import (
    can_see_voice_evidence as can_see_voice_evidence,
)
from victimcare.accounts.models import Organisation, Role
from victimcare.cases.models import Crime, VictimCase, at_court_in_area
from victimcare.people.models import Person

if TYPE_CHECKING:
    from victimcare.accounts.models import User


def team_ids(user: User) -> list[int]:
    cached: list[int] | None = getattr(user, "_team_ids", None)
    if cached is None:
        cached = list(user.teams.values_list("id", flat=True))
        user._team_ids = cached  # type: ignore[attr-defined]
    return cached


def cases_visible_to(user: Any) -> QuerySet[VictimCase]:
    """Every case the user may see, as a queryset (empty for roles without case access)."""
    if not is_staff_member(user):
        return VictimCase.objects.none()
    scope = _case_scope(user)
    if scope is None:
        return VictimCase.objects.none()
    return VictimCase.objects.filter(scope)


def my_cases_filter(user: Any, *, via: str = "") -> Q:
    """The user's own cases (the "mine" scope): those they are the caseworker or the officer in
    charge of. `via` is the path from the model filtered to the case, e.g. "case__"."""
    return Q(**{f"{via}caseworker": user}) | Q(**{f"{via}officer_in_charge": user})


def my_teams_cases_filter(user: Any, *, via: str = "") -> Q:
    """Cases of the user's teams: a victim care team holds the case, a police team the crime."""
    teams = team_ids(user)
    return Q(**{f"{via}team_id__in": teams}) | Q(**{f"{via}crime__team_id__in": teams})


def _case_scope(user: User) -> Q | None:
    org: Organisation | None = user.organisation
    if org is None:
        return None
    if user.role == Role.CASEWORKER:
        return Q(organisation=org) & (Q(team_id__in=team_ids(user)) | Q(caseworker=user))
    if user.role == Role.SUPERVISOR:
        if org.kind == Organisation.Kind.POLICE_FORCE:
            return Q(crime__force=org)
        return Q(organisation=org)
    if user.role == Role.POLICE_OFFICER:
        return Q(crime__force=org) & (Q(officer_in_charge=user) | Q(crime__team_id__in=team_ids(user)))
    if user.role == Role.WITNESS_CARE_OFFICER and org.force_id is not None:
        return at_court_in_area(org.force_id)
    return None


def access_case_for_user(user: Any, case_id: int | str, *, write: bool = False) -> VictimCase:
    """The case, if the user may see it (and, with write=True, change it); otherwise 404."""
    if write and not can(user, Capability.WORK_CASES):
        raise Http404
    try:
        return (
            cases_visible_to(user)
            .select_related(
                "person", "crime", "crime__force", "crime__team", "team", "caseworker", "officer_in_charge"
            )
            .get(pk=int(case_id))
        )
    except (VictimCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_crime_for_user(user: Any, crime_id: int | str, *, write: bool = False) -> Crime:
    """The crime, if the user may see at least one case on it (with write=True, change one);
    otherwise 404. Its other cases stay behind the case gate: list them with
    `cases_visible_to(user).filter(crime=crime)`."""
    if write and not can(user, Capability.WORK_CASES):
        raise Http404
    try:
        crime_pk = int(crime_id)
    except (ValueError, TypeError):
        raise Http404 from None
    visible = Exists(cases_visible_to(user).filter(crime_id=OuterRef("pk")))
    found = Crime.objects.filter(visible, pk=crime_pk).select_related("force", "team").first()
    if found is None:
        raise Http404
    return found


def people_visible_to(user: Any) -> QuerySet[Person]:
    """People with a case the user can see; representatives (a child victim's parent, a
    bereaved family's spokesperson) of a case the user can see; and people with no case yet
    (just added, before the crime is recorded) whom the user added or, for caseworkers and
    supervisors, whom their organisation holds.

    A representative has no case of their own, but their email or mobile is where the portal
    sends the sign-in code for the case they represent: whoever could change it could read
    that case. So they are seen only through that case, never as "unattached"."""
    from victimcare.portal.models import PortalAccount

    if not is_staff_member(user):
        return Person.objects.none()
    # Correlated EXISTS rather than IN (subquery): the database probes the person's own
    # cases through the person index instead of reading every visible case per query.
    visible = cases_visible_to(user)
    through_cases = Exists(visible.filter(person_id=OuterRef("pk")))
    representing = Exists(
        PortalAccount.objects.filter(person_id=OuterRef("pk"), case_id__in=visible.values("pk"))
    )
    mine = Q(created_by=user)
    if can(user, Capability.HOLD_PEOPLE_WITHOUT_CASES):
        mine |= Q(organisation_id=user.organisation_id)
    unattached = (
        mine
        & ~Exists(VictimCase.objects.filter(person_id=OuterRef("pk")))
        & ~Exists(PortalAccount.objects.filter(person_id=OuterRef("pk")))
    )
    return Person.objects.filter(through_cases | representing | unattached)


def access_person_for_user(user: Any, person_id: int | str, *, write: bool = False) -> Person:
    if write and not can(user, Capability.WORK_CASES):
        raise Http404
    try:
        return people_visible_to(user).get(pk=int(person_id))
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_person_audit_for_user(user: Any, person_id: int | str) -> Person:
    """Administrators may read the audit trail of any person their organisation holds."""
    if not can(user, Capability.READ_AUDIT):
        raise Http404
    try:
        return Person.objects.get(pk=int(person_id), organisation_id=user.organisation_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def audit_events_visible_to(user: Any) -> QuerySet[Any]:
    """The audit rows an administrator (or anyone who may read the audit trail) may search:
    those written by staff of the organisations in their force area, and those about the
    people their organisation holds (a victim's portal sign-in, the system's messages)."""
    from victimcare.audit.models import AuditEvent

    area = force_area_id(user) if can(user, Capability.READ_AUDIT) else None
    if area is None:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        Q(organisation__force_id=area) | Q(person__organisation_id=user.organisation_id)
    )


# Support: referrals and services


def referrals_visible_to(user: Any) -> QuerySet[Any]:
    """Referrals the user may see: provider staff, those sent to their organisation (never a
    draft: nothing has left); case staff, the referrals on the cases they can see."""
    from victimcare.support.models import Referral, ReferralStatus

    if not is_staff_member(user):
        return Referral.objects.none()
    if can(user, Capability.PROVIDER_REFERRALS):
        return Referral.objects.filter(provider_id=user.organisation_id).exclude(status=ReferralStatus.DRAFT)
    return Referral.objects.filter(case__in=cases_visible_to(user))


def access_referral_for_user(user: Any, referral_id: int | str, *, write: bool = False) -> Any:
    """The referral, if the user may see it (with write=True, record its steps); otherwise 404.
    Which step each may record is the service's decision (victimcare.support.services)."""
    from victimcare.support.models import Referral

    if write and not (can(user, Capability.WORK_CASES) or can(user, Capability.PROVIDER_REFERRALS)):
        raise Http404
    try:
        return referrals_visible_to(user).select_related("service", "case").get(pk=int(referral_id))
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Safeguarding and restorative justice
# Risk assessments, MARAC, protective orders and restorative justice hang off a case and are
# read only through the case gate, by the roles that work cases (never provider staff,
# champions, analysts or administrators, who see no case records). MARAC meetings belong to a
# police force area; their agendas list only the cases the user may see (docs/adr/0018).


def access_safeguarding_case_for_user(user: Any, case_id: int | str, *, write: bool = False) -> VictimCase:
    """The case, for its safeguarding and restorative justice pages; otherwise 404."""
    if not can(user, Capability.SAFEGUARD):
        raise Http404
    return access_case_for_user(user, case_id, write=write)


def force_area_id(user: Any) -> int | None:
    org = getattr(user, "organisation", None)
    if org is None:
        return None
    return int(org.id) if org.kind == Organisation.Kind.POLICE_FORCE else org.force_id


# Staff users: an administrator manages the staff of the organisations in their force area.


def staff_organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations whose staff the user may add, deactivate and reset (none unless they
    may manage staff)."""
    area = force_area_id(user) if can(user, Capability.MANAGE_STAFF) else None
    if area is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(force_id=area)


def staff_users_visible_to(user: Any) -> QuerySet[User]:
    from victimcare.accounts.models import User

    return User.objects.filter(organisation__in=staff_organisations_for(user))


def access_staff_user_for_user(user: Any, user_id: int | str) -> User:
    """A member of staff the user manages; otherwise 404."""
    try:
        return staff_users_visible_to(user).select_related("organisation").get(pk=int(user_id))
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def marac_meetings_visible_to(user: Any) -> QuerySet[Any]:
    from victimcare.safeguarding.models import MaracMeeting

    area = force_area_id(user) if can(user, Capability.SAFEGUARD) else None
    if area is None:
        return MaracMeeting.objects.none()
    return MaracMeeting.objects.filter(force_id=area)


def access_marac_meeting_for_user(user: Any, meeting_id: int | str) -> Any:
    from victimcare.safeguarding.models import MaracMeeting

    try:
        return marac_meetings_visible_to(user).get(pk=int(meeting_id))
    except (MaracMeeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Area context: police.uk figures beside the victims held in an area (victimcare.ingest)


def can_see_area_context(user: Any) -> bool:
    """Supervisors and analysts in a force area: police.uk crimes beside the victims held there."""
    return can(user, Capability.SEE_AREA_CONTEXT) and force_area_id(user) is not None


def cases_counted_for(user: Any, capability: Capability = Capability.SEE_COMPLIANCE) -> QuerySet[VictimCase]:
    """The cases whose counts the user may see as figures on a page that asks `capability`
    (the compliance, attrition and court pages ask SEE_COMPLIANCE; area context asks
    SEE_AREA_CONTEXT and a force area): supervisors, the cases they can see; analysts, every
    case their organisation holds (aggregates only, never the cases)."""
    if not can(user, capability):
        return VictimCase.objects.none()
    if capability is Capability.SEE_AREA_CONTEXT and force_area_id(user) is None:
        return VictimCase.objects.none()
    if can(user, Capability.AGGREGATES_ONLY):
        return VictimCase.objects.filter(organisation_id=user.organisation_id)
    return cases_visible_to(user)


def can_import_feed(user: Any) -> bool:
    """Upload a police feed file: supervisors who may open cases (the cases are opened as them)."""
    return can(user, Capability.IMPORT_FEED)


def feed_runs_visible_to(user: Any) -> QuerySet[Any]:
    """The feed imports of the user's force area, for those who may import."""
    from victimcare.ingest.models import FeedRun

    area = force_area_id(user) if can_import_feed(user) else None
    if area is None:
        return FeedRun.objects.none()
    return FeedRun.objects.filter(force_id=area)


def access_feed_run_for_user(user: Any, run_id: int | str) -> Any:
    from victimcare.ingest.models import FeedRun

    try:
        return feed_runs_visible_to(user).get(pk=int(run_id))
    except (FeedRun.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def possible_matches_visible_to(user: Any) -> QuerySet[Any]:
    """The feed's possible matches (victimcare.ingest) the user may review: of their organisation,
    and only where they may see both people, so a match never reveals someone outside their scope."""
    from victimcare.ingest.models import PossibleMatch

    if not can(user, Capability.REVIEW_POSSIBLE_MATCHES):
        return PossibleMatch.objects.none()
    people = people_visible_to(user).values("pk")
    return PossibleMatch.objects.filter(
        Q(known__isnull=True) | Q(known__in=people), organisation_id=user.organisation_id, person__in=people
    )


def access_possible_match_for_user(user: Any, match_id: int | str) -> Any:
    from victimcare.ingest.models import PossibleMatch

    try:
        return (
            possible_matches_visible_to(user)
            .select_related("person", "known", "case__crime", "run")
            .get(pk=int(match_id))
        )
    except (PossibleMatch.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Partner API clients (victimcare/api, docs/adr/0035)
# A client acts as its own service user with one of these roles, so this gate decides what it
# sees. Analysts, champions and administrators see no case records, so no client acts as one.


# The victims' voice (docs/adr/0036): Victims' Champions record engagements; the OPCC's victim
# care supervisors review, approve and publish; analysts see counts only. None of these roles
# sees a victim's case through this; a champion sees only what a victim agreed to link.


def engagements_visible_to(user: Any) -> QuerySet[Any]:
    from victimcare.voice.models import Engagement

    if not can_record_engagements(user):
        return Engagement.objects.none()
    return Engagement.objects.filter(organisation_id=user.organisation_id, champion=user)


def access_engagement_for_user(user: Any, engagement_id: int | str) -> Any:
    from victimcare.voice.models import Engagement

    try:
        return engagements_visible_to(user).select_related("case__crime").get(pk=int(engagement_id))
    except (Engagement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_studies_visible_to(user: Any) -> QuerySet[Any]:
    from victimcare.voice.models import CaseStudy

    if not can_see_voice_evidence(user):
        return CaseStudy.objects.none()
    return CaseStudy.objects.filter(organisation_id=user.organisation_id)


def access_case_study_for_user(user: Any, case_study_id: int | str) -> Any:
    from victimcare.voice.models import CaseStudy

    try:
        return case_studies_visible_to(user).get(pk=int(case_study_id))
    except (CaseStudy.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def recommendations_visible_to(user: Any) -> QuerySet[Any]:
    from victimcare.voice.models import Recommendation

    if not can_manage_recommendations(user):
        return Recommendation.objects.none()
    return Recommendation.objects.filter(organisation_id=user.organisation_id)


def access_recommendation_for_user(user: Any, recommendation_id: int | str) -> Any:
    from victimcare.voice.models import Recommendation

    try:
        return (
            recommendations_visible_to(user)
            .select_related("subtheme__theme", "owner")
            .get(pk=int(recommendation_id))
        )
    except (Recommendation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
