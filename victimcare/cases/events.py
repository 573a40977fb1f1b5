"""The event vocabulary of a case timeline.

The types are those of the Victims' Code contract (shared VICTIMS-CODE.md) plus a
few the service needs for its own work (contact made, case closed). Each type says
what its payload holds and which earlier events it may answer (`about`), so that
every interface (staff form, portal, import, API) validates an event the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import Any

from victimcare.cases.vocab import outcome_types


class Stage(IntEnum):
    """Journey stages in the order a case moves through them."""

    REPORTED = 1
    INVESTIGATION = 2
    COURT = 3
    OUTCOME = 4
    SENTENCED = 5
    CLOSED = 6

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.REPORTED: "Reported",
    Stage.INVESTIGATION: "Investigation",
    Stage.COURT: "Charged and at court",
    Stage.OUTCOME: "Outcome known",
    Stage.SENTENCED: "Sentenced",
    Stage.CLOSED: "Closed",
}
STAGE_CHOICES = [(s.value, s.label) for s in Stage]


@dataclass(frozen=True)
class PayloadField:
    name: str
    label: str
    kind: str  # "text", "int", "bool", "date", "choice"
    required: bool = False
    # For "choice", the stored codes; for "int", an optional closed list of numbers (a select).
    choices: tuple[tuple[Any, str], ...] = ()
    hint: str = ""
    required_message: str = ""  # when the label does not make a good "Enter ..." or "Choose ..."


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    stage: Stage | None = None
    payload: tuple[PayloadField, ...] = ()
    about_types: tuple[str, ...] = ()  # the types this event may answer
    about_required: bool = False
    staff_recordable: bool = True
    hint: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# Protective orders (victimcare.safeguarding records these events from its own forms).
_ORDER_TYPE = PayloadField(
    "order_type",
    "Type of order",
    "choice",
    required=True,
    choices=(
        ("dapo", "Domestic abuse protection order"),
        ("spo", "Stalking protection order"),
        ("nmo", "Non-molestation order"),
        ("restraining", "Restraining order"),
    ),
)
_ORDER_EXPIRES = PayloadField("expires_on", "Expires on", "date")

CHANNEL_CHOICES = (
    ("email", "Email"),
    ("sms", "Text message"),
    ("phone", "Phone call"),
    ("letter", "Letter"),
    ("in_person", "In person"),
    ("portal", "Online (victim portal)"),
)
ORGANISATION_CHOICES = (("police", "Police"), ("cps", "Crown Prosecution Service"))

_CHANNEL = PayloadField(
    "channel",
    "How were they told?",
    "choice",
    required=True,
    choices=CHANNEL_CHOICES,
    required_message="Choose how they were told",
)
_SUMMARY = PayloadField("summary", "Summary", "text")

# Court listings and why they change: the categories of HMCTS's cracked and ineffective trial
# statistics, in words a caseworker and a victim both read (docs/adr/0045).
HEARING_KINDS = (
    ("first", "First hearing"),
    ("plea", "Plea hearing"),
    ("trial", "Trial"),
    ("sentencing", "Sentencing"),
    ("other", "Another hearing"),
)
DELAY_REASONS = (
    ("court_time", "The court had no time or no judge (over-listing)"),
    ("prosecution_not_ready", "The prosecution was not ready"),
    ("defence_not_ready", "The defence was not ready"),
    ("prosecution_witness_absent", "A prosecution witness did not attend"),
    ("defendant_absent", "The defendant did not attend or was unwell"),
    ("interpreter", "No interpreter was available"),
    ("other", "Another reason"),
)
CRACKED_REASONS = (
    ("guilty_plea", "The defendant pleaded guilty"),
    ("alternative_plea", "The defendant pleaded guilty to another charge, which was accepted"),
    ("no_evidence", "The prosecution offered no evidence"),
    ("bind_over", "The defendant was bound over"),
    ("other", "Another reason"),
)
# Why a victim does not want support (docs/adr/0050): the commissioning figures count these, so
# services can be shaped to what victims say stops them. "other" carries the victim's own words.
VICTIM_DECLINE_REASONS = (
    ("not_needed", "They do not feel they need support"),
    ("has_support", "They already have support from family, friends or another service"),
    ("not_now", "It is not the right time: they may want support later"),
    ("wants_to_move_on", "They want to put it behind them"),
    ("privacy", "They do not want their details shared with a service"),
    ("no_suitable_service", "No service suits their needs, language or where they live"),
    ("practical", "Practical reasons, such as work, caring or travel"),
    ("other", "Another reason"),
)
# What a court decided at a bail hearing (the victim's timeline says what each means for them).
BAIL_DECISIONS = (
    ("remanded_in_custody", "Remanded in custody"),
    ("bail", "Released on bail"),
    ("bail_with_conditions", "Released on bail with conditions"),
)
_VICTIM_DECLINE_REASON = PayloadField(
    "reason", "Why the victim does not want support", "choice", choices=VICTIM_DECLINE_REASONS
)
_VICTIM_DECLINE_OTHER = PayloadField("reason_other", "Their reason, in their words", "text")
_DELAY_REASON = PayloadField(
    "reason",
    "Why it did not go ahead",
    "choice",
    required=True,
    choices=DELAY_REASONS,
    required_message="Choose why it did not go ahead",
)
_NEW_DATE = PayloadField(
    "new_hearing_date", "New date", "date", hint="Leave blank if the court has not set a new date yet"
)
_CRACKED_REASON = PayloadField(
    "reason",
    "Why no trial was needed",
    "choice",
    required=True,
    choices=CRACKED_REASONS,
    required_message="Choose why no trial was needed",
)


def _hearing_change(
    code: str, label: str, hint: str, payload: tuple[PayloadField, ...] = (_DELAY_REASON, _NEW_DATE)
) -> EventType:
    """A listed hearing that did not go ahead as listed: it answers the listing (docs/adr/0045)."""
    return EventType(
        code, label, Stage.COURT, payload, about_types=("hearing_listed",), about_required=True, hint=hint
    )


# Events a victim must be told about under Rights 6, 8 and 9. The rule data decides this (every
# trigger of a rule fulfilled by `victim_informed` about it: rights.loader.RuleSets.
# informable_events); cases sits below rights, so it declares the list and
# tests/rights/test_it_derives_the_informable_events_from_the_rules.py fails if they differ.
INFORMABLE = (
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
    "hearing_adjourned",
    "trial_vacated",
    "trial_ineffective",
    "trial_cracked",
    "bail_hearing_outcome_received",
    "warrant_outcome_received",
    "witness_required",
    "case_outcome_received",
    "sentence_received",
    "appeal_lodged",
    "appeal_outcome_received",
    "outcome_recorded",
)

# Right 1: what help the victim needs to understand and be understood (VICTIMS-CODE.md,
# R1_COMMUNICATION: "interpreter, sign language, easy read").
COMMUNICATION_NEEDS = (
    ("interpreter", "An interpreter (spoken language)"),
    ("translation", "Documents translated"),
    ("sign_language", "A sign language interpreter"),
    ("easy_read", "Easy Read information"),
    ("intermediary", "A registered intermediary"),
    ("other", "Other help to communicate"),
)
_COMMUNICATION_NEED = PayloadField(
    "need",
    "What help they need",
    "choice",
    required=True,
    choices=COMMUNICATION_NEEDS,
    required_message="Choose what help they need",
)
# Right 12: who a complaint is about, how it ended, and where the victim may take it next.
COMPLAINT_BODIES = (
    ("police", "Police"),
    ("cps", "CPS"),
    ("wcu", "Witness Care Unit"),
    ("service", "Victim care service"),
    ("other", "Another organisation"),
)
COMPLAINT_OUTCOMES = (
    ("upheld", "Upheld"),
    ("partly_upheld", "Partly upheld"),
    ("not_upheld", "Not upheld"),
)
COMPLAINT_ROUTES = (
    ("own_process", "The next stage of the organisation's own complaints process"),
    ("victims_commissioner", "The Victims' Commissioner"),
    ("ombudsman", "The Parliamentary and Health Service Ombudsman"),
)
APPEAL_AGAINST = (
    ("conviction", "The conviction"),
    ("sentence", "The sentence"),
    ("both", "The conviction and the sentence"),
)

_TYPES: tuple[EventType, ...] = (
    EventType("crime_reported", "Crime reported", Stage.REPORTED),
    # Right 2 (R2_CRIME_RECORDED): the crime recorded on the police crime system.
    EventType(
        "crime_recorded",
        "Crime recorded by the police",
        payload=(PayloadField("crime_number", "Police crime number", "text"),),
    ),
    # Right 1 (R1_COMMUNICATION): a need for help to understand and be understood, and the help.
    EventType(
        "communication_need_identified",
        "Interpreter or communication help needed",
        payload=(
            _COMMUNICATION_NEED,
            PayloadField("language", "Language", "text", hint="For example, Polish or British Sign Language"),
        ),
    ),
    EventType(
        "communication_support_provided",
        "Interpreter or communication help provided",
        payload=(PayloadField("provided", "What was provided", "text", required=True),),
        about_types=("communication_need_identified",),
        about_required=True,
        hint="Choose the need this help meets",
    ),
    # Right 5 (R5_COMPENSATION_INFO).
    EventType(
        "compensation_information_given",
        "Information about compensation given",
        payload=(_CHANNEL,),
    ),
    EventType("written_acknowledgement_sent", "Written acknowledgement of the crime sent", None, (_CHANNEL,)),
    EventType("needs_assessment_completed", "Needs assessment completed"),
    EventType(
        "referred_to_support",
        "Referred to victim support services",
        payload=(PayloadField("service", "Service referred to", "text", required=True),),
    ),
    EventType(
        "referral_declined_by_victim",
        "Victim declined a referral to support",
        payload=(_VICTIM_DECLINE_REASON, _VICTIM_DECLINE_OTHER),
    ),
    # The steps of a referral after it is sent (victimcare.support records them; each answers
    # the referred_to_support event of its referral).
    EventType(
        "referral_accepted",
        "Referral accepted by the service",
        about_types=("referred_to_support",),
        about_required=True,
        staff_recordable=False,
    ),
    EventType(
        "referral_declined",
        "Referral declined by the service",
        payload=(PayloadField("reason", "Why the service declined", "text", required=True),),
        about_types=("referred_to_support",),
        about_required=True,
        staff_recordable=False,
    ),
    EventType(
        "referral_first_contact",
        "Service made first contact with the victim",
        payload=(_CHANNEL,),
        about_types=("referred_to_support",),
        about_required=True,
        staff_recordable=False,
    ),
    EventType(
        "referral_engaged",
        "Victim engaged with the service",
        about_types=("referred_to_support",),
        about_required=True,
        staff_recordable=False,
    ),
    EventType(
        "referral_closed",
        "Referral closed",
        payload=(PayloadField("outcome", "Outcome", "text", required=True),),
        about_types=("referred_to_support",),
        about_required=True,
        staff_recordable=False,
    ),
    # Safeguarding (victimcare.safeguarding records these from its own forms).
    EventType(
        "risk_assessment_completed",
        "DASH risk assessment completed",
        payload=(
            PayloadField(
                "level",
                "Risk level",
                "choice",
                required=True,
                choices=(("standard", "Standard"), ("medium", "Medium"), ("high", "High")),
            ),
            PayloadField("score", "Score", "int", required=True),
        ),
        staff_recordable=False,
    ),
    EventType("marac_referral_made", "Referred to MARAC", staff_recordable=False),
    EventType(
        "protective_order_made",
        "Protective order made",
        payload=(_ORDER_TYPE, _ORDER_EXPIRES),
        staff_recordable=False,
    ),
    EventType(
        "protective_order_varied",
        "Protective order varied by the court",
        payload=(
            _ORDER_TYPE,
            PayloadField("conditions_changed", "Conditions changed", "bool"),
            PayloadField("expiry_changed", "Expiry date changed", "bool"),
            PayloadField("expires_on", "Now expires on", "date"),
        ),
        staff_recordable=False,
    ),
    EventType(
        "protective_order_ended",
        "Protective order ended before its expiry",
        payload=(
            _ORDER_TYPE,
            PayloadField(
                "ending",
                "How it ended",
                "choice",
                required=True,
                choices=(
                    ("discharged", "Discharged by the court"),
                    ("ended_early", "Ended early for another reason"),
                ),
            ),
        ),
        staff_recordable=False,
    ),
    EventType(
        "police_incident_recorded",
        "Police-attended incident recorded",
        payload=(
            PayloadField("reference", "Police incident reference", "text", required=True),
            PayloadField("domestic_abuse", "Domestic abuse related", "bool"),
        ),
        staff_recordable=False,
    ),
    # Restorative justice (victimcare.justice records each step of its workflow).
    EventType(
        "restorative_justice_step",
        "Restorative justice",
        payload=(
            PayloadField(
                "step",
                "Step",
                "choice",
                required=True,
                choices=(
                    ("offered", "Offered to the victim"),
                    ("accepted", "Accepted by the victim"),
                    ("declined", "Declined by the victim"),
                    ("assessed", "Suitability and risk assessed"),
                    ("offender_consented", "Offender consented and admitted responsibility"),
                    ("prepared", "Preparation done"),
                    ("conference_held", "Conference held"),
                    ("indirect_communication", "Indirect communication made"),
                    ("outcome_agreed", "Outcome agreement made"),
                    ("followed_up", "Followed up"),
                    ("withdrawn_by_victim", "Victim withdrew consent"),
                    ("withdrawn_by_offender", "Offender withdrew consent"),
                    ("closed", "Closed"),
                ),
            ),
            _SUMMARY,
        ),
        staff_recordable=False,
    ),
    EventType("suspect_arrested", "Suspect arrested", Stage.INVESTIGATION),
    EventType("suspect_interviewed_under_caution", "Suspect interviewed under caution", Stage.INVESTIGATION),
    EventType("suspect_released_no_further_action", "Suspect released with no further action", Stage.OUTCOME),
    EventType(
        "suspect_bailed",
        "Suspect released on bail",
        Stage.INVESTIGATION,
        (
            PayloadField("bail_until", "Bail until", "date"),
            PayloadField("conditions", "Bail conditions", "text"),
        ),
    ),
    EventType(
        "suspect_released_under_investigation", "Suspect released under investigation", Stage.INVESTIGATION
    ),
    EventType(
        "bail_conditions_changed",
        "Bail conditions changed",
        payload=(PayloadField("conditions", "New bail conditions", "text", required=True),),
    ),
    EventType("suspect_charged", "Suspect charged", Stage.COURT),
    EventType(
        "out_of_court_disposal",
        "Out of court disposal given",
        Stage.OUTCOME,
        (PayloadField("disposal", "What was given", "text", required=True, hint="For example, a caution"),),
    ),
    EventType("decision_not_to_investigate", "Decision not to investigate", Stage.OUTCOME),
    EventType("cps_decision_not_to_charge", "CPS decided not to charge", Stage.OUTCOME),
    EventType("cps_charges_dropped_or_altered", "CPS dropped or altered the charges"),
    EventType(
        "hearing_listed",
        "Court hearing listed",
        Stage.COURT,
        (
            PayloadField("hearing_date", "Date of the hearing", "date", required=True),
            PayloadField("court", "Court", "text", required=True),
            PayloadField("hearing_kind", "What kind of hearing", "choice", choices=HEARING_KINDS),
        ),
    ),
    # A listed hearing that did not go ahead as listed (docs/adr/0045): each answers the listing
    # and, where the court has set one, gives the new date, so the victim reads the change.
    _hearing_change("hearing_adjourned", "Court hearing adjourned", "Choose the hearing that was adjourned"),
    _hearing_change(
        "trial_vacated",
        "Trial date vacated (taken out of the list before the day)",
        "Choose the trial listing that was vacated",
    ),
    _hearing_change(
        "trial_ineffective",
        "Trial ineffective (did not go ahead on the day and must be listed again)",
        "Choose the trial listing that did not go ahead",
    ),
    _hearing_change(
        "trial_cracked",
        "Trial cracked (ended on the day without a trial)",
        "Choose the trial listing that cracked",
        (_CRACKED_REASON,),
    ),
    EventType(
        "special_measures_granted",
        "Special measures granted",
        Stage.COURT,
        (
            PayloadField(
                "measures",
                "Which special measures",
                "text",
                required=True,
                hint="For example, a screen in the courtroom, or giving evidence by live link",
                required_message="Enter which special measures the court granted",
            ),
        ),
    ),
    EventType(
        "bail_hearing_outcome_received",
        "Bail hearing outcome received",
        Stage.COURT,
        (PayloadField("decision", "What the court decided", "choice", choices=BAIL_DECISIONS),),
    ),
    EventType("warrant_outcome_received", "Warrant outcome received", Stage.COURT),
    EventType("witness_required", "Victim required to give evidence", Stage.COURT),
    EventType(
        "case_outcome_received",
        "Case outcome received",
        Stage.OUTCOME,
        (PayloadField("outcome", "Outcome", "text", required=True, hint="For example, guilty plea"),),
    ),
    EventType("sentence_received", "Sentence received", Stage.SENTENCED, (_SUMMARY,)),
    # Right 9 appeals (R9_APPEAL, R9_APPEAL_OUTCOME): each is told to the victim.
    EventType(
        "appeal_lodged",
        "Appeal against conviction or sentence lodged",
        payload=(
            PayloadField(
                "against",
                "What the appeal is against",
                "choice",
                required=True,
                choices=APPEAL_AGAINST,
                required_message="Choose what the appeal is against",
            ),
        ),
    ),
    EventType(
        "appeal_outcome_received",
        "Appeal outcome received",
        payload=(
            PayloadField("outcome", "Outcome", "text", required=True, hint="For example, appeal dismissed"),
        ),
        about_types=("appeal_lodged",),
    ),
    # The Home Office outcome assigned to the crime (Counting Rules outcome types 0-22). No stage:
    # outcome 1 (charged) is not "outcome known" and the stage never moves back (docs/adr/0034).
    EventType(
        "outcome_recorded",
        "Crime outcome",
        payload=(
            PayloadField(
                "outcome_type",
                "Outcome",
                "int",
                required=True,
                choices=tuple((n, label) for n, label in outcome_types().items()),
                hint="The Home Office outcome type the police assigned to the crime",
                required_message="Choose the outcome",
            ),
        ),
    ),
    EventType(
        "offender_sentenced",
        "Offender sentenced",
        Stage.SENTENCED,
        (
            PayloadField(
                "custodial_months",
                "Length of custodial sentence in months",
                "int",
                required=True,
                hint="Enter 0 if the sentence was not custodial",
            ),
            PayloadField("specified_violent_or_sexual", "A specified violent or sexual offence", "bool"),
            PayloadField("hospital_order", "Hospital order made", "bool"),
        ),
    ),
    EventType("vcs_referral_made", "Referred to the Victim Contact Scheme"),
    EventType("vlo_contact_made", "Victim liaison officer made contact"),
    EventType("vps_offered", "Victim Personal Statement offered"),
    EventType("vps_made", "Victim Personal Statement made"),
    EventType(
        "vps_requested",
        "Victim asked to make or update a Victim Personal Statement",
        payload=(
            PayloadField(
                "kind",
                "What they asked for",
                "choice",
                required=True,
                choices=(("make", "To make a statement"), ("update", "To update their statement")),
            ),
        ),
    ),
    EventType("expenses_claim_received", "Witness expenses claim received"),
    EventType("expenses_paid", "Witness expenses paid", about_types=("expenses_claim_received",)),
    # Right 10 property (R10_PROPERTY_RETURN): property kept by the police, and its return.
    EventType(
        "property_retained",
        "Victim's property kept by the police",
        payload=(PayloadField("description", "What was kept", "text", required=True),),
    ),
    EventType(
        "property_returned",
        "Victim's property returned",
        about_types=("property_retained",),
        about_required=True,
        hint="Choose the property that was returned",
    ),
    EventType(
        "complaint_received",
        "Complaint received",
        payload=(
            PayloadField(
                "against",
                "Complaint about",
                "choice",
                required=True,
                choices=COMPLAINT_BODIES,
            ),
            _SUMMARY,
        ),
    ),
    EventType("complaint_acknowledged", "Complaint acknowledged", about_types=("complaint_received",)),
    # Right 12 carried to the end (docs/adr/0059): the organisation's full reply with its outcome,
    # and where the victim took it next (its own process, then the Victims' Commissioner or the
    # Parliamentary and Health Service Ombudsman).
    EventType(
        "complaint_responded",
        "Complaint answered in full",
        payload=(
            PayloadField(
                "outcome",
                "Outcome",
                "choice",
                required=True,
                choices=COMPLAINT_OUTCOMES,
                required_message="Choose the outcome of the complaint",
            ),
            PayloadField("told_how_to_escalate", "The reply told the victim how to take it further", "bool"),
            _SUMMARY,
        ),
        about_types=("complaint_received",),
        about_required=True,
        hint="Choose the complaint this answers",
    ),
    EventType(
        "complaint_escalated",
        "Complaint taken further by the victim",
        payload=(
            PayloadField(
                "route",
                "Taken to",
                "choice",
                required=True,
                choices=COMPLAINT_ROUTES,
                required_message="Choose where the complaint was taken",
            ),
            _SUMMARY,
        ),
        about_types=("complaint_received",),
        about_required=True,
        hint="Choose the complaint that was taken further",
    ),
    EventType(
        "vrr_requested",
        "Review of a decision requested (Victims' Right to Review)",
        payload=(
            PayloadField(
                "decision_maker", "Whose decision", "choice", required=True, choices=ORGANISATION_CHOICES
            ),
        ),
    ),
    EventType("vrr_acknowledged", "Review request acknowledged", about_types=("vrr_requested",)),
    EventType(
        "vrr_decided",
        "Review decided",
        payload=(
            PayloadField(
                "result",
                "Result",
                "choice",
                required=True,
                choices=(
                    ("upheld", "Original decision upheld"),
                    ("overturned", "Original decision overturned"),
                ),
            ),
        ),
        about_types=("vrr_requested",),
    ),
    EventType(
        "victim_informed",
        "Victim told about an event",
        payload=(_CHANNEL, _SUMMARY),
        about_types=INFORMABLE,
        about_required=True,
        hint="Choose the event the victim was told about",
    ),
    EventType("victim_opted_out_of_updates", "Victim opted out of updates"),
    EventType("contact_made", "Contact with the victim", payload=(_CHANNEL, _SUMMARY)),
    EventType(
        "contact_preferences_changed",
        "How the victim wants to be contacted changed",
        payload=(PayloadField("changed", "What changed", "text", required=True),),
        staff_recordable=False,
    ),
    # A correction of the crime's facts (offence, type, flags, area, dates), recorded on every case
    # on the crime by cases.crime_services.crime_correct; the before and after are in the audit.
    EventType(
        "crime_facts_corrected",
        "Crime details corrected",
        payload=(
            PayloadField("changed", "What changed", "text", required=True),
            PayloadField("reason", "Why", "text", required=True),
        ),
        staff_recordable=False,
    ),
    EventType(
        "case_closed",
        "Case closed",
        Stage.CLOSED,
        (PayloadField("reason", "Why the case is closed", "text", required=True),),
    ),
)

EVENT_TYPES: dict[str, EventType] = {t.code: t for t in _TYPES}
EVENT_TYPE_CHOICES = [(t.code, t.label) for t in _TYPES]


class PayloadError(ValueError):
    """A payload value is missing or of the wrong kind; `field` names it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def clean_payload(event_type: EventType, raw: dict[str, Any]) -> dict[str, Any]:
    """Validate a payload against its type and return it with JSON-safe values.

    Unknown keys are refused rather than stored, so nothing arrives unvalidated.
    """
    known = {f.name: f for f in event_type.payload}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise PayloadError(unknown[0], "is not a field of this event")
    cleaned: dict[str, Any] = {}
    for spec in event_type.payload:
        value = raw.get(spec.name)
        if value in (None, ""):
            if spec.required:
                raise PayloadError(spec.name, f"Enter {spec.label[0].lower()}{spec.label[1:]}")
            continue
        cleaned[spec.name] = _clean_value(spec, value)
    return cleaned


def _clean_value(spec: PayloadField, value: Any) -> Any:
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise PayloadError(spec.name, f"{spec.label} must be a whole number, 0 or more")
        if spec.choices and value not in {c for c, _ in spec.choices}:
            raise PayloadError(spec.name, f"Choose {spec.label[0].lower()}{spec.label[1:]} from the list")
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise PayloadError(spec.name, f"{spec.label} must be yes or no")
        return value
    if spec.kind == "date":
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise PayloadError(spec.name, f"{spec.label} must be a real date") from None
    if spec.kind == "choice" and value not in {c for c, _ in spec.choices}:
        raise PayloadError(spec.name, f"Choose {spec.label[0].lower()}{spec.label[1:]}")
    return str(value)
