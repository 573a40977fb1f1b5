"""Who may see and do what: the layer above the domain apps that views, templates, exports and
the menu ask (docs/adr/0031).

Import the gate and the capabilities from here, `from victimcare.access import ...`;
`victimcare.access.decorators` has the staff-page decorator and `victimcare.access.navigation`
the menu.
"""

from victimcare.access.capabilities import (
    GRANTS,
    Capability,
    can,
    holders,
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
    my_cases_filter,
    my_teams_cases_filter,
    people_visible_to,
    referrals_visible_to,
    team_ids,
)

__all__ = [
    "GRANTS",
    "Capability",
    "access_case_for_user",
    "access_marac_meeting_for_user",
    "access_person_audit_for_user",
    "access_person_for_user",
    "access_referral_for_user",
    "access_safeguarding_case_for_user",
    "can",
    "cases_visible_to",
    "force_area_id",
    "holders",
    "is_staff_member",
    "marac_meetings_visible_to",
    "my_cases_filter",
    "my_teams_cases_filter",
    "people_visible_to",
    "referrals_visible_to",
    "team_ids",
]
