"""Survey invitations: at each moment, a message by the victim's chosen channel with a link that
opens that moment's survey without signing in to the portal (docs/adr/0049).

The rules, in order (each tested in tests/voice/test_it_invites_*):
- only for a moment the portal would offer now (voice/offers.survey_offer): the latest moment
  reached, not yet answered or turned down, nothing while processing is restricted, nothing
  for a victim who opted out of surveys;
- once per case and moment: the invitation row is unique on (case, moment) and its message has
  a dedupe key, so a second event of the same moment, a retry or a race invites no one twice;
- through the outbox (notify.services.message_write), so the safe-contact rules apply when
  the message is written and again before every attempt to send it: a channel the victim has
  not agreed, an unsafe detail or a restriction holds it with the reason; outside the victim's
  safe times it waits; in discreet mode it goes with the neutral wording and no link (the
  victim finds the survey in the portal);
- no agreed channel at all: no invitation is written (the portal still offers the survey);
- a later moment overtakes an earlier one: the earlier invitation's message, if not yet sent,
  is cancelled, and its link no longer opens a survey.

The link carries a token signed with the site's key (django.core.signing, salted for this
use), holding the invitation's id and a random secret. Only a keyed hash of the secret is
stored, and the body of the message is removed from the outbox once it is sent, so no one
reading the records can open the victim's survey. The link works until the survey for that
moment is answered or turned down, and for SURVEY_LINK_DAYS at most.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from victimcare.cases.models import EventSource, VictimCase
from victimcare.cases.pipeline import CaseEvents
from victimcare.notify import services as notify
from victimcare.notify.models import Audience, OutboundMessage, Status
from victimcare.people.models import Person
from victimcare.voice.models import EVENT_MOMENT, SurveyInvitation
from victimcare.voice.offers import survey_offer

TEMPLATE = "survey_invitation"
SALT = "victimcare.voice.survey_link"
INVALID, EXPIRED, CLOSED = "invalid", "expired", "closed"
UNSENT = (Status.QUEUED, Status.HELD)


def _hash(secret: str) -> str:
    return salted_hmac(SALT, secret).hexdigest()


def link_token(invitation: SurveyInvitation, secret: str) -> str:
    return signing.dumps({"i": invitation.pk, "s": secret}, salt=SALT, compress=True)


def survey_url(token: str) -> str:
    return f"{settings.NOTIFY_PORTAL_URL.rstrip('/')}/feedback/link/{token}/"


def _link_lifetime() -> timedelta:
    return timedelta(days=settings.SURVEY_LINK_DAYS)


# --- writing invitations ---------------------------------------------------------------------------


def survey_invitations_queue(*, changes: Sequence[CaseEvents]) -> None:
    """The pipeline's reaction (victimcare/pipeline/order.py): for each case whose new events
    reach a survey moment, invite the victim to that moment's survey. Corrections and imported
    history invite no one (the moment was not reached now). SURVEY_INVITATIONS off: no one."""
    if not settings.SURVEY_INVITATIONS:
        return
    for change in changes:
        reached = {
            EVENT_MOMENT[e.type]
            for e in change.events
            if e.type in EVENT_MOMENT and not e.corrects_id and e.source != EventSource.IMPORT
        }
        if reached:
            invitation_send(case=change.case, moments=reached)


@transaction.atomic
def invitation_send(
    *, case: VictimCase, moments: set[str] | None = None, now: datetime | None = None
) -> SurveyInvitation | None:
    """Invite the victim to the survey on offer now, if it is one of `moments` (any, if None).
    Returns the invitation, or None if there is nothing to invite to or it was already sent."""
    moment = survey_offer(case)
    if moment is None or (moments is not None and moment not in moments):
        return None
    person = case.person
    preference = notify.preference_for(person)
    channel = _channel(person, preference)
    if not channel:
        return None
    now = now or timezone.now()
    secret = secrets.token_urlsafe(24)
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                organisation_id=case.organisation_id,
                case=case,
                moment=moment,
                secret_hash=_hash(secret),
                created_at=now,
                expires_at=now + _link_lifetime(),
            )
    except IntegrityError:  # invited about this moment already: never twice
        return None
    _cancel_unsent(case, keep=invitation, reason="A later survey replaced this one")
    context = {
        **notify.victim_context(person, case),
        "survey_url": survey_url(link_token(invitation, secret)),
        "link_days": settings.SURVEY_LINK_DAYS,
    }
    invitation.message = notify.message_write(
        audience=Audience.VICTIM,
        organisation_id=case.organisation_id,
        person=person,
        case=case,
        channel=channel,
        template=TEMPLATE,
        context=context,
        dedupe_key=f"survey:{case.pk}:{moment}",
        preference=preference,
        now=now,
    )
    invitation.save(update_fields=["message"])
    return invitation


def _channel(person: Person, preference: object) -> str:
    """The victim's chosen channel, else the first automatic one they allow ("" for none)."""
    chosen = getattr(preference, "preferred_channel", "") or ""
    allowed = person.allowed_channels or []
    if chosen and chosen in allowed:
        return chosen
    return next((c for c in notify.AUTOMATIC_CHANNELS if c in allowed), "")


def _cancel_unsent(case: VictimCase, *, keep: SurveyInvitation | None, reason: str) -> int:
    rows = SurveyInvitation.objects.filter(case=case, message__status__in=UNSENT)
    if keep is not None:
        rows = rows.exclude(pk=keep.pk)
    ids = list(rows.values_list("message_id", flat=True))
    return OutboundMessage.objects.filter(pk__in=ids, status__in=UNSENT).update(
        status=Status.CANCELLED, hold_reason=reason
    )


@transaction.atomic
def invitations_cancel(*, person: Person, reason: str) -> int:
    """Cancel every survey invitation to this person not yet sent (they opted out)."""
    return sum(
        _cancel_unsent(case, keep=None, reason=reason) for case in VictimCase.objects.filter(person=person)
    )


# --- opening a link ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    """A link checked: the invitation if it opens a survey now, else why not."""

    invitation: SurveyInvitation | None
    problem: str = ""  # INVALID, EXPIRED or CLOSED


def invitation_open(token: str, *, now: datetime | None = None) -> Opened:
    """Check a link's token. A token altered in any way, signed with another key or for another
    use, or naming an invitation whose secret does not match, is INVALID; one older than
    SURVEY_LINK_DAYS is EXPIRED; one whose survey was answered, turned down or overtaken, or
    whose victim opted out since, is CLOSED. Nothing here says whose link it was."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=SALT, max_age=_link_lifetime())
    except signing.SignatureExpired:
        return Opened(None, EXPIRED)
    except signing.BadSignature:
        return Opened(None, INVALID)
    if not isinstance(data, dict) or not isinstance(data.get("i"), int) or not isinstance(data.get("s"), str):
        return Opened(None, INVALID)
    invitation = SurveyInvitation.objects.select_related("case__person").filter(pk=data["i"]).first()
    if invitation is None or not constant_time_compare(invitation.secret_hash, _hash(data["s"])):
        return Opened(None, INVALID)
    if now >= invitation.expires_at:
        return Opened(None, EXPIRED)
    if invitation.used_at is not None or survey_offer(invitation.case) != invitation.moment:
        return Opened(None, CLOSED)
    return Opened(invitation)
