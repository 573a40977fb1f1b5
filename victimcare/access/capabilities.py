"""What each role may do: every "may this user ...?" question, as one table (docs/adr/0031).

A question about a role is a `Capability`; `GRANTS` says which roles have it (and, for a few,
only at one kind of organisation). Views, templates, services and the menu ask
`can(user, Capability.X)`; nothing outside victimcare.access compares a role
(tests/architecture/test_it_asks_roles_only_through_capabilities.py keeps it so).

This module answers "may this user ... at all"; the gate (victimcare.access.gate) answers
"which records".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Q

from victimcare.accounts.models import Organisation, Role


class Capability(StrEnum):
    WORK_CASES = "work_cases"
    """Find, read and record events on the cases in their scope (the caseload, work queue,
    inbox and messages pages)."""
    OPEN_CASES = "open_cases"
    """Add victims, open cases and change victims' details."""
    ASSIGN_VICTIM_CARE_TEAMS = "assign_victim_care_teams"
    """Filter and assign by the victim care service's teams as well as their own organisation's."""
    HOLD_PEOPLE_WITHOUT_CASES = "hold_people_without_cases"
    """See the people their organisation holds who have no case yet (not only those they added)."""
    BE_CASEWORKER = "be_caseworker"
    """Be chosen as a case's caseworker."""
    CASEWORKER_ON_CASES_THEY_OPEN = "caseworker_on_cases_they_open"
    """Become the caseworker of a case they open."""
    BE_OFFICER_IN_CHARGE = "be_officer_in_charge"
    """Be a crime's officer in charge: chosen on a case, set on the cases they open, and their
    own team the crime's team."""
    WHOLE_SCOPE_QUEUE = "whole_scope_queue"
    """A work queue of every case they can see, not only their own and their team's."""
    SAFEGUARD = "safeguard"
    """Risk assessments, MARAC, protective orders and restorative justice on their cases."""
    USE_DIRECTORY = "use_directory"
    """Browse the services directory."""
    MANAGE_SERVICES = "manage_services"
    """Add and change services in the directory."""
    PROVIDER_REFERRALS = "provider_referrals"
    """Work for a provider: see and answer only the referrals sent to their organisation."""
    TOLD_OF_NEW_REFERRALS = "told_of_new_referrals"
    """Be emailed when a referral arrives for their organisation, and when one misses its
    response targets (docs/adr/0061)."""
    SEE_RESPONSE_TIMES = "see_response_times"
    """Contract monitoring: how fast providers answer referrals."""
    SEE_COMPLIANCE = "see_compliance"
    """Compliance figures and the quarterly return."""
    SEE_CASES_BEHIND_FIGURES = "see_cases_behind_figures"
    """Open the list of cases behind a compliance figure."""
    AGGREGATES_ONLY = "aggregates_only"
    """Figures for their whole organisation, never the cases behind them, small counts suppressed."""
    SEE_FEEDBACK = "see_feedback"
    """Victims' satisfaction results."""
    READ_AUDIT = "read_audit"
    """Read who has looked at and changed a person's record."""
    USE_ADMIN_SITE = "use_admin_site"
    """The Django admin (organisations, teams, users)."""
    SEE_AREA_CONTEXT = "see_area_context"
    """police.uk crimes and outcomes for their force area beside the victims held there."""
    IMPORT_FEED = "import_feed"
    """Upload a police feed file (its cases are opened as them)."""
    REVIEW_POSSIBLE_MATCHES = "review_possible_matches"
    """Decide whether an imported victim is someone already known: link the records, or not."""
    MANAGE_API_CLIENTS = "manage_api_clients"
    """Create, revoke and look after partner systems' API clients."""
    TOLD_OF_UNANSWERED_MESSAGES = "told_of_unanswered_messages"
    """Be told when a victim's message on their team's (or organisation's) cases is still
    unanswered past its reply-by (docs/adr/0043)."""
    MANAGE_STAFF = "manage_staff"
    """Add and deactivate their organisation's staff users and reset a second factor (the staff
    users page, not the shell)."""
    WITNESS_CARE_QUEUE = "witness_care_queue"
    """Work what the Witness Care Unit owes in their force area: their work queue opens on it and
    its reminders come to them (docs/adr/0044)."""
    ANSWER_ESCALATIONS = "answer_escalations"
    """Be told when an obligation stays overdue past the escalation time (docs/adr/0044)."""
    HANDLE_SUBJECT_ACCESS = "handle_subject_access"
    """Act as the data protection officer for the people their organisation holds: subject
    access requests (assemble, redact, release), restriction of processing and rectification
    (docs/adr/0053)."""
    ADMINISTER_RETENTION = "administer_retention"
    """Set how long each type of record is kept, review the cases and people at the end of
    their period, erase or keep them, and place and lift legal holds (docs/adr/0052)."""
    MANAGE_ADVISORY_PANEL = "manage_advisory_panel"
    """The advisory panel: its members and their contact rules, meetings, minutes and the
    actions arising for the Victims' Mission Board; own an action (docs/adr/0047)."""
    DRAFT_ANNUAL_REPORT = "draft_annual_report"
    """Draft the Victims' Champions' annual report to the Police and Crime Panel, review
    someone else's draft, and export it (docs/adr/0048)."""
    APPROVE_ANNUAL_REPORT = "approve_annual_report"
    """Approve someone else's reviewed annual report for the Police and Crime Panel."""
    PREPARE_PANEL_PACK = "prepare_panel_pack"
    """Draft the quarterly Panel pack for the Police and Crime Panel, write its commentary and
    submit it for approval (docs/adr/0051)."""
    APPROVE_PANEL_PACK = "approve_panel_pack"
    """Approve a submitted Panel pack prepared by someone else, or send it back (docs/adr/0051)."""


@dataclass(frozen=True)
class Grant:
    role: Role
    # Only at organisations of this kind (None: at any organisation).
    at: Organisation.Kind | None = None


def _grants(*roles: Role, at: Organisation.Kind | None = None) -> tuple[Grant, ...]:
    return tuple(Grant(role, at) for role in roles)


CASE_STAFF = (Role.CASEWORKER, Role.SUPERVISOR, Role.POLICE_OFFICER, Role.WITNESS_CARE_OFFICER)
OPCC = Organisation.Kind.OPCC

GRANTS: dict[Capability, tuple[Grant, ...]] = {
    Capability.WORK_CASES: _grants(*CASE_STAFF),
    Capability.OPEN_CASES: _grants(Role.CASEWORKER, Role.SUPERVISOR, Role.POLICE_OFFICER),
    Capability.ASSIGN_VICTIM_CARE_TEAMS: _grants(Role.CASEWORKER, Role.SUPERVISOR, Role.POLICE_OFFICER),
    Capability.HOLD_PEOPLE_WITHOUT_CASES: _grants(Role.CASEWORKER, Role.SUPERVISOR),
    Capability.BE_CASEWORKER: _grants(Role.CASEWORKER, Role.SUPERVISOR),
    Capability.CASEWORKER_ON_CASES_THEY_OPEN: _grants(Role.CASEWORKER),
    Capability.BE_OFFICER_IN_CHARGE: _grants(Role.POLICE_OFFICER),
    # A supervisor's work spans their organisation; a Witness Care officer's, every case at court.
    Capability.WHOLE_SCOPE_QUEUE: _grants(Role.SUPERVISOR, Role.WITNESS_CARE_OFFICER),
    # Read only through the case gate, by the roles that work cases (docs/adr/0018).
    Capability.SAFEGUARD: _grants(*CASE_STAFF),
    # Those who refer (case staff) and administrators.
    Capability.USE_DIRECTORY: _grants(*CASE_STAFF, Role.ADMIN),
    Capability.MANAGE_SERVICES: _grants(Role.ADMIN) + _grants(Role.SUPERVISOR, at=OPCC),
    Capability.PROVIDER_REFERRALS: _grants(Role.PROVIDER_STAFF),
    Capability.TOLD_OF_NEW_REFERRALS: _grants(Role.PROVIDER_STAFF, at=Organisation.Kind.PROVIDER),
    # Supervisors (their cases) and analysts (their organisation's, small counts suppressed).
    Capability.SEE_RESPONSE_TIMES: _grants(Role.SUPERVISOR, Role.ANALYST),
    Capability.SEE_COMPLIANCE: _grants(Role.SUPERVISOR, Role.ANALYST),
    Capability.SEE_CASES_BEHIND_FIGURES: _grants(Role.SUPERVISOR),
    Capability.AGGREGATES_ONLY: _grants(Role.ANALYST),
    # A supervisor at an OPCC sees every case it holds, so the two scopes agree (docs/adr/0026).
    Capability.SEE_FEEDBACK: _grants(Role.ANALYST) + _grants(Role.SUPERVISOR, at=OPCC),
    Capability.READ_AUDIT: _grants(Role.ADMIN),
    Capability.USE_ADMIN_SITE: _grants(Role.ADMIN),
    Capability.SEE_AREA_CONTEXT: _grants(Role.SUPERVISOR, Role.ANALYST),
    Capability.IMPORT_FEED: _grants(Role.SUPERVISOR),
    # The victim care service holds the people: its supervisors decide who is the same person.
    Capability.REVIEW_POSSIBLE_MATCHES: _grants(Role.SUPERVISOR, at=OPCC),
    Capability.MANAGE_API_CLIENTS: _grants(Role.ADMIN),
    Capability.TOLD_OF_UNANSWERED_MESSAGES: _grants(Role.SUPERVISOR),
    Capability.MANAGE_STAFF: _grants(Role.ADMIN),
    Capability.WITNESS_CARE_QUEUE: _grants(Role.WITNESS_CARE_OFFICER, at=Organisation.Kind.WCU),
    Capability.ANSWER_ESCALATIONS: _grants(Role.SUPERVISOR),
    # The controller's data protection work, by the OPCC's administrator until a data
    # protection officer role exists (docs/adr/0053): one line to move.
    Capability.HANDLE_SUBJECT_ACCESS: _grants(Role.ADMIN, at=OPCC),
    # The controller decides how long its records are kept: the OPCC's administrator (0052).
    Capability.ADMINISTER_RETENTION: _grants(Role.ADMIN, at=OPCC),
    # The Victims' Champions and the OPCC's victim care supervisors (docs/adr/0047, 0048).
    Capability.MANAGE_ADVISORY_PANEL: _grants(Role.CHAMPION, Role.SUPERVISOR, at=OPCC),
    Capability.DRAFT_ANNUAL_REPORT: _grants(Role.CHAMPION, Role.SUPERVISOR, at=OPCC),
    Capability.APPROVE_ANNUAL_REPORT: _grants(Role.SUPERVISOR, at=OPCC),
    # The Commissioner's office reports to its Panel: its analysts draft, its supervisors approve.
    Capability.PREPARE_PANEL_PACK: _grants(Role.ANALYST, at=OPCC),
    Capability.APPROVE_PANEL_PACK: _grants(Role.SUPERVISOR, at=OPCC),
}


def is_staff_member(user: Any) -> bool:
    """Signed in, active and with a staff role (victims never have a User)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role)


def can(user: Any, capability: Capability) -> bool:
    """Whether the user has the capability: a member of staff, with an organisation (the
    database requires one of everyone but an emergency superuser), in a role granted it."""
    if not is_staff_member(user) or user.organisation_id is None:
        return False
    for grant in GRANTS[capability]:
        if user.role == grant.role and (grant.at is None or user.organisation.kind == grant.at):
            return True
    return False


def holders(capability: Capability) -> Q:
    """The users with the capability, as a filter on User (for lists of whom to assign)."""
    q = Q(pk__in=[])
    for grant in GRANTS[capability]:
        q |= Q(role=grant.role) if grant.at is None else Q(role=grant.role, organisation__kind=grant.at)
    return q


# The role a partner system's API client may act in, by its organisation (docs/adr/0035).
API_CLIENT_ROLES: dict[str, Organisation.Kind] = {
    Role.POLICE_OFFICER: Organisation.Kind.POLICE_FORCE,
    Role.SUPERVISOR: Organisation.Kind.POLICE_FORCE,  # or the OPCC's supervisor: see api_client_role_refusal
    Role.CASEWORKER: Organisation.Kind.OPCC,
    Role.WITNESS_CARE_OFFICER: Organisation.Kind.WCU,
    Role.PROVIDER_STAFF: Organisation.Kind.PROVIDER,
}


def api_client_role_refusal(role: str, organisation: Organisation) -> str:
    """Why a client of `organisation` may not act with `role`, or "" if it may."""
    if role not in API_CLIENT_ROLES:
        return f"An API client cannot act as {role or 'no role'}"
    kinds = {API_CLIENT_ROLES[role]}
    if role == Role.SUPERVISOR:
        kinds.add(Organisation.Kind.OPCC)
    if organisation.kind not in kinds:
        return f"A client of {organisation.name} cannot act as {Role(role).label.lower()}"
    return ""


# The kinds of organisation each staff role works at: the staff users page offers no other
# (docs/adr/0044). A supervisor at a Witness Care Unit would see no case, so it is not offered.
Kind = Organisation.Kind
STAFF_ROLE_KINDS: dict[str, frozenset[str]] = {
    Role.CASEWORKER: frozenset({Kind.OPCC}),
    Role.SUPERVISOR: frozenset({Kind.OPCC, Kind.POLICE_FORCE}),
    Role.POLICE_OFFICER: frozenset({Kind.POLICE_FORCE}),
    Role.WITNESS_CARE_OFFICER: frozenset({Kind.WCU}),
    Role.PROVIDER_STAFF: frozenset({Kind.PROVIDER}),
    Role.CHAMPION: frozenset({Kind.OPCC}),
    Role.ANALYST: frozenset({Kind.OPCC, Kind.POLICE_FORCE}),
    Role.ADMIN: frozenset({Kind.OPCC, Kind.POLICE_FORCE}),
}

STAFF_ROLE_CHOICES = [(role, Role(role).label) for role in STAFF_ROLE_KINDS]


def staff_role_refusal(role: str, organisation: Organisation) -> str:
    """Why a member of staff of `organisation` may not have `role`, or "" if they may."""
    if role not in STAFF_ROLE_KINDS:
        return "Choose a role"
    if organisation.kind not in STAFF_ROLE_KINDS[role]:
        return f"Someone at {organisation.name} cannot be a {Role(role).label.lower()}"
    return ""


# The Victims' Champions and the OPCC's use of their records (docs/adr/0036).
def _is_opcc(user: Any, role: str) -> bool:
    org = getattr(user, "organisation", None)
    return bool(
        is_staff_member(user) and user.role == role and org is not None and org.kind == Organisation.Kind.OPCC
    )


def can_record_engagements(user: Any) -> bool:
    """Victims' Champions: their own engagements, accounts, quotes and case studies."""
    return _is_opcc(user, Role.CHAMPION)


def can_approve_voice(user: Any) -> bool:
    """Review and approve case studies, record partners' responses, publish "you said, we did"."""
    return _is_opcc(user, Role.SUPERVISOR)


def can_administer_themes(user: Any) -> bool:
    """The theme taxonomy, in the admin pages: an OPCC's administrators."""
    return _is_opcc(user, Role.ADMIN)


def can_see_voice_themes(user: Any) -> bool:
    return can_record_engagements(user) or can_approve_voice(user) or _is_opcc(user, Role.ANALYST)


def can_see_voice_evidence(user: Any) -> bool:
    """The cleared quotes and case studies behind a count (never to analysts: counts only)."""
    return can_record_engagements(user) or can_approve_voice(user)


def voice_counts_suppressed(user: Any) -> bool:
    """Counts under 5 are hidden from everyone but the champions, who heard the accounts."""
    return not can_record_engagements(user)


def can_manage_recommendations(user: Any) -> bool:
    return can_record_engagements(user) or can_approve_voice(user)
