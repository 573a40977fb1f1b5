"""What the portal shows a victim, read from the case: the timeline in plain words, their rights
and what was owed to them, their support, and who to contact.

Only an ALLOWLIST of event types reaches a victim (TIMELINE_SENTENCES): safeguarding events
(risk assessments, MARAC), internal notes, staff names and payload fields not named in a
sentence never do. Every sentence exists in English and Welsh (gettext).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from victimcare.cases.events import Stage
from victimcare.cases.models import Event, VictimCase
from victimcare.cases.outcome_words import outcome_sentence
from victimcare.rights.loader import ReviewWindowRule, RuleSets
from victimcare.rights.models import CaseRights, Entitlement
from victimcare.rights.review_windows import reviewable_decisions, window_rule
from victimcare.rights.selectors import case_review_windows
from victimcare.rights.vocabulary import DONE, LATE, MET, NOT_APPLICABLE, NOT_DONE, OVERDUE, PENDING

MONTHS_CY = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
             "Hydref", "Tachwedd", "Rhagfyr")  # fmt: skip
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip


def say_date(day: date) -> str:
    """'7 April 2026' or '7 Ebrill 2026', in the active language."""
    months = MONTHS_CY if (get_language() or "en").startswith("cy") else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


# --- the timeline -------------------------------------------------------------------------------

# Event type -> the sentence a victim reads. Placeholders name payload fields; dates are written
# out in the page's language. A type not here is never shown to a victim.
TIMELINE_SENTENCES: dict[str, Any] = {
    "crime_reported": _("The crime was reported to the police."),
    "written_acknowledgement_sent": _("The police sent written confirmation that the crime was reported."),
    "needs_assessment_completed": _("We talked with you about the support you need."),
    "referred_to_support": _("We referred you to %(service)s for support."),
    "referral_declined_by_victim": _("You chose not to be referred for support."),
    "referral_accepted": _("A support service accepted our referral."),
    "referral_declined": _(
        "A support service could not take our referral. We will talk to you about other support."
    ),
    "referral_first_contact": _("A support service contacted you."),
    "referral_engaged": _("You started getting support from a support service."),
    "referral_closed": _("Your support from a support service ended."),
    "suspect_arrested": _("The police arrested a suspect."),
    "suspect_interviewed_under_caution": _("The police interviewed a suspect."),
    "suspect_released_no_further_action": _(
        "The police released the suspect and will take no further action."
    ),
    "suspect_bailed": _("The suspect was released on bail."),
    "suspect_released_under_investigation": _(
        "The suspect was released while the police carry on investigating."
    ),
    "bail_conditions_changed": _(
        "The suspect's bail conditions changed. The new conditions are: %(conditions)s"
    ),
    "suspect_charged": _("The suspect was charged with a crime."),
    "out_of_court_disposal": _("The suspect was dealt with without going to court (%(disposal)s)."),
    "decision_not_to_investigate": _("The police decided not to investigate further."),
    "cps_decision_not_to_charge": _("The Crown Prosecution Service decided not to charge the suspect."),
    "cps_charges_dropped_or_altered": _("The Crown Prosecution Service dropped or changed the charges."),
    "hearing_listed": _("A court hearing was set for %(hearing_date)s at %(court)s."),
    "hearing_adjourned": None,  # with the date it was set for, and the new one: HEARING_CHANGES
    "trial_vacated": None,
    "trial_ineffective": None,
    "trial_cracked": None,
    "special_measures_granted": _(
        "The court agreed to special measures to help you give evidence: %(measures)s."
    ),
    "bail_hearing_outcome_received": _("The court made a decision about bail."),
    "warrant_outcome_received": _("The court dealt with a warrant for the suspect's arrest."),
    "witness_required": _("You were asked to give evidence in court."),
    "case_outcome_received": _("The court case ended. The outcome was: %(outcome)s"),
    "sentence_received": _("The court passed sentence."),
    "offender_sentenced": _("The offender was sentenced."),
    "vcs_referral_made": _("You were referred to the Probation Service's Victim Contact Scheme."),
    "vlo_contact_made": _("A victim liaison officer from the Probation Service contacted you."),
    "vps_offered": _("You were offered the chance to make a Victim Personal Statement."),
    "vps_made": _("You made a Victim Personal Statement."),
    "vps_requested": _("You asked to make or update your Victim Personal Statement."),
    "expenses_claim_received": _("Your claim for witness expenses was received."),
    "expenses_paid": _("Your witness expenses were paid."),
    "complaint_received": _("Your complaint was received."),
    "complaint_acknowledged": _("Your complaint was acknowledged."),
    "vrr_requested": _("You asked for a review of a decision."),
    "vrr_acknowledged": _("Your request for a review was acknowledged."),
    "vrr_decided": _("The review of the decision is finished."),
    "victim_opted_out_of_updates": _("You asked us not to send you updates."),
    "contact_made": _("We were in touch with you."),
    "contact_preferences_changed": _("How we contact you changed: %(changed)s."),
    "case_closed": _("Your case was closed."),
    "restorative_justice_step": None,  # by step: RJ_SENTENCES
    "outcome_recorded": None,  # by outcome type: cases.outcome_words (none for outcome 0)
}
RJ_SENTENCES = {
    "offered": _("You were offered restorative justice."),
    "accepted": _("You said yes to restorative justice."),
    "declined": _("You said no to restorative justice."),
    "conference_held": _("A restorative justice meeting took place."),
    "indirect_communication": _("A message was passed on as part of restorative justice."),
    "outcome_agreed": _("An agreement was made as part of restorative justice."),
    "withdrawn_by_victim": _("You decided to stop restorative justice."),
    "closed": _("Restorative justice finished."),
}
# A listed hearing that did not go ahead: (the sentence with the date it was set for, without it).
HEARING_CHANGES = {
    "hearing_adjourned": (
        _("The court hearing set for %(old_date)s was postponed."),
        _("A court hearing was postponed."),
    ),
    "trial_vacated": (
        _("The trial set for %(old_date)s was taken off the court's list. It will not go ahead on that day."),
        _("The trial was taken off the court's list. It will not go ahead on the day you were given."),
    ),
    "trial_ineffective": (
        _(
            "The trial set for %(old_date)s could not go ahead on the day. This was not because of anything you did."
        ),
        _("The trial could not go ahead on the day. This was not because of anything you did."),
    ),
    "trial_cracked": (
        _(
            "The trial set for %(old_date)s will not take place. You do not need to go to court to give evidence."
        ),
        _("The trial will not take place. You do not need to go to court to give evidence."),
    ),
}
NEW_HEARING_DATE = _("The new date is %(new_date)s.")
NO_NEW_HEARING_DATE = _("The court has not set a new date yet. We will tell you when it does.")
VRR_RESULTS = {
    "upheld": _("The original decision stays the same."),
    "overturned": _("The original decision was changed."),
}
# The words contact_preferences_changed stores (English, from services.CONTACT_SETTING_WORDS).
SETTING_WORDS = {
    "how we may contact them": _("how we may contact you"),
    "safe times to contact them": _("safe times to contact you"),
    "voicemail": _("voicemail"),
    "letters": _("letters"),
    "language": _("language"),
    "interpreter": _("interpreter"),
    "accessibility needs": _("accessibility needs"),
    "automatic updates": _("automatic updates"),
    "how automatic updates are sent": _("how automatic updates are sent"),
    "discreet mode": _("discreet mode"),
}
# What an event means for the victim and what they can do, read after its sentence. Only the
# events whose meaning is not plain from the sentence itself have one.
MEANINGS: dict[str, Any] = {
    "crime_reported": _(
        "The police now have a record of the crime. Keep your crime reference: you need it to sign in "
        "here and when you contact the police about the crime."
    ),
    "suspect_arrested": _(
        "The police can now question the suspect. Being arrested does not mean they will be charged."
    ),
    "suspect_bailed": _(
        "The suspect can leave the police station but must come back when told, and keep to any "
        "conditions. If they break a condition, or you feel unsafe, call 999 in an emergency or 101 "
        "otherwise."
    ),
    "suspect_released_under_investigation": _(
        "The suspect is free while the police carry on investigating, with no conditions and no date "
        "to come back. We will tell you when the police decide what happens next."
    ),
    "bail_conditions_changed": _(
        "If the suspect breaks a condition, or you feel unsafe, call 999 in an emergency."
    ),
    "suspect_charged": _(
        "The case will now go to court. The Witness Care Unit, the team that supports victims and "
        "witnesses through court, will tell you the dates and whether you need to give evidence."
    ),
    "suspect_released_no_further_action": _(
        "This means no one will be charged for now. If you do not agree with the decision, you can ask "
        "for it to be reviewed: contact us and we will tell you how and by when."
    ),
    "decision_not_to_investigate": _(
        "If you do not agree with the decision, contact us: we will explain it and what you can do."
    ),
    "cps_decision_not_to_charge": _(
        "The Crown Prosecution Service is the organisation that decides whether someone is charged. If "
        "you do not agree with its decision, you can ask it to review the decision: contact us and we "
        "will tell you how and by when."
    ),
    "out_of_court_disposal": _("This means the case will not go to court."),
    "hearing_listed": _(
        "You only need to go to court if you have been asked to give evidence. You can ask to visit the "
        "court before the day."
    ),
    "witness_required": _(
        "You can ask for help to give evidence, such as a screen or giving evidence by video. Tell the "
        "Witness Care Unit what would help you."
    ),
    "vps_offered": _(
        "A Victim Personal Statement tells the court, in your own words, how the crime has affected you. "
        "It is your choice whether to make one."
    ),
    "vcs_referral_made": _(
        "A victim liaison officer will contact you. They can tell you about the offender's release and "
        "ask for conditions on it, such as keeping away from you."
    ),
}
BAIL_HEARING_MEANINGS = {
    "remanded_in_custody": _(
        "The court decided the suspect stays in custody until the trial. We will tell you if that changes."
    ),
    "bail": _(
        "The court decided the suspect can go home until the trial. They must come back to court on the "
        "day they are told."
    ),
    "bail_with_conditions": _(
        "The court decided the suspect can go home until the trial, but must keep to conditions. If they "
        "break a condition, or you feel unsafe, call 999 in an emergency."
    ),
}
# Entries that say only that we were in touch: a run of them is one entry, with how many.
GROUPED = frozenset({"contact_made"})
NEVER_SHOWN = frozenset({"risk_assessment_completed", "marac_referral_made", "protective_order_made"})
assert not NEVER_SHOWN & set(TIMELINE_SENTENCES)


@dataclass(frozen=True)
class TimelineItem:
    day: date
    text: str
    told_on: date | None = None  # when the victim was told about it
    corrected: bool = False  # a later entry corrected this one
    correction: bool = False  # this entry corrects an earlier one
    meaning: str = ""  # what it means for the victim and what they can do
    times: int = 1  # a run of entries that say the same thing (GROUPED), as one
    first_day: date | None = None  # the earliest day of such a run


def event_meaning(event: Event) -> str:
    """What the event means for the victim and what they can do ("" when the sentence says it)."""
    if event.type == "bail_hearing_outcome_received":
        meaning = BAIL_HEARING_MEANINGS.get(str((event.payload or {}).get("decision", "")))
        return str(meaning) if meaning is not None else ""
    meaning = MEANINGS.get(event.type)
    return str(meaning) if meaning is not None else ""


def _payload_words(event: Event) -> dict[str, str]:
    words: dict[str, str] = {}
    for name, value in (event.payload or {}).items():
        if name.endswith(("_date", "_until", "_on")) and isinstance(value, str):
            try:
                words[name] = say_date(date.fromisoformat(value))
                continue
            except ValueError:
                pass
        words[name] = str(value)
    if event.type == "contact_preferences_changed":
        parts = [p.strip() for p in str(event.payload.get("changed", "")).split(",") if p.strip()]
        words["changed"] = ", ".join(str(SETTING_WORDS.get(p, p)) for p in parts)
    return words


def event_sentence(event: Event, about: Event | None = None) -> str | None:
    """The victim's sentence for an event, or None if victims never see this type. `about` is
    the event it answers, where the sentence names it (the hearing a change moved)."""
    if event.type in NEVER_SHOWN or event.type not in TIMELINE_SENTENCES:
        return None
    if event.type in HEARING_CHANGES:
        return _hearing_change_sentence(event, about)
    if event.type == "restorative_justice_step":
        template = RJ_SENTENCES.get(str(event.payload.get("step", "")))
        return str(template) if template is not None else None
    if event.type == "outcome_recorded":
        return outcome_sentence(event.payload or {})
    words = _payload_words(event)
    text = str(TIMELINE_SENTENCES[event.type])
    try:
        text = text % words if "%(" in text else text
    except KeyError:  # an optional payload field is missing: say it without the detail
        return None
    if event.type == "suspect_bailed" and words.get("bail_until"):
        text += " " + gettext("The bail lasts until %(date)s.") % {"date": words["bail_until"]}
    if event.type == "suspect_bailed" and words.get("conditions"):
        text += " " + gettext("The bail conditions are: %(conditions)s") % {"conditions": words["conditions"]}
    if event.type == "sentence_received" and words.get("summary"):
        text += " " + words["summary"]
    if event.type == "vrr_decided":
        text += " " + str(VRR_RESULTS.get(words.get("result", ""), ""))
    return text.strip()


def _hearing_change_sentence(event: Event, about: Event | None) -> str:
    """'The trial set for 3 March 2027 could not go ahead on the day. ... The new date is 14 May 2027.'"""
    with_date, without_date = HEARING_CHANGES[event.type]
    listed = _payload_words(about).get("hearing_date") if about is not None else None
    text = str(with_date) % {"old_date": listed} if listed else str(without_date)
    if event.type == "trial_cracked":
        return text
    new_date = _payload_words(event).get("new_hearing_date")
    follow = str(NEW_HEARING_DATE) % {"new_date": new_date} if new_date else str(NO_NEW_HEARING_DATE)
    return f"{text} {follow}"


def timeline(case: VictimCase) -> list[TimelineItem]:
    """The case's victim-facing timeline, newest first. One query."""
    events = list(
        case.events.only(
            "id", "case_id", "type", "occurred_at", "payload", "about_id", "corrects_id"
        ).order_by("-occurred_at", "-id")
    )
    told: dict[int, date] = {}
    for e in events:
        if e.type == "victim_informed" and e.about_id is not None:
            day = timezone.localdate(e.occurred_at)
            told[e.about_id] = min(day, told.get(e.about_id, day))
    corrected = {e.corrects_id for e in events if e.corrects_id}
    items: list[TimelineItem] = []
    kinds: list[str] = []
    by_id = {e.pk: e for e in events}
    for e in events:
        text = event_sentence(e, by_id.get(e.about_id) if e.about_id else None)
        if text is None:
            continue
        day = timezone.localdate(e.occurred_at)
        plain = e.pk not in corrected and e.corrects_id is None
        if plain and e.type in GROUPED and kinds and kinds[-1] == e.type:
            last = items[-1]  # newest first: this one is earlier than the run so far
            items[-1] = replace(last, times=last.times + 1, first_day=day)
            continue
        items.append(
            TimelineItem(
                day=day,
                text=text,
                told_on=told.get(e.pk),
                corrected=e.pk in corrected,
                correction=e.corrects_id is not None,
                meaning=event_meaning(e),
            )
        )
        kinds.append(e.type if plain else "")
    return items


# --- what usually happens next ----------------------------------------------------------------------

NEXT_STEPS = {
    Stage.REPORTED: _(
        "The police will look at what happened and decide whether to investigate. We will tell you "
        "what they decide. You can get support now, whatever happens next."
    ),
    Stage.INVESTIGATION: _(
        "The police are investigating. They may arrest or interview a suspect. When they have finished, "
        "they or the Crown Prosecution Service decide whether to charge someone. We will tell you about "
        "each important step."
    ),
    Stage.COURT: _(
        "Someone has been charged and the case is going to court. The Witness Care Unit will tell you "
        "the dates of hearings and whether you need to give evidence. You can ask to visit the court "
        "before the trial."
    ),
    Stage.OUTCOME: _(
        "A decision has been made. If there is a sentence to come, we will tell you what it is and what "
        "it means. If you disagree with a decision not to charge or to stop the case, you may be able "
        "to ask for a review."
    ),
    Stage.SENTENCED: _(
        "The offender has been sentenced. If they were sent to prison for 12 months or more for a violent "
        "or sexual offence, the Probation Service's Victim Contact Scheme can tell you about their release."
    ),
    Stage.CLOSED: _(
        "Your case is closed. You can still get support, and you can still contact us if something "
        "changes or you have a question."
    ),
}

STAGE_NAMES = {
    Stage.REPORTED: _("Reported"),
    Stage.INVESTIGATION: _("Being investigated"),
    Stage.COURT: _("Going to court"),
    Stage.OUTCOME: _("Decision made"),
    Stage.SENTENCED: _("Sentenced"),
    Stage.CLOSED: _("Closed"),
}


@dataclass(frozen=True)
class Contact:
    caseworker_first_name: str
    service_phone: str


def contact_for(case: VictimCase) -> Contact:
    """Who to contact: the caseworker's first name only (never a surname or another staff name)."""
    worker = case.caseworker
    return Contact(
        caseworker_first_name=worker.first_name if worker is not None else "",
        service_phone=settings.PORTAL_SERVICE_PHONE,
    )


# --- rights ----------------------------------------------------------------------------------------

RIGHTS = (
    ("1", _("To be able to understand and to be understood"),
     _("We will use words you understand, and get you an interpreter if you need one.")),
    ("2", _("To have the details of the crime recorded without unjustified delay"),
     _("The police should record the crime soon after you report it.")),
    ("3", _("To be given information when reporting the crime"),
     _("The police should tell you what happens next and give you written confirmation that you reported the crime.")),
    ("4", _("To be referred to services that support victims"),
     _("You can get support to cope and recover, whether or not you reported the crime.")),
    ("5", _("To be given information about compensation"),
     _("You should be told how to claim compensation for injury or loss.")),
    ("6", _("To be given information about the investigation and prosecution"),
     _("You should be told about important things like an arrest, a charge or a decision not to go ahead.")),
    ("7", _("To make a Victim Personal Statement"),
     _("You can say in your own words how the crime has affected you. The court can hear it.")),
    ("8", _("To be given information about the trial, trial process and your role as a witness"),
     _("You should be told the dates of hearings and get help if you give evidence.")),
    ("9", _("To be given information about the outcome of the case and any appeals"),
     _("You should be told the result of the case, the sentence and what it means.")),
    ("10", _("To be paid expenses and have property returned"),
     _("If you are a witness you can claim travel and other costs, and get back property that was taken as evidence.")),
    ("11", _("To be given information about the offender following a conviction"),
     _("You may be able to be told about the offender's release through the Victim Contact Scheme.")),
    ("12", _("To make a complaint about your rights not being met"),
     _("If you did not get what the Victims' Code promises, you can complain.")),
)  # fmt: skip

ENHANCED_REASON_WORDS = {
    "most_serious_crime": _("The crime is one of the most serious kinds of crime."),
    "most_serious_crime:bereaved": _("You are a close relative of someone who died because of a crime."),
    "persistently_targeted": _("You have been targeted again and again."),
    "vulnerable:under_18": _("You were under 18 when the crime happened."),
    "vulnerable": _("Something about your health or circumstances means you may need more help."),
    "intimidated": _("You may feel afraid or upset about giving evidence, so you can get more help."),
    "override": _("Your caseworker decided you should have enhanced rights."),
}

PROVIDER_WORDS = {
    "police": _("The police"),
    "cps": _("The Crown Prosecution Service"),
    "wcu": _("The Witness Care Unit"),
    "hmcts": _("The court"),
    "probation": _("The Probation Service"),
    "any": _("The organisation you complained about"),
}
# The subject of "... should ... by ..." (Welsh puts the verb first: "Dylai'r heddlu ...").
PROVIDER_SUBJECT = {
    "police": pgettext_lazy("who should", "The police"),
    "cps": pgettext_lazy("who should", "The Crown Prosecution Service"),
    "wcu": pgettext_lazy("who should", "The Witness Care Unit"),
    "hmcts": pgettext_lazy("who should", "The court"),
    "probation": pgettext_lazy("who should", "The Probation Service"),
    "any": pgettext_lazy("who should", "The organisation you complained about"),
}
# Rules owed by "any" organisation that are not complaints: who the victim reads is owed them.
RULE_SUBJECT = {
    "R1_COMMUNICATION": pgettext_lazy("who should", "The organisations dealing with your case"),
}
# The same, inside a sentence.
PROVIDER_WORDS_IN_SENTENCE = {
    "police": _("the police"),
    "cps": _("the Crown Prosecution Service"),
}
# What each timed obligation asks, as the end of "The police should ...".
RULE_WORDS = {
    "R1_COMMUNICATION": _("arrange an interpreter or other help for you to communicate"),
    "R2_CRIME_RECORDED": _("record the crime you reported"),
    "R5_COMPENSATION_INFO": _("tell you how you may be able to get compensation"),
    "R3_WRITTEN_ACK": _("give you written confirmation that you reported the crime"),
    "R4_REFERRAL": _("refer you to a support service"),
    "R6_ARREST": _("tell you about the arrest"),
    "R6_INTERVIEW": _("tell you about the interview of a suspect"),
    "R6_NFA": _("tell you that the suspect was released with no further action"),
    "R6_BAIL": _("tell you that the suspect was released on bail"),
    "R6_RUI": _("tell you that the suspect was released while the investigation continues"),
    "R6_BAIL_CHANGE": _("tell you that the bail conditions changed"),
    "R6_CHARGE": _("tell you that the suspect was charged"),
    "R6_OOCD": _("tell you how the suspect was dealt with out of court"),
    "R6_NO_INVESTIGATION": _("explain why they decided not to investigate"),
    "R6_CPS_DECISION": _("tell you about their decision on the charges"),
    "R7_VPS_OFFER": _("offer you the chance to make a Victim Personal Statement"),
    "R7_VPS_REQUEST": _("take your Victim Personal Statement"),
    "R8_HEARING": _("tell you the time, date and place of the hearing"),
    "R8_BAIL_HEARING": _("tell you the outcome of the bail hearing"),
    "R8_WARRANT": _("tell you about the warrant for the suspect's arrest"),
    "R8_WITNESS_REQUIRED": _("tell you that you need to give evidence"),
    "R9_OUTCOME": _("tell you the outcome of the case"),
    "R9_SENTENCE": _("tell you the sentence and explain it"),
    "R9_APPEAL": _("tell you about the appeal"),
    "R9_APPEAL_OUTCOME": _("tell you the outcome of the appeal"),
    "R10_PROPERTY_RETURN": _("give back your property"),
    "R10_EXPENSES": _("pay your expenses claim"),
    "R11_VCS_REFERRAL": _("refer you to the Victim Contact Scheme"),
    "R11_VLO_CONTACT": _("contact you about the Victim Contact Scheme"),
    "R12_COMPLAINT_ACK": _("answer your complaint"),
    "R12_COMPLAINT_REPLY": _("answer your complaint in full and tell you how to take it further"),
    "VRR_POLICE_ACK": _("acknowledge your request for a review"),
    "VRR_POLICE_DECISION": _("decide your request for a review"),
    "VRR_CPS_ACK": _("acknowledge your request for a review"),
    "VRR_CPS_DECISION": _("decide your request for a review"),
}


def reason_words(code: str) -> str:
    """Plain words for an engine reason code (never the code itself)."""
    if code in ENHANCED_REASON_WORDS:
        return str(ENHANCED_REASON_WORDS[code])
    kind = code.partition(":")[0]
    return str(ENHANCED_REASON_WORDS.get(kind, ENHANCED_REASON_WORDS["vulnerable"]))


@dataclass(frozen=True)
class Owed:
    right: str
    what: str  # "The police should tell you about the arrest by 7 April 2026."
    outcome: str  # "They did this on 5 April 2026." / "This is late."
    late: bool


@dataclass(frozen=True)
class RightsView:
    rights: tuple[tuple[str, Any, Any], ...]
    enhanced: bool
    enhanced_reasons: list[str]
    owed: list[Owed]
    reviews: list[str]
    review_rules: list[str]


def _owed(row: Entitlement, today: date) -> Owed | None:
    status = row.status_on(today)
    what_words = RULE_WORDS.get(row.rule)
    if what_words is None or status == NOT_APPLICABLE:
        return None
    who = str(RULE_SUBJECT.get(row.rule) or PROVIDER_SUBJECT.get(row.provider, PROVIDER_SUBJECT["any"]))
    if row.due is not None:
        what = gettext("%(who)s should %(what)s by %(date)s.") % {
            "who": who, "what": what_words, "date": say_date(row.due)
        }  # fmt: skip
    else:
        what = gettext("%(who)s should %(what)s.") % {"who": who, "what": what_words}
    done_on = timezone.localdate(row.fulfilled_by.occurred_at) if row.fulfilled_by is not None else None
    late = status in (OVERDUE, LATE)
    if status in (MET, DONE) and done_on:
        outcome = pgettext("they did it", "They did this on %(date)s.") % {"date": say_date(done_on)}
    elif status == LATE and done_on:
        outcome = gettext("They did this on %(date)s. This was late.") % {"date": say_date(done_on)}
    elif status == OVERDUE:
        outcome = gettext("This is late.")
    elif status in (PENDING, NOT_DONE):
        outcome = gettext("This has not happened yet.")
    else:
        outcome = ""
    return Owed(right=row.right, what=what, outcome=outcome, late=late)


def rights_for(case: VictimCase, today: date | None = None) -> RightsView:
    """The victim's rights page: the 12 rights, enhanced rights in words, each timed obligation
    with whether it was met, and review windows. A fixed number of queries."""
    today = today or timezone.localdate()
    stored: CaseRights | None = getattr(case, "rights", None)
    rows = (
        Entitlement.objects.filter(case_id=case.pk)
        .select_related("fulfilled_by")
        .order_by("trigger__occurred_at", "trigger_id", "rule")
    )
    owed = [o for o in (_owed(r, today) for r in rows) if o is not None]
    reasons = [c for c in (stored.reasons if stored else []) if c]
    return RightsView(
        rights=RIGHTS,
        enhanced=bool(stored and stored.enhanced),
        enhanced_reasons=list(dict.fromkeys(reason_words(c) for c in reasons)),
        owed=owed,
        reviews=_review_sentences(case, today),
        review_rules=review_rule_sentences(today),
    )


def review_rule_sentences(today: date, rule_sets: RuleSets | None = None) -> list[str]:
    """How long a victim has to ask for a review, police then CPS, in words read from the same
    rule data as the case's review windows (rights rules, `review_windows`), never typed here."""
    windows: dict[str, ReviewWindowRule] = {}
    for decision in reviewable_decisions(rule_sets):
        rule = window_rule(decision, today, rule_sets)
        if rule is not None:
            windows.setdefault(rule.decided_by, rule)
    sentences = []
    police = windows.get("police")
    if police is not None:
        sentences.append(
            gettext("For a police decision, ask within %(months)s months of being told.")
            % {"months": police.ask_within_months}
        )
    cps = windows.get("cps")
    if cps is not None and cps.ask_promptly_working_days:
        sentences.append(
            gettext(
                "For a Crown Prosecution Service decision, ask within %(days)s working days of being told if you can. You can still ask up to %(months)s months later."
            )
            % {"days": cps.ask_promptly_working_days, "months": cps.ask_within_months}
        )
    elif cps is not None:
        sentences.append(
            gettext("For a Crown Prosecution Service decision, ask within %(months)s months of being told.")
            % {"months": cps.ask_within_months}
        )
    return sentences


def _review_sentences(case: VictimCase, today: date) -> list[str]:
    sentences = []
    for window in case_review_windows(case):
        key = "police" if window.decided_by == "police" else "cps"
        who = str(PROVIDER_WORDS_IN_SENTENCE[key])
        state = window.state(today)
        if state == "requested":
            sentences.append(gettext("You asked for a review of a decision by %(who)s.") % {"who": who})
        elif state == "open" and window.ask_by:
            sentences.append(
                gettext("You can ask %(who)s to review their decision until %(date)s.")
                % {"who": who, "date": say_date(window.ask_by)}
            )
        elif state == "not_told":
            sentences.append(
                gettext(
                    "%(who)s made a decision you may be able to ask them to review. They should tell you about it first."
                )
                % {"who": str(PROVIDER_WORDS[key])}
            )
        elif state == "closed" and window.ask_by:
            sentences.append(
                gettext(
                    "The time to ask for a review of a decision by %(who)s ended on %(date)s. You can still ask: they will consider it if there is a good reason."
                )
                % {"who": who, "date": say_date(window.ask_by)}
            )
    return sentences


# --- support ---------------------------------------------------------------------------------------

REFERRAL_STATUS_WORDS = {
    "sent": _("We have sent them your details. They will contact you."),
    "accepted": _("They have agreed to support you. They will contact you."),
    "declined": _("They cannot support you. We will talk to you about other support."),
    "first_contact": _("They have been in touch with you."),
    "engaged": _("They are supporting you."),
    "closed": _("Their support has finished. Contact us if you need more support."),
    "declined_by_victim": _("You said you did not want their support. You can change your mind at any time."),
}


def referral_words(status: str) -> str:
    return str(REFERRAL_STATUS_WORDS.get(status, REFERRAL_STATUS_WORDS["sent"]))


def portal_sign_in_example(*, team_name: str) -> tuple[str, str] | None:
    """(crime reference, email) of a victim on `team_name` who can sign in by email: for the
    demo's printed sign-ins. None if there is none."""
    from victimcare.portal.models import PortalAccess

    closed = PortalAccess.objects.filter(enabled=False).values("case_id")
    case = (
        VictimCase.objects.filter(team__name=team_name, person__email_unsafe=False, role="victim")
        .exclude(person__email="")
        .exclude(pk__in=closed)
        .select_related("crime", "person")
        .order_by("id")
    )
    for candidate in case[:50]:
        if "email" in (candidate.person.allowed_channels or []):
            return candidate.crime.crime_reference, candidate.person.email
    return None
