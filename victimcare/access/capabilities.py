"""What each role may do: the questions views, templates and the gate ask about a user.

The gate (victimcare.access.gate) answers "which records"; this module answers "may this
user ... at all".
"""

from __future__ import annotations

from typing import Any

from victimcare.accounts.models import Organisation, Role

CASE_WRITERS = {Role.CASEWORKER, Role.SUPERVISOR, Role.POLICE_OFFICER, Role.WITNESS_CARE_OFFICER}
CASE_CREATORS = {Role.CASEWORKER, Role.SUPERVISOR, Role.POLICE_OFFICER}
PERSON_OWNERS = {Role.CASEWORKER, Role.SUPERVISOR}
# Risk assessments, MARAC, protective orders and restorative justice: the roles that work cases.
SAFEGUARDING_ROLES = frozenset(CASE_WRITERS)


def is_staff_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role)


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


def can_safeguard(user: Any) -> bool:
    return is_staff_member(user) and user.role in SAFEGUARDING_ROLES
