"""What follows an event for partner systems: the webhook notices it calls for.

`webhooks_queue` is a reaction, run inside `event_record`'s transaction: the deliveries are
written with the event (or not at all) and sent after it commits. Each subscriber is checked
against the access gate through its client's service user, so a webhook never tells a partner
of a case or referral it could not read through the API."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from django.db import transaction

from victimcare.access.gate import cases_visible_to, referrals_visible_to
from victimcare.api.models import WebhookDelivery, WebhookSubscription
from victimcare.api.webhooks import deliveries_enqueue
from victimcare.cases.models import Event, VictimCase
from victimcare.cases.pipeline import CaseEvents

ANSWERS = {"referral_accepted": "accepted", "referral_declined": "declined"}


def webhooks_queue(*, changes: Sequence[CaseEvents]) -> None:
    """The notices for every event just recorded, over the whole recording: the subscriptions
    are read once, and not at all when nothing new happened (a recompute records no events)."""
    if not any(change.events for change in changes):
        return
    subscriptions = list(
        WebhookSubscription.objects.filter(active=True, client__revoked_at__isnull=True).select_related(
            "client", "client__user"
        )
    )
    if not subscriptions:
        return
    ids: list[int] = []
    for change in changes:
        case = change.case
        for event in change.events:
            ids += _queue(case, event, subscriptions, "event.recorded", _event_body(case, event))
            if event.type in ANSWERS:
                ids += _queue_answer(case, event, subscriptions)
            if event.type == "referred_to_support":
                # The referral points at its sent event only once event_record returns, so find
                # it after commit (a crash in that instant loses this one notice; the list has it).
                transaction.on_commit(partial(_referral_sent, event.pk))
    if ids:
        transaction.on_commit(lambda: deliveries_enqueue(ids))


def _event_body(case: VictimCase, event: Event) -> dict[str, Any]:
    return {
        "kind": "event.recorded",
        "case": case.pk,
        "event": event.pk,
        "event_type": event.type,
        "occurred_at": event.occurred_at,
        "timeline": f"/api/v1/cases/{case.pk}/events/",
    }


def _queue(
    case: VictimCase, event: Event, subscriptions: list[WebhookSubscription], kind: str, body: dict[str, Any]
) -> list[int]:
    ids = []
    for sub in subscriptions:
        if kind not in sub.kinds or not sub.client.is_usable or event.actor_id == sub.client.user_id:
            continue  # a client is not told of its own writes
        if not cases_visible_to(sub.client.user).filter(pk=case.pk).exists():
            continue
        ids.append(_delivery(sub, kind, event, body))
    return ids


def _queue_answer(case: VictimCase, event: Event, subscriptions: list[WebhookSubscription]) -> list[int]:
    from victimcare.support.models import Referral

    referral = Referral.objects.filter(sent_event_id=event.about_id).first()
    if referral is None:
        return []
    body = {
        "kind": "referral.answered",
        "referral": referral.pk,
        "case": case.pk,
        "answer": ANSWERS[event.type],
    }
    return _queue(case, event, subscriptions, "referral.answered", body)


def _referral_sent(event_id: int) -> None:
    from victimcare.support.models import Referral

    referral = Referral.objects.filter(sent_event_id=event_id).select_related("sent_event").first()
    if referral is None or referral.sent_event is None or referral.provider_id is None:
        return
    ids = []
    with transaction.atomic():
        for sub in WebhookSubscription.objects.filter(
            active=True, client__organisation_id=referral.provider_id
        ):
            if "referral.sent" not in sub.kinds or not sub.client.is_usable:
                continue
            if not referrals_visible_to(sub.client.user).filter(pk=referral.pk).exists():
                continue
            body = {
                "kind": "referral.sent",
                "referral": referral.pk,
                "referral_url": f"/api/v1/referrals/{referral.pk}/",
            }
            ids.append(_delivery(sub, "referral.sent", referral.sent_event, body))
    deliveries_enqueue(ids)


def _delivery(sub: WebhookSubscription, kind: str, event: Event, body: dict[str, Any]) -> int:
    delivery, _ = WebhookDelivery.objects.get_or_create(
        subscription=sub, event=event, kind=kind, defaults={"body": body}
    )
    return delivery.pk
