"""What support does after an event and after a change to a person: tell the provider a
referral has arrived (docs/adr/0061); keep every open referral's provider on the victim's
current safe-contact rules (docs/adr/0042). Both are named in victimcare/pipeline/order.py.

A sent referral's snapshot is what the provider sees, and it stays as it was when sent, but for
how and when it is safe to contact the victim: a provider still in touch with them must not ring
a number that has since become unsafe, or at a time that is no longer safe. So when those fields
change, each open referral's snapshot has its shared safe-contact items brought up to date, the
referral records when (the provider's page says so) and an audit row says it was done.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from victimcare.audit.models import Action
from victimcare.audit.services import REDACTED, audit_record
from victimcare.cases.models import EventSource
from victimcare.cases.pipeline import CaseEvents
from victimcare.people.models import Person
from victimcare.support.models import OPEN_STATUSES, Referral, ReferralStatus
from victimcare.support.sharing import FOLLOWED_FIELDS, snapshot_refreshed
from victimcare.support.targets import referral_arrived_notify

REFRESHED = "safe-contact rules brought up to date for the provider"


def referral_arrivals_notify(*, changes: Sequence[CaseEvents]) -> None:
    """For each `referred_to_support` event just recorded, tell the provider of the referral it
    sends (support.services saves the referral as sent before recording the event, and links
    the event after: a sent referral with no event yet, sent at the event's moment, is the one
    arriving). An event recorded without a referral of ours (an external service, an import)
    tells no one; nor does imported history."""
    for change in changes:
        for event in change.events:
            if event.type != "referred_to_support" or event.source == EventSource.IMPORT:
                continue
            arriving = Referral.objects.filter(
                case_id=change.case.pk,
                status=ReferralStatus.SENT,
                sent_event__isnull=True,
                sent_at=event.occurred_at,
                provider__isnull=False,
            ).select_related("service", "case")
            for referral in arriving:
                referral_arrived_notify(referral)


def open_referrals_contact_refresh(*, person: Person, changed: frozenset[str]) -> None:
    """Bring the safe-contact items of each of the person's open referrals up to date."""
    if not changed & FOLLOWED_FIELDS:
        return
    now = timezone.now()
    referrals = (
        Referral.objects.select_for_update(of=("self",))
        .filter(case__person=person, status__in=OPEN_STATUSES)
        .select_related("case")
        .order_by("id")
    )
    for referral in referrals:
        snapshot = snapshot_refreshed(list(referral.snapshot), person)
        if snapshot == referral.snapshot:
            continue  # nothing the provider was sent has changed
        items = sorted({e["item"] for e, was in zip(snapshot, referral.snapshot, strict=True) if e != was})
        referral.snapshot = snapshot
        referral.contact_rules_changed_at = now
        referral.save(update_fields=["snapshot", "contact_rules_changed_at", "updated_at"])
        # The values may say how to reach the victim: the trail names the items, not what they became.
        audit_record(
            actor=None,
            action=Action.UPDATE,
            obj=referral,
            person=person,
            case=referral.case,
            changes={item: [REDACTED, REDACTED] for item in items},
            detail=REFRESHED,
        )
