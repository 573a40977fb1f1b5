"""Messages and "ask for" requests: every state change the messaging pages make.

Victims act through the portal, so their services take the portal account's label (e.g.
"Jane Smith (parent)") rather than a staff user; the audit rows and timeline events carry it.
Each function runs in one transaction and writes its audit row (or its event, whose recording
writes one), so a refused or failed change leaves nothing half-written.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import Event, EventSource, VictimCase
from victimcare.cases.services import event_record
from victimcare.messaging.models import BODY_MAX_LENGTH, Message, Sender
from victimcare.messaging.requests import request_clocks, request_words
from victimcare.messaging.triage import triage, urgent_alerts_write
from victimcare.notify.messages import format_date
from victimcare.notify.models import Audience, MessageChannel
from victimcare.notify.services import (
    AUTOMATIC_CHANNELS,
    message_write,
    preference_for,
    update_channel,
    victim_context,
)
from victimcare.people.models import Person
from victimcare.portal.models import PortalAccount
from victimcare.refusals import Refusal

SUMMARY_MAX_LENGTH = 2000
VPS_KINDS = ("make", "update")
DECISION_MAKERS = ("police", "cps")
COMPLAINT_AGAINST = ("police", "cps", "wcu", "service", "other")


MessagingError = Refusal  # the one refusal type (victimcare/refusals.py)


# C0 controls other than tab, line feed and carriage return, and DEL.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_body(body: str) -> str:
    """The message as it will be stored: trimmed, without control characters (a NUL byte, say,
    which PostgreSQL cannot store and nobody means to type); refused if empty or too long."""
    text = _CONTROL_CHARACTERS.sub("", body or "").strip()
    if not text:
        raise MessagingError("body", _("Enter your message"))
    if len(text) > BODY_MAX_LENGTH:
        raise MessagingError(
            "body",
            _("Your message must be %(limit)s characters or fewer") % {"limit": f"{BODY_MAX_LENGTH:,}"},
        )
    return text


# --- messages ------------------------------------------------------------------------------------


@transaction.atomic
def message_send_from_victim(
    *, case: VictimCase, body: str, sender_label: str, audit_label: str = "", now: datetime | None = None
) -> Message:
    """A victim's (or their parent's or spokesperson's) message to the staff on their case.

    The message is triaged as it is created (messaging.triage, docs/adr/0043): whether it is
    urgent and when staff should reply by. An urgent message is emailed at once to the
    caseworker or, with none, the case's team. Otherwise the assigned caseworker is emailed that
    a message is waiting (never its words), once per unread batch: a second message before they
    read the first adds to the inbox count, not to their email."""
    now = now or timezone.now()
    already_waiting = _unread(case, Sender.VICTIM).exists()
    text = clean_body(body)
    sorted_out = triage(case, text, now)
    message = Message.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        sender=Sender.VICTIM,
        sender_label=sender_label,
        body=text,
        sent_at=now,
        urgent=sorted_out.urgent,
        urgent_reason=sorted_out.reason,
        urgent_words=sorted_out.words,
        reply_by=sorted_out.reply_by,
    )
    audit_record(
        actor=audit_label or sender_label, action=Action.CREATE, obj=message, person=case.person, case=case
    )
    if message.urgent:
        urgent_alerts_write(case, message)
    elif not already_waiting and case.caseworker is not None and case.caseworker.is_active:
        _tell_caseworker(case, case.caseworker, message)
    return message


def _tell_caseworker(case: VictimCase, caseworker: User, message: Message) -> None:
    message_write(
        audience=Audience.STAFF,
        organisation_id=case.organisation_id,
        user=caseworker,
        case=case,
        channel=MessageChannel.EMAIL,
        template="victim_message_received",
        context={
            "crime_reference": case.crime.crime_reference,
            "thread_url": f"{settings.NOTIFY_SITE_URL}/cases/{case.pk}/messages/",
            "inbox_url": f"{settings.NOTIFY_SITE_URL}/inbox/",
        },
        dedupe_key=f"victim-message:{message.pk}",
    )


@transaction.atomic
def message_send_from_staff(
    *, actor: User, case: VictimCase, body: str, now: datetime | None = None
) -> Message:
    """A reply from staff. The victim is told a message is waiting through the outbox (the
    `message_received` template: safe-contact and discreet rules apply there; the words of
    the message never leave the service). Replying also marks the victim's messages read."""
    now = now or timezone.now()
    message = Message.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        sender=Sender.STAFF,
        sender_user=actor,
        sender_label=actor.display_name,
        body=clean_body(body),
        sent_at=now,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=message, person=case.person, case=case)
    thread_mark_read_by_staff(actor=actor, case=case, now=now)
    _tell_victim(case, message)
    return message


def _tell_victim(case: VictimCase, message: Message) -> None:
    """Each person who signs in to the portal for the case (the victim, or a child victim's
    parent, or a bereaved family's spokesperson) is told, by their own channels and rules; with
    no portal account yet, the victim."""
    accounts = PortalAccount.objects.filter(case=case, active=True).select_related("person")
    people = list({a.person_id: a.person for a in accounts}.values()) or [case.person]
    for person in people:
        _tell_person(case, person, message)


def _tell_person(case: VictimCase, person: Person, message: Message) -> None:
    preference = preference_for(person)
    if preference is not None:
        channel = update_channel(person, preference)
    else:
        allowed = person.allowed_channels or []
        channel = next((c for c in AUTOMATIC_CHANNELS if c in allowed), "")
    message_write(
        audience=Audience.VICTIM,
        organisation_id=case.organisation_id,
        person=person,
        case=case,
        channel=channel or MessageChannel.EMAIL,
        template="message_received",
        context=victim_context(person, case),
        dedupe_key=f"staff-message:{message.pk}:{person.pk}",
        preference=preference,
        no_channel=not channel,
    )


def _unread(case: VictimCase, sender: str) -> QuerySet[Message]:
    return Message.objects.filter(case=case, sender=sender, read_at__isnull=True)


@transaction.atomic
def thread_mark_read_by_staff(*, actor: User, case: VictimCase, now: datetime | None = None) -> int:
    """Record that staff have read the victim's messages (a conditional update: the first
    reader's name and time are kept). The look itself is audited by the page that showed them."""
    return _unread(case, Sender.VICTIM).update(read_at=now or timezone.now(), read_by=actor)


@transaction.atomic
def thread_mark_read_by_victim(*, case: VictimCase, now: datetime | None = None) -> int:
    return _unread(case, Sender.STAFF).update(read_at=now or timezone.now())


# --- "ask for" requests ----------------------------------------------------------------------------


# The same request sent again this soon (a double click, a second tab, a browser resending
# the form) is the same request: it is recorded, and staff are told, once.
RETRY_WINDOW = timedelta(hours=1)


def _portal_event(
    *, case: VictimCase, type: str, payload: dict[str, str], portal_label: str, notes: str = ""
) -> Event:
    """Record the request on the timeline (starting the engine's clocks) and tell the staff on
    the case. The case row is locked first, so two copies of one request sent at once are
    taken one after the other and the second finds the first."""
    VictimCase.objects.select_for_update().filter(pk=case.pk).first()
    now = timezone.now()
    earlier = _same_request(case, type, payload, notes, since=now - RETRY_WINDOW)
    if earlier is not None:
        return earlier
    event = event_record(
        actor=None,
        actor_label=portal_label,
        case=case,
        type=type,
        occurred_at=now,
        payload=payload,
        notes=notes,
        source=EventSource.PORTAL,
    )
    _tell_staff_of_request(case, event)
    return event


def _same_request(
    case: VictimCase, type: str, payload: dict[str, str], notes: str, *, since: datetime
) -> Event | None:
    recent = Event.objects.filter(
        case=case, type=type, source=EventSource.PORTAL, corrects__isnull=True, occurred_at__gte=since
    ).order_by("occurred_at", "id")
    return next((e for e in recent if e.payload == payload and e.notes == notes), None)


# Who is told of a request: the caseworker; with none, the officer in charge, for the requests
# the police act on (a statement, a review). A complaint with no caseworker waits in the
# work queue and the inbox's list of requests.
OFFICER_TOLD_OF = ("vps_requested", "vrr_requested")


def request_recipient(case: VictimCase, type: str) -> User | None:
    if case.caseworker is not None and case.caseworker.is_active:
        return case.caseworker
    officer = case.officer_in_charge
    if type in OFFICER_TOLD_OF and officer is not None and officer.is_active:
        return officer
    return None


def _tell_staff_of_request(case: VictimCase, event: Event) -> None:
    """Email the member of staff who acts on the request: what was asked, when, and by when
    each obligation it started is due (the stored entitlements), with a link to the case. The
    victim's own words (a complaint's summary, a review's reason) never leave the service."""
    user = request_recipient(case, event.type)
    if user is None:
        return
    clocks = [
        {"title": c.title, "due": format_date(c.due, "en") if c.due else "", "no_date": c.no_date}
        for c in request_clocks(event)
    ]
    message_write(
        audience=Audience.STAFF,
        organisation_id=case.organisation_id,
        user=user,
        case=case,
        event=event,
        channel=MessageChannel.EMAIL,
        template="victim_request_received",
        context={
            "crime_reference": case.crime.crime_reference,
            "asked": request_words(event),
            "asked_on": format_date(timezone.localdate(event.occurred_at), "en"),
            "clocks": clocks,
            "case_url": f"{settings.NOTIFY_SITE_URL}{reverse('cases:detail', args=[case.pk])}",
            "inbox_url": f"{settings.NOTIFY_SITE_URL}{reverse('messaging:inbox')}",
        },
        dedupe_key=f"victim-request:{event.pk}",
    )


@transaction.atomic
def vps_request_make(*, case: VictimCase, kind: str, portal_label: str) -> Event:
    """The victim asks to make or update a Victim Personal Statement (Right 7)."""
    if kind not in VPS_KINDS:
        raise MessagingError("kind", _("Choose whether you want to make a statement or update one"))
    return _portal_event(case=case, type="vps_requested", payload={"kind": kind}, portal_label=portal_label)


@transaction.atomic
def review_request_make(*, case: VictimCase, decision_maker: str, reason: str, portal_label: str) -> Event:
    """The victim asks for a review of a police or CPS decision (Victims' Right to Review).
    Recording it starts the engine's clocks (police: acknowledge, then decide)."""
    if decision_maker not in DECISION_MAKERS:
        raise MessagingError("decision_maker", _("Choose who made the decision"))
    reason = (reason or "").strip()
    if len(reason) > SUMMARY_MAX_LENGTH:
        raise MessagingError(
            "reason",
            _("What you tell us must be %(limit)s characters or fewer")
            % {"limit": f"{SUMMARY_MAX_LENGTH:,}"},
        )
    return _portal_event(
        case=case,
        type="vrr_requested",
        payload={"decision_maker": decision_maker},
        portal_label=portal_label,
        notes=reason,
    )


@transaction.atomic
def complaint_make(*, case: VictimCase, against: str, summary: str, portal_label: str) -> Event:
    """A complaint under Right 12. Recording it starts the 10-working-day acknowledgement clock."""
    if against not in COMPLAINT_AGAINST:
        raise MessagingError("against", _("Choose who your complaint is about"))
    summary = (summary or "").strip()
    if not summary:
        raise MessagingError("summary", _("Enter what your complaint is about"))
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise MessagingError(
            "summary",
            _("Your complaint must be %(limit)s characters or fewer") % {"limit": f"{SUMMARY_MAX_LENGTH:,}"},
        )
    return _portal_event(
        case=case,
        type="complaint_received",
        payload={"against": against, "summary": summary},
        portal_label=portal_label,
    )
