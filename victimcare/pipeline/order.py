"""What follows an event, and what follows a change to a person: in order, in one place.

cases.services.event_record (and events_record_bulk) runs EVENT_REACTIONS inside the
transaction that records the events; people.services.person_update runs PERSON_REACTIONS
inside the transaction that saves the person. A reaction that raises rolls the whole change
back, so nothing is left half-done. Each app owns its reactions (its reactions.py); this module
only puts them in order. The contract of an event reaction is in victimcare/cases/pipeline.py.

Order matters: the derived safeguarding flags read the rights the first reaction stores
(`vulnerable` is the engine's finding), and the victim's update comes last so that nothing
is queued for an event whose other consequences failed. A later issue adds its reaction here;
one written for a single case goes in as `for_each_case(app.reactions.name)`.
"""

from __future__ import annotations

from victimcare.api.reactions import webhooks_queue
from victimcare.cases.pipeline import EventReaction, for_each_case
from victimcare.cases.reactions import crime_outcome_refresh
from victimcare.notify.reactions import victim_updates_queue
from victimcare.people.pipeline import PersonReaction
from victimcare.rights.reactions import entitlements_refresh, person_entitlements_refresh
from victimcare.safeguarding.reactions import derived_flags_refresh, person_flags_refresh
from victimcare.support.reactions import open_referrals_contact_refresh, referral_arrivals_notify
from victimcare.voice.invitations import survey_invitations_queue

EVENT_REACTIONS: tuple[EventReaction, ...] = (
    for_each_case(crime_outcome_refresh),  # cases: the crime carries its latest outcome
    entitlements_refresh,  # rights: rebuild the stored entitlements from the timeline
    derived_flags_refresh,  # safeguarding: vulnerable, repeat victim
    referral_arrivals_notify,  # support: the provider is told a referral has arrived
    victim_updates_queue,  # notify: the victim's automatic update, sent after commit
    survey_invitations_queue,  # voice: the survey invitation at a moment, after the update it follows
    webhooks_queue,  # api: partner systems' webhooks, sent after commit
)

PERSON_REACTIONS: tuple[PersonReaction, ...] = (
    person_entitlements_refresh,  # rights: date of birth and flags decide enhanced rights
    person_flags_refresh,  # safeguarding: and so whether the victim is vulnerable
    open_referrals_contact_refresh,  # support: open referrals' providers see the current safe-contact rules
)
