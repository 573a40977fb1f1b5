"""Who may see and do what: the layer above the domain apps that every view, export and
template asks (docs/adr/0031).

Import the gate and the capabilities from here, `from victimcare.access import ...`;
`victimcare.access.decorators` has the staff-page decorator and
`victimcare.access.navigation` the menu.
"""

from victimcare.access.capabilities import (
    CASE_CREATORS,
    CASE_WRITERS,
    PERSON_OWNERS,
    SAFEGUARDING_ROLES,
    can_create_cases,
    can_edit_people,
    can_manage_services,
    can_safeguard,
    can_search,
    can_see_response_times,
    can_use_directory,
    can_write_cases,
    is_provider_staff,
    is_staff_member,
)
from victimcare.access.gate import (
    access_case_for_user,
    access_marac_meeting_for_user,
    access_person_audit_for_user,
    access_person_for_user,
    access_referral_for_user,
    access_safeguarding_case_for_user,
    cases_visible_to,
    force_area_id,
    marac_meetings_visible_to,
    people_visible_to,
    referrals_visible_to,
    team_ids,
)

__all__ = [
    "CASE_CREATORS",
    "CASE_WRITERS",
    "PERSON_OWNERS",
    "SAFEGUARDING_ROLES",
    "access_case_for_user",
    "access_marac_meeting_for_user",
    "access_person_audit_for_user",
    "access_person_for_user",
    "access_referral_for_user",
    "access_safeguarding_case_for_user",
    "can_create_cases",
    "can_edit_people",
    "can_manage_services",
    "can_safeguard",
    "can_search",
    "can_see_response_times",
    "can_use_directory",
    "can_write_cases",
    "cases_visible_to",
    "force_area_id",
    "is_provider_staff",
    "is_staff_member",
    "marac_meetings_visible_to",
    "people_visible_to",
    "referrals_visible_to",
    "team_ids",
]
