"""The restorative justice workflow as an explicit transition table. Django-free.

offered -> accepted or declined -> assessed (suitability and risk) -> offender consented
(consent and admission of responsibility) -> prepared -> conference held or indirect
communication -> outcome agreed -> followed up -> closed.

- Either side may withdraw consent at any stage; withdrawal ends the process.
- The victim's choice always stands: after they decline or withdraw nothing more can be
  recorded on that record. A new offer needs a new record (services.rj_offer).
- A case assessed as unsuitable can only be closed.

Restorative justice is voluntary for both sides (Victims' Code 2020, Right 4 (information
about restorative justice); Ministry of Justice RJ Action Plan; Restorative Justice Council
principles): nobody may be moved forward without consent.
"""

from __future__ import annotations

from victimcare.transitions import StatusTable

OFFERED = "offered"
ACCEPTED = "accepted"
DECLINED = "declined"
ASSESSED = "assessed"
OFFENDER_CONSENTED = "offender_consented"
PREPARED = "prepared"
CONFERENCE_HELD = "conference_held"
INDIRECT_COMMUNICATION = "indirect_communication"
OUTCOME_AGREED = "outcome_agreed"
FOLLOWED_UP = "followed_up"
WITHDRAWN_BY_VICTIM = "withdrawn_by_victim"
WITHDRAWN_BY_OFFENDER = "withdrawn_by_offender"
CLOSED = "closed"

# Labels as staff read them on the record (the timeline uses the event vocabulary's).
STEPS: dict[str, str] = {
    OFFERED: "Offered to the victim",
    ACCEPTED: "Accepted by the victim",
    DECLINED: "Declined by the victim",
    ASSESSED: "Suitability and risk assessed",
    OFFENDER_CONSENTED: "Offender consented and admitted responsibility",
    PREPARED: "Preparation done",
    CONFERENCE_HELD: "Conference held",
    INDIRECT_COMMUNICATION: "Indirect communication made",
    OUTCOME_AGREED: "Outcome agreement made",
    FOLLOWED_UP: "Followed up",
    WITHDRAWN_BY_VICTIM: "Victim withdrew consent",
    WITHDRAWN_BY_OFFENDER: "Offender withdrew consent",
    CLOSED: "Closed",
}
WITHDRAWALS = frozenset({WITHDRAWN_BY_VICTIM, WITHDRAWN_BY_OFFENDER})
TERMINAL = frozenset({DECLINED, WITHDRAWN_BY_VICTIM, WITHDRAWN_BY_OFFENDER, CLOSED})

# The forward steps from each status; withdrawals are added below for every open status.
_FORWARD: dict[str, frozenset[str]] = {
    OFFERED: frozenset({ACCEPTED, DECLINED}),
    ACCEPTED: frozenset({ASSESSED}),
    ASSESSED: frozenset({OFFENDER_CONSENTED, CLOSED}),
    OFFENDER_CONSENTED: frozenset({PREPARED}),
    PREPARED: frozenset({CONFERENCE_HELD, INDIRECT_COMMUNICATION}),
    CONFERENCE_HELD: frozenset({OUTCOME_AGREED, FOLLOWED_UP}),
    INDIRECT_COMMUNICATION: frozenset({OUTCOME_AGREED, FOLLOWED_UP}),
    OUTCOME_AGREED: frozenset({FOLLOWED_UP}),
    FOLLOWED_UP: frozenset({CLOSED}),
}
# The victim has nothing to withdraw before accepting: at "offered" they decline.
TRANSITIONS = StatusTable(
    {
        **{
            status: forward | (WITHDRAWALS - ({WITHDRAWN_BY_VICTIM} if status == OFFERED else set()))
            for status, forward in _FORWARD.items()
        },
        **{status: frozenset() for status in TERMINAL},
    }
)

ORDER = list(STEPS)


def allowed(status: str, *, suitable: bool | None = None) -> list[str]:
    """The steps that may be recorded next, in workflow order."""
    steps = TRANSITIONS.get(status, frozenset())
    if status == ASSESSED and suitable is False:
        steps = frozenset({CLOSED})
    elif status == ASSESSED:
        steps = steps - {CLOSED}
    return [s for s in ORDER if s in steps]


def refusal(status: str, step: str, *, suitable: bool | None = None) -> str | None:
    """Why `step` may not follow `status`, in plain words; None if it may."""
    if step not in STEPS:
        return "Choose a step from the list"
    if step in allowed(status, suitable=suitable):
        return None
    if status in (DECLINED, WITHDRAWN_BY_VICTIM):
        return (
            "The victim has said no to restorative justice, and their choice stands: nothing more "
            "can be recorded on this offer. If they change their mind, make a new offer."
        )
    if status == WITHDRAWN_BY_OFFENDER:
        return "The offender withdrew consent, which ended this process. To start again, make a new offer."
    if status == CLOSED:
        return "This restorative justice process is closed. To start again, make a new offer."
    if status == OFFERED and step == WITHDRAWN_BY_VICTIM:
        return "The victim has not accepted the offer yet. If they do not want it, record that they declined."
    if status == ASSESSED and suitable is False:
        return "The case was assessed as not suitable for restorative justice, so it can only be closed."
    if status == ASSESSED and step == CLOSED:
        return "The case was assessed as suitable. To end the process, record a withdrawal by the victim or the offender."
    return (
        f"'{STEPS[step]}' cannot be recorded now: the last step was '{STEPS[status].lower()}'. Next can be: "
        + ", ".join(STEPS[s].lower() for s in allowed(status, suitable=suitable))
        + "."
    )
