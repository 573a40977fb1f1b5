"""What support does after a change to a person: keep every open referral's provider on the
victim's current safe-contact rules (docs/adr/0042). Named in victimcare/pipeline/order.py.

A sent referral's snapshot is what the provider sees, and it stays as it was when sent, but for
how and when it is safe to contact the victim: a provider still in touch with them must not ring
a number that has since become unsafe, or at a time that is no longer safe. So when those fields
change, each open referral's snapshot has its shared safe-contact items brought up to date, the
referral records when (the provider's page says so) and an audit row says it was done.
"""

from __future__ import annotations

from django.utils import timezone

from victimcare.audit.models import Action
from victimcare.audit.services import REDACTED, audit_record
from victimcare.people.models import Person
from victimcare.support.models import OPEN_STATUSES, Referral
from victimcare.support.sharing import FOLLOWED_FIELDS, snapshot_refreshed

REFRESHED = "safe-contact rules brought up to date for the provider"


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
