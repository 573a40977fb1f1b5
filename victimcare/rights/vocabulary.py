"""The words the Victims' Code engine understands: event types, victim and crime flags, providers.

These lists come from the contract (shared/VICTIMS-CODE.md, "Event vocabulary" and "Enhanced
rights"). Rule data and evaluation input are checked against them, so a typo is an error rather
than a silently missed obligation. Adding a word here is safe; removing one is a breaking change.
"""

from __future__ import annotations

EVENT_TYPES: frozenset[str] = frozenset(
    {
        "crime_reported",
        # Right 2: the police recorded the crime (VICTIMS-CODE.md, R2_CRIME_RECORDED).
        "crime_recorded",
        "written_acknowledgement_sent",
        # Right 1: a need for an interpreter or other help to understand and be understood, and
        # the help given for it (R1_COMMUNICATION).
        "communication_need_identified",
        "communication_support_provided",
        # Right 5: information about compensation given (R5_COMPENSATION_INFO).
        "compensation_information_given",
        "needs_assessment_completed",
        "referred_to_support",
        "referral_declined_by_victim",
        "suspect_arrested",
        "suspect_interviewed_under_caution",
        "suspect_released_no_further_action",
        "suspect_bailed",
        "suspect_released_under_investigation",
        "bail_conditions_changed",
        "suspect_charged",
        "out_of_court_disposal",
        "decision_not_to_investigate",
        "cps_decision_not_to_charge",
        "cps_charges_dropped_or_altered",
        "hearing_listed",
        # Beyond the contract's list: a listed hearing that did not go ahead (R8_HEARING_CHANGED).
        "hearing_adjourned",
        "trial_vacated",
        "trial_ineffective",
        "trial_cracked",
        "bail_hearing_outcome_received",
        "warrant_outcome_received",
        "witness_required",
        "case_outcome_received",
        "sentence_received",
        # Beyond the contract's list: Right 9 appeals (R9_APPEAL, R9_APPEAL_OUTCOME).
        "appeal_lodged",
        "appeal_outcome_received",
        "offender_sentenced",
        "vcs_referral_made",
        "vlo_contact_made",
        "vps_offered",
        "vps_made",
        # Beyond the contract's list ("more may be added"): the victim asked to make or update a
        # Victim Personal Statement (the rule R7_VPS_REQUEST answers it).
        "vps_requested",
        # The crime's Home Office outcome type (0-22) was recorded (R6_CASE_CLOSED answers the
        # police decisions to take no further action; docs/adr/0034).
        "outcome_recorded",
        "expenses_claim_received",
        "expenses_paid",
        # Beyond the contract's list: Right 10 property (R10_PROPERTY_RETURN).
        "property_retained",
        "property_returned",
        "complaint_received",
        "complaint_acknowledged",
        # Beyond the contract's list: a complaint's full reply and escalation (R12_COMPLAINT_REPLY).
        "complaint_responded",
        "complaint_escalated",
        "vrr_requested",
        "vrr_acknowledged",
        "vrr_decided",
        "victim_informed",
        "victim_opted_out_of_updates",
    }
)

# The event type whose `about` names the event the victim was told of. Which events must be
# told is not listed here: it follows from the rules (loader.RuleSets.informable_events).
VICTIM_INFORMED = "victim_informed"

# Payload fields the engine reads, with their JSON type. Other payload fields are carried, not read.
PAYLOAD_FIELDS: dict[str, dict[str, type]] = {
    "offender_sentenced": {
        "custodial_months": float,
        "specified_violent_or_sexual": bool,
        "hospital_order": bool,
    },
    # Whose decision a review request is about: "police" or "cps". The police review clocks
    # start only when it is not the CPS's (an absent value is taken as a police review).
    "vrr_requested": {"decision_maker": str},
    # The Home Office outcome type, a whole number 0-22.
    "outcome_recorded": {"outcome_type": float},
}

VICTIM_FLAGS: frozenset[str] = frozenset(
    {
        "bereaved",
        "persistently_targeted",
        "intimidated",
        "mental_disorder",
        "impaired_intelligence_social_functioning",
        "physical_disability",
    }
)

# Kept in step with victimcare.cases.vocab.CRIME_FLAGS (a test checks they agree).
CRIME_FLAGS: frozenset[str] = frozenset(
    {
        "domestic_abuse",
        "hate_crime",
        "terrorism",
        "sexual_offence",
        "human_trafficking",
        "modern_slavery",
        "attempted_murder",
        "kidnap",
        "false_imprisonment",
        "arson_endangering_life",
        "gbh_with_intent",
        "weapons_offence",
    }
)

PROVIDERS: frozenset[str] = frozenset({"police", "cps", "wcu", "hmcts", "probation", "any"})

CONFIDENCE_MARKS: frozenset[str] = frozenset({"H", "M", "L"})

# Obligation statuses (VICTIMS-CODE.md, "Statuses").
PENDING = "pending"
OVERDUE = "overdue"
MET = "met"
LATE = "late"
NOT_APPLICABLE = "not_applicable"
DONE = "done"
NOT_DONE = "not_done"
