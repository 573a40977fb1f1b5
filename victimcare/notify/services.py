"""The outbox: writing messages, claiming them, sending them, and recording what happened.

Life of a message (models.TRANSITIONS):
  written (queued, or held with a reason, or queued with `not_before` at the next safe time)
  -> claimed by one worker (sending) -> sent (a provider will call back) or delivered
  -> on a temporary failure: queued again with backoff; after NOTIFY_MAX_ATTEMPTS, failed
  -> on a permanent failure: failed, and the caseworker is told.

Claiming is a conditional UPDATE (queued -> sending, or a claim older than the timeout ->
sending) that only one worker can win, on SQLite and PostgreSQL alike; on PostgreSQL the batch
claim also skips rows another worker has locked. Recording the result is a conditional UPDATE on
the same claim token, so a worker whose claim was taken over records nothing (docs/adr/0013).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.cases.events import INFORMABLE
from victimcare.cases.models import Event, EventSource, VictimCase
from victimcare.notify import channels, messages, safety
from victimcare.notify.models import (
    TRANSITIONS,
    Audience,
    MessageChannel,
    NotificationPreference,
    OutboundMessage,
    Status,
)
from victimcare.people.models import Person, restriction_in_force
from victimcare.refusals import Refusal

log = logging.getLogger(__name__)

AUTOMATIC_UPDATE = "Automatic update"
# Automatic updates go by the first of these the victim allows, unless they chose one.
AUTOMATIC_CHANNELS = ("email", "sms", "letter")


NotifyError = Refusal  # the one refusal type (victimcare/refusals.py)


# --- the victim's preferences -------------------------------------------------------------------


def contact_facts(person: Person, preference: NotificationPreference | None) -> safety.ContactFacts:
    return safety.ContactFacts(
        allowed_channels=frozenset(person.allowed_channels or ()),
        email=person.email,
        email_unsafe=person.email_unsafe,
        phone=person.phone,
        phone_unsafe=person.phone_unsafe,
        address=person.address,
        postcode=person.postcode,
        address_unsafe=person.address_unsafe,
        safe_time_from=person.safe_time_from,
        safe_time_to=person.safe_time_to,
        no_voicemail=person.no_voicemail,
        no_letters=person.no_letters,
        discreet=bool(preference and preference.discreet),
        restricted=restriction_in_force(person.pk) is not None,
    )


def preference_for(person: Person) -> NotificationPreference | None:
    return NotificationPreference.objects.filter(person_id=person.pk).first()


@transaction.atomic
def notification_preference_set(
    *, actor: User, person: Person, automatic_updates: bool, preferred_channel: str, discreet: bool
) -> NotificationPreference:
    """Record how the victim wants automatic updates. Opting in needs a channel the victim
    allowed and a safe detail to send to, so an opt-in that could never work is refused."""
    if automatic_updates:
        _check_channel_usable(person, preferred_channel)
    pref = preference_for(person) or NotificationPreference(
        person=person, organisation_id=person.organisation_id
    )
    fields = ("automatic_updates", "preferred_channel", "discreet")
    before = snapshot(pref, fields) if pref.pk else {}
    if automatic_updates and not pref.automatic_updates:
        pref.opted_in_at = timezone.now()
    pref.automatic_updates = automatic_updates
    pref.preferred_channel = preferred_channel
    pref.discreet = discreet
    pref.save()
    changes = field_changes(before, snapshot(pref, fields))
    if changes:
        action = Action.UPDATE if before else Action.CREATE
        audit_record(actor=actor, action=action, obj=pref, person=person, changes=changes)
    return pref


def _check_channel_usable(person: Person, preferred: str) -> None:
    facts = contact_facts(person, None)
    candidates = [preferred] if preferred else [c for c in AUTOMATIC_CHANNELS if c in facts.allowed_channels]
    if not candidates:
        raise NotifyError(
            "automatic_updates",
            "The victim has not agreed to email, text messages or letters. Change how they may be contacted first",
        )
    reason = safety._hold_reason(facts, candidates[0])
    if reason:
        raise NotifyError(
            "preferred_channel" if preferred else "automatic_updates",
            f"{reason}. Choose another way, or change their contact details first",
        )


def update_channel(person: Person, preference: NotificationPreference) -> str:
    """The channel automatic updates go by: the victim's choice, else the first they allow."""
    if preference.preferred_channel:
        return preference.preferred_channel
    allowed = person.allowed_channels or []
    return next((c for c in AUTOMATIC_CHANNELS if c in allowed), "")


# --- writing messages -----------------------------------------------------------------------------


@transaction.atomic
def victim_update_queue(*, event: Event) -> OutboundMessage | None:
    """Called by cases.services.event_record in its transaction: if the event is one victims
    are told about and the victim opted in to automatic updates, write the update to the
    outbox (sent after commit). Otherwise do nothing: the obligation stays in the work queue.

    Corrections and imported history send nothing: the victim was told the first time, and a
    bulk import must not text a thousand people about last year."""
    if (
        not messages.sends_update(event.type, event.payload)
        or event.corrects_id
        or event.source == EventSource.IMPORT
    ):
        return None
    case = event.case
    person = case.person
    preference = preference_for(person)
    if preference is None or not preference.automatic_updates:
        return None
    channel = update_channel(person, preference)
    context = {
        **messages.event_context(event.payload, _language(person)),
        **messages.review_context(event.type, timezone.localdate(event.occurred_at)),
        **victim_context(person, case),
    }
    return message_write(
        audience=Audience.VICTIM,
        organisation_id=case.organisation_id,
        person=person,
        case=case,
        event=event,
        channel=channel or MessageChannel.EMAIL,
        template=event.type,
        context=context,
        dedupe_key=f"update:{event.pk}",
        preference=preference,
        no_channel=not channel,
    )


def victim_context(person: Person, case: VictimCase | None) -> dict[str, Any]:
    return {
        "first_name": person.first_name or "Sir or Madam",
        "crime_reference": case.crime.crime_reference if case else "",
        "service_name": settings.NOTIFY_SENDER_NAME,
        "portal_url": settings.NOTIFY_PORTAL_URL,
    }


def _language(person: Person) -> str:
    return "cy" if person.language == "cy" else "en"


@transaction.atomic
def message_write(
    *,
    audience: str,
    organisation_id: int,
    channel: str,
    template: str,
    context: dict[str, Any],
    person: Person | None = None,
    user: User | None = None,
    inbox: str = "",
    case: VictimCase | None = None,
    event: Event | None = None,
    dedupe_key: str | None = None,
    preference: NotificationPreference | None = None,
    kind: str = "",
    no_channel: bool = False,
    now: datetime | None = None,
) -> OutboundMessage | None:
    """Write one message to the outbox, with the safe-contact rules applied now. A message that
    may go now is handed to the job worker when the transaction commits. Returns None if a
    message with the same `dedupe_key` was already written. A staff message goes to `user`, or
    with no user to `inbox`, a team's shared address (a service's referral inbox)."""
    now = now or timezone.now()
    if dedupe_key and OutboundMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    msg = OutboundMessage(
        organisation_id=organisation_id,
        audience=audience,
        person=person,
        user=user,
        case=case,
        event=event,
        channel=channel,
        template=template,
        dedupe_key=dedupe_key,
        not_before=now,
    )
    if audience == Audience.VICTIM:
        assert person is not None
        preference = preference if preference is not None else preference_for(person)
        decision = safety.contact_decision(contact_facts(person, preference), channel, kind or template, now)
        _write_victim(msg, person, decision, context)
        if no_channel:
            decision = safety.Decision(
                safety.HOLD, "The victim has not agreed to email, text messages or letters"
            )
        _apply_decision(msg, decision)
    else:
        assert user is not None or inbox
        rendered = messages.render(template, "en", context)
        msg.subject, msg.body, msg.language = rendered.subject, rendered.body, "en"
        msg.sender_name = settings.NOTIFY_SENDER_NAME
        msg.to_address = user.email if user is not None else inbox
        if not msg.to_address:
            msg.status, msg.hold_reason = Status.HELD, "There is no email address for this member of staff"
    msg.save()
    if msg.status == Status.QUEUED and msg.not_before <= now:
        transaction.on_commit(lambda: _enqueue(msg.pk))
    return msg


def _write_victim(
    msg: OutboundMessage, person: Person, decision: safety.Decision, context: dict[str, Any]
) -> None:
    language = _language(person)
    rendered = messages.render(msg.template, language, context, discreet=decision.discreet)
    msg.language = language
    msg.discreet = decision.discreet
    msg.subject, msg.body = rendered.subject, rendered.body
    msg.sender_name = (
        settings.NOTIFY_DISCREET_SENDER_NAME if decision.discreet else settings.NOTIFY_SENDER_NAME
    )
    msg.to_address = address_for(person, msg.channel)


def _apply_decision(msg: OutboundMessage, decision: safety.Decision) -> None:
    if decision.action == safety.HOLD:
        msg.status, msg.hold_reason = Status.HELD, decision.reason
    elif decision.action == safety.WAIT:
        assert decision.until is not None
        msg.status, msg.hold_reason, msg.not_before = Status.QUEUED, decision.reason, decision.until
    else:
        msg.status, msg.hold_reason = Status.QUEUED, ""


def address_for(person: Person, channel: str) -> str:
    if channel == "email":
        return person.email
    if channel == "sms":
        return person.phone
    if channel == "letter":
        return "\n".join([person.full_name, *person.address.splitlines(), person.postcode])
    return ""


def _enqueue(message_id: int) -> None:
    try:
        send_message.enqueue(message_id)
    except Exception:  # the scheduler's sweep picks the row up anyway
        log.exception("Could not enqueue message %s; the scheduler will send it", message_id)


# --- claiming ---------------------------------------------------------------------------------


def worker_name() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}"


def _claimable(now: datetime) -> Q:
    stale = now - timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS)
    return Q(status=Status.QUEUED, not_before__lte=now) | Q(status=Status.SENDING, claimed_at__lt=stale)


def _token(worker: str) -> str:
    return f"{worker[:50]}:{uuid.uuid4().hex[:12]}"


def message_claim(message_id: int, *, worker: str, now: datetime | None = None) -> str | None:
    """Claim one message for sending; returns the claim token, or None if another worker has it
    (or it is not due). One UPDATE with the claim condition in its WHERE: on PostgreSQL the
    loser waits for the winner's row lock and then finds the condition false; SQLite runs
    writers one at a time."""
    now = now or timezone.now()
    token = _token(worker)
    won = OutboundMessage.objects.filter(_claimable(now), pk=message_id).update(
        status=Status.SENDING, claimed_by=token, claimed_at=now, attempts=F("attempts") + 1
    )
    return token if won == 1 else None


def outbox_claim_batch(*, worker: str, limit: int, now: datetime | None = None) -> list[tuple[int, str]]:
    """Claim up to `limit` due messages, oldest first: [(message id, claim token)]."""
    now = now or timezone.now()
    token = _token(worker)
    with transaction.atomic():
        candidates = OutboundMessage.objects.filter(_claimable(now)).order_by("not_before", "id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("id", flat=True)[:limit])
        if not ids:
            return []
        OutboundMessage.objects.filter(_claimable(now), id__in=ids).update(
            status=Status.SENDING, claimed_by=token, claimed_at=now, attempts=F("attempts") + 1
        )
    won = OutboundMessage.objects.filter(id__in=ids, claimed_by=token).values_list("id", flat=True)
    return [(i, token) for i in sorted(won)]


# --- sending ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    message_id: int
    status: str
    detail: str = ""


def message_deliver(message_id: int, *, worker: str | None = None) -> Outcome | None:
    """Claim a message and send it: the job worker's task. None if another worker has it."""
    token = message_claim(message_id, worker=worker or worker_name())
    if token is None:
        return None
    return message_send_claimed(message_id, token)


def outbox_drain(*, worker: str | None = None, limit: int = 100) -> list[Outcome]:
    """Send every due message this worker can claim, in batches, until none are left."""
    worker = worker or worker_name()
    outcomes: list[Outcome] = []
    while True:
        batch = outbox_claim_batch(worker=worker, limit=limit)
        if not batch:
            return outcomes
        outcomes.extend(message_send_claimed(mid, token) for mid, token in batch)


def message_send_claimed(message_id: int, token: str) -> Outcome:
    """Send a message this worker has claimed (`token`), and record what happened."""
    msg = OutboundMessage.objects.select_related("person", "user", "case").get(pk=message_id)
    now = timezone.now()
    if msg.audience == Audience.VICTIM:
        held = _recheck(msg, token, now)
        if held is not None:
            return held
    elif not msg.to_address:
        return _finish_hold(msg, token, "There is no email address for this member of staff")
    try:
        transport = channels.transport_for(msg.organisation_id)
        if msg.channel not in transport.channels:
            raise channels.PermanentFailure(
                f"This organisation's messages go by {transport.name}, which cannot send a {msg.get_channel_display().lower()}"
            )
        outgoing = _outgoing(msg)
        result = transport.find_previous(outgoing) if msg.attempts > 1 else None
        if result is None:
            result = transport.send(outgoing)
    except channels.TemporaryFailure as err:
        return _record_temporary(msg, token, err.message)
    except channels.PermanentFailure as err:
        return _record_permanent(msg, token, err.message)
    return _record_success(msg, token, result)


def _outgoing(msg: OutboundMessage) -> channels.Outgoing:
    return channels.Outgoing(
        message_id=msg.pk,
        organisation_id=msg.organisation_id,
        channel=msg.channel,
        to_address=msg.to_address,
        sender_name=msg.sender_name,
        subject=msg.subject,
        body=msg.body,
    )


def _recheck(msg: OutboundMessage, token: str, now: datetime) -> Outcome | None:
    """The safe-contact rules again, with the victim's details as they are now."""
    person = msg.person
    assert person is not None
    preference = preference_for(person)
    decision = safety.contact_decision(contact_facts(person, preference), msg.channel, msg.template, now)
    if decision.action == safety.HOLD:
        return _finish_hold(msg, token, decision.reason)
    if decision.action == safety.WAIT:
        assert decision.until is not None
        OutboundMessage.objects.filter(pk=msg.pk, claimed_by=token, status=Status.SENDING).update(
            status=Status.QUEUED,
            not_before=decision.until,
            hold_reason=decision.reason,
            attempts=F("attempts") - 1,
        )
        return Outcome(msg.pk, Status.QUEUED, decision.reason)
    address = address_for(person, msg.channel)
    changed = ["to_address"] if address != msg.to_address else []
    msg.to_address = address
    if decision.discreet and not msg.discreet:
        # Discreet mode was turned on after the message was written: neutral words only.
        rendered = messages.render(
            msg.template, msg.language, victim_context(person, msg.case), discreet=True
        )
        msg.subject, msg.body, msg.discreet = rendered.subject, rendered.body, True
        msg.sender_name = settings.NOTIFY_DISCREET_SENDER_NAME
        changed += ["subject", "body", "discreet", "sender_name"]
    if changed:
        OutboundMessage.objects.filter(pk=msg.pk, claimed_by=token).update(
            **{f: getattr(msg, f) for f in changed}
        )
    return None


def _finish_hold(msg: OutboundMessage, token: str, reason: str) -> Outcome:
    OutboundMessage.objects.filter(pk=msg.pk, claimed_by=token, status=Status.SENDING).update(
        status=Status.HELD, hold_reason=reason, claimed_by="", claimed_at=None
    )
    return Outcome(msg.pk, Status.HELD, reason)


def _error_entry(text: str, attempt: int) -> dict[str, Any]:
    return {"at": timezone.now().isoformat(), "attempt": attempt, "error": text}


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after each failed attempt, at most an hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


@transaction.atomic
def _record_temporary(msg: OutboundMessage, token: str, error: str) -> Outcome:
    if msg.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
        return _record_permanent(msg, token, f"{error} (gave up after {msg.attempts} attempts)")
    retry_at = timezone.now() + backoff(msg.attempts)
    OutboundMessage.objects.filter(pk=msg.pk, claimed_by=token, status=Status.SENDING).update(
        status=Status.QUEUED,
        not_before=retry_at,
        last_error=error,
        errors=[*msg.errors, _error_entry(error, msg.attempts)],
        claimed_by="",
        claimed_at=None,
    )
    return Outcome(msg.pk, Status.QUEUED, error)


@transaction.atomic
def _record_permanent(msg: OutboundMessage, token: str, error: str) -> Outcome:
    won = OutboundMessage.objects.filter(pk=msg.pk, claimed_by=token, status=Status.SENDING).update(
        status=Status.FAILED,
        last_error=error,
        errors=[*msg.errors, _error_entry(error, msg.attempts)],
        claimed_by="",
        claimed_at=None,
    )
    if won and msg.audience == Audience.VICTIM:
        _tell_caseworker(msg, error)
    return Outcome(msg.pk, Status.FAILED, error)


def _tell_caseworker(msg: OutboundMessage, error: str) -> None:
    """A permanent failure is flagged on the case (the messages panel) and emailed to the
    caseworker, so someone contacts the victim another way."""
    case = msg.case
    if case is None or case.caseworker is None:
        return
    message_write(
        audience=Audience.STAFF,
        organisation_id=msg.organisation_id,
        user=case.caseworker,
        case=case,
        channel=MessageChannel.EMAIL,
        template="message_failed",
        context={
            "crime_reference": case.crime.crime_reference,
            "channel": msg.get_channel_display().lower(),
            "reason": error,
            "case_url": f"{settings.NOTIFY_SITE_URL}/cases/{case.pk}/",
        },
        dedupe_key=f"failed:{msg.pk}",
    )


# Messages whose body is a secret (a portal sign-in code, a survey invitation's single-use link):
# once sent, the stored copy keeps only this, so the outbox never holds a usable code or link
# longer than it takes to send it.
SECRET_TEMPLATES = frozenset({"sign_in_code", "survey_invitation"})
SECRET_REMOVED = "[The sign-in code in this message was removed from our records once it was sent.]"
SECRET_REMOVED_BY_TEMPLATE = {
    "survey_invitation": "[The survey link in this message was removed from our records once it was sent.]"
}


@transaction.atomic
def _record_success(msg: OutboundMessage, token: str, result: channels.SendResult) -> Outcome:
    now = timezone.now()
    status = Status.DELIVERED if result.delivered else Status.SENT
    removed = SECRET_REMOVED_BY_TEMPLATE.get(msg.template, SECRET_REMOVED)
    secret = {"body": removed} if msg.template in SECRET_TEMPLATES else {}
    won = OutboundMessage.objects.filter(pk=msg.pk, claimed_by=token, status=Status.SENDING).update(
        **secret,
        status=status,
        provider_reference=result.provider_reference[:100],
        transport=channels.transport_name_for(msg.organisation_id),
        sent_at=now,
        delivered_at=now if result.delivered else None,
        hold_reason="",
        claimed_by="",
        claimed_at=None,
    )
    if not won:
        # Our claim was taken over (we were slower than the claim timeout): the other worker
        # records the result. Documented in docs/adr/0013.
        log.warning("Message %s was sent but its claim had been taken over", msg.pk)
        return Outcome(msg.pk, Status.SENDING, "claim lost")
    if result.delivered and msg.event_id is not None and msg.audience == Audience.VICTIM:
        _record_informed(msg.pk, now)
    return Outcome(msg.pk, status)


def _record_informed(message_id: int, at: datetime) -> None:
    """Delivery of an automatic update is the victim being told: record `victim_informed`
    about the event, which fulfils the Right 6, 8 or 9 obligation (event_record refreshes the
    stored entitlements in this transaction)."""
    from victimcare.cases.services import event_record

    msg = OutboundMessage.objects.select_for_update().get(pk=message_id)
    event = msg.event
    if (
        msg.informed_event_id
        or msg.audience != Audience.VICTIM
        or event is None
        or event.type not in INFORMABLE
    ):
        return
    assert msg.case is not None
    informed = event_record(
        actor=None,
        case=msg.case,
        type="victim_informed",
        occurred_at=min(at, timezone.now()),
        payload={"channel": msg.channel, "summary": f"{AUTOMATIC_UPDATE}: {msg.subject}"[:300]},
        about=event,
        source=EventSource.API,
        actor_label=AUTOMATIC_UPDATE,
    )
    OutboundMessage.objects.filter(pk=msg.pk).update(informed_event=informed)


# --- provider callbacks, staff actions ------------------------------------------------------------

NOTIFY_DELIVERED = "delivered"
NOTIFY_FAILED = {
    "permanent-failure": "The provider could not deliver it: the address or number does not exist or is not in use",
    "temporary-failure": "The provider could not deliver it: the phone was off or the inbox was full, and it gave up",
    "technical-failure": "GOV.UK Notify had a technical problem and did not send it",
}


@transaction.atomic
def notify_callback_apply(*, reference: str, provider_id: str, status: str) -> OutboundMessage | None:
    """Apply a GOV.UK Notify delivery receipt. Returns the message, or None if unknown."""
    if not reference.startswith("outbox-") or not reference[7:].isdigit():
        return None
    msg = OutboundMessage.objects.select_for_update().filter(pk=int(reference[7:])).first()
    if msg is None or (provider_id and msg.provider_reference and msg.provider_reference != provider_id):
        return None
    now = timezone.now()
    if status == NOTIFY_DELIVERED:
        if msg.status in (Status.SENT, Status.SENDING):
            msg.status, msg.delivered_at = Status.DELIVERED, now
            msg.save(update_fields=["status", "delivered_at"])
            _record_informed(msg.pk, now)
    elif status == "technical-failure" and msg.status == Status.SENT:
        # Notify did not send it: queue it again (a fresh attempt, not a duplicate).
        msg.status, msg.not_before, msg.provider_reference = Status.QUEUED, now, ""
        msg.last_error = NOTIFY_FAILED[status]
        msg.errors = [*msg.errors, _error_entry(msg.last_error, msg.attempts)]
        msg.save(update_fields=["status", "not_before", "provider_reference", "last_error", "errors"])
    elif status in NOTIFY_FAILED and msg.status in (Status.SENT, Status.SENDING):
        msg.status, msg.last_error = Status.FAILED, NOTIFY_FAILED[status]
        msg.errors = [*msg.errors, _error_entry(msg.last_error, msg.attempts)]
        msg.save(update_fields=["status", "last_error", "errors"])
        if msg.audience == Audience.VICTIM:
            _tell_caseworker(msg, msg.last_error)
    return msg


@transaction.atomic
def message_retry(*, actor: User, message: OutboundMessage) -> OutboundMessage:
    """Staff send a held or failed message again (after fixing the victim's details). The
    safe-contact rules are applied again when it is sent."""
    if not TRANSITIONS.allows(message.status, Status.QUEUED):
        raise NotifyError("message", "Only a held or failed message can be sent again")
    now = timezone.now()
    message.status, message.not_before, message.hold_reason = Status.QUEUED, now, ""
    message.save(update_fields=["status", "not_before", "hold_reason"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=message,
        person=message.person,
        case=message.case,
        detail="message retried",
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def outbox_due(now: datetime | None = None) -> int:
    """How many messages are due now (queued and due, or claimed by a worker that died)."""
    return OutboundMessage.objects.filter(_claimable(now or timezone.now())).count()


# --- jobs for the database worker (`manage.py db_worker`) ----------------------------------------
# Beside the services they call, not in a tasks module: the services enqueue them, so a tasks
# module would import this one and be imported by it (docs/adr/0031). Each only calls a service.


@task()
def send_message(message_id: int) -> str:
    """Send one outbox message (enqueued when it is written). A no-op if another worker has it."""
    outcome = message_deliver(message_id)
    return outcome.status if outcome else "claimed elsewhere"


@task()
def drain_outbox(limit: int = 100) -> int:
    """Send every due message (enqueued by the scheduler: retries, safe-time waits, rescues)."""
    return len(outbox_drain(limit=limit))
