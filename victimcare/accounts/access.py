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

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from victimcare.accounts.models import Organisation, Role
from victimcare.cases.events import Stage
from victimcare.cases.models import VictimCase
from victimcare.people.models import Person

if TYPE_CHECKING:
    from victimcare.accounts.models import User

CASE_WRITERS = {Role.CASEWORKER, Role.SUPERVISOR, Role.POLICE_OFFICER, Role.WITNESS_CARE_OFFICER}
CASE_CREATORS = {Role.CASEWORKER, Role.SUPERVISOR, Role.POLICE_OFFICER}
PERSON_OWNERS = {Role.CASEWORKER, Role.SUPERVISOR}


def is_staff_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role)


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
        return Q(crime__force_id=org.force_id, stage__gte=Stage.COURT)
    return None


def access_case_for_user(user: Any, case_id: int | str, *, write: bool = False) -> VictimCase:
    """The case, if the user may see it (and, with write=True, change it); otherwise 404."""
    if write and getattr(user, "role", None) not in CASE_WRITERS:
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
    if user.role in PERSON_OWNERS:
        mine |= Q(organisation_id=user.organisation_id)
    unattached = (
        mine
        & ~Exists(VictimCase.objects.filter(person_id=OuterRef("pk")))
        & ~Exists(PortalAccount.objects.filter(person_id=OuterRef("pk")))
    )
    return Person.objects.filter(through_cases | representing | unattached)


def access_person_for_user(user: Any, person_id: int | str, *, write: bool = False) -> Person:
    if write and getattr(user, "role", None) not in CASE_WRITERS:
        raise Http404
    try:
        return people_visible_to(user).get(pk=int(person_id))
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_person_audit_for_user(user: Any, person_id: int | str) -> Person:
    """Administrators may read the audit trail of any person their organisation holds."""
    if not is_staff_member(user) or user.role != Role.ADMIN:
        raise Http404
    try:
        return Person.objects.get(pk=int(person_id), organisation_id=user.organisation_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_create_cases(user: Any) -> bool:
    return is_staff_member(user) and user.role in CASE_CREATORS


def can_write_cases(user: Any) -> bool:
    """Whether the user's role may record events on and change the cases in their scope."""
    return is_staff_member(user) and user.role in CASE_WRITERS


def can_edit_people(user: Any) -> bool:
    """Whether the user's role may change victims' details: those who open cases."""
    return can_create_cases(user)


def can_search(user: Any) -> bool:
    return is_staff_member(user) and user.role in CASE_WRITERS


# Support: referrals and services


def referrals_visible_to(user: Any) -> QuerySet[Any]:
    """Referrals the user may see: provider staff, those sent to their organisation (never a
    draft: nothing has left); case staff, the referrals on the cases they can see."""
    from victimcare.support.models import Referral, ReferralStatus

    if not is_staff_member(user):
        return Referral.objects.none()
    if user.role == Role.PROVIDER_STAFF:
        if user.organisation_id is None:
            return Referral.objects.none()
        return Referral.objects.filter(provider_id=user.organisation_id).exclude(status=ReferralStatus.DRAFT)
    return Referral.objects.filter(case__in=cases_visible_to(user))


def access_referral_for_user(user: Any, referral_id: int | str, *, write: bool = False) -> Any:
    """The referral, if the user may see it (with write=True, record its steps); otherwise 404.
    Which step each may record is the service's decision (victimcare.support.services)."""
    from victimcare.support.models import Referral

    if write and getattr(user, "role", None) not in CASE_WRITERS | {Role.PROVIDER_STAFF}:
        raise Http404
    try:
        return referrals_visible_to(user).select_related("service", "case").get(pk=int(referral_id))
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_use_directory(user: Any) -> bool:
    """Browse the services directory: those who refer (case staff) and administrators."""
    return is_staff_member(user) and user.role in CASE_WRITERS | {Role.ADMIN}


def can_manage_services(user: Any) -> bool:
    """Add and change services: administrators and victim care supervisors."""
    if not is_staff_member(user) or user.organisation is None:
        return False
    if user.role == Role.ADMIN:
        return True
    return bool(user.role == Role.SUPERVISOR and user.organisation.kind == Organisation.Kind.OPCC)


def is_provider_staff(user: Any) -> bool:
    return is_staff_member(user) and user.role == Role.PROVIDER_STAFF and user.organisation_id is not None


def can_see_response_times(user: Any) -> bool:
    """Contract monitoring: supervisors (their cases) and analysts (their organisation's, small
    counts suppressed)."""
    return is_staff_member(user) and user.role in (Role.SUPERVISOR, Role.ANALYST)


# Safeguarding and restorative justice
# Risk assessments, MARAC, protective orders and restorative justice hang off a case and are
# read only through the case gate, by the roles that work cases (never provider staff,
# champions, analysts or administrators, who see no case records). MARAC meetings belong to a
# police force area; their agendas list only the cases the user may see (docs/adr/0018).
SAFEGUARDING_ROLES = frozenset(CASE_WRITERS)


def can_safeguard(user: Any) -> bool:
    return is_staff_member(user) and user.role in SAFEGUARDING_ROLES


def access_safeguarding_case_for_user(user: Any, case_id: int | str, *, write: bool = False) -> VictimCase:
    """The case, for its safeguarding and restorative justice pages; otherwise 404."""
    if not can_safeguard(user):
        raise Http404
    return access_case_for_user(user, case_id, write=write)


def force_area_id(user: Any) -> int | None:
    org = getattr(user, "organisation", None)
    if org is None:
        return None
    return int(org.id) if org.kind == Organisation.Kind.POLICE_FORCE else org.force_id


def marac_meetings_visible_to(user: Any) -> QuerySet[Any]:
    from victimcare.safeguarding.models import MaracMeeting

    area = force_area_id(user) if can_safeguard(user) else None
    if area is None:
        return MaracMeeting.objects.none()
    return MaracMeeting.objects.filter(force_id=area)


def access_marac_meeting_for_user(user: Any, meeting_id: int | str) -> Any:
    from victimcare.safeguarding.models import MaracMeeting

    try:
        return marac_meetings_visible_to(user).get(pk=int(meeting_id))
    except (MaracMeeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Equality and attrition figures (victimcare/reports/attrition.py, docs/adr/0037)


def can_see_attrition(user: Any) -> bool:
    """Where victims drop out, by group: supervisors (the cases they can see) and analysts
    (their organisation's cases, small numbers hidden); both need an organisation."""
    return bool(
        is_staff_member(user)
        and user.organisation_id is not None
        and user.role in (Role.SUPERVISOR, Role.ANALYST)
    )


def sees_whole_organisation_aggregates(user: Any) -> bool:
    """Analysts count every case their organisation holds (as aggregates only, never a case)."""
    return bool(is_staff_member(user) and user.role == Role.ANALYST and user.organisation_id is not None)


def attrition_cases_for(user: Any) -> QuerySet[VictimCase]:
    """The cases whose figures the user may see on the attrition page."""
    if not can_see_attrition(user):
        return VictimCase.objects.none()
    if sees_whole_organisation_aggregates(user):
        return VictimCase.objects.filter(organisation_id=user.organisation_id)
    return cases_visible_to(user)
