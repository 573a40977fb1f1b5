"""The Panel pack's life: drafted, commented, submitted (its figures frozen), approved by someone
else, or sent back (docs/adr/0051). Statuses: reports.models.PACK_STATUSES.

The figures are worked out by reports.panel, a read for a user above this layer; the page
passes them in as the `snapshot` to freeze. Whether the actor may act at all is asked here."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.refusals import Refusal
from victimcare.reports.models import PACK_STATUSES, PackStatus, PanelPack

COMMENTARY_LIMIT = 5000


class PanelPackRefusal(Refusal):
    pass


def _quarter_start(day: date) -> bool:
    return day.day == 1 and day.month in (1, 4, 7, 10)


@transaction.atomic
def panel_pack_draft(*, actor: User, quarter_start: date) -> PanelPack:
    """A new draft pack for the quarter starting `quarter_start` (one per organisation and quarter)."""
    if not can(actor, Capability.PREPARE_PANEL_PACK) or actor.organisation_id is None:
        raise PanelPackRefusal("quarter", "You cannot prepare a Panel pack")
    if not _quarter_start(quarter_start):
        raise PanelPackRefusal("quarter", "Choose a quarter")
    if PanelPack.objects.filter(organisation_id=actor.organisation_id, quarter_start=quarter_start).exists():
        raise PanelPackRefusal("quarter", "There is already a Panel pack for this quarter")
    try:
        with transaction.atomic():
            pack = PanelPack.objects.create(
                organisation_id=actor.organisation_id, quarter_start=quarter_start, prepared_by=actor
            )
    except IntegrityError:  # drafted by someone else a moment ago
        raise PanelPackRefusal("quarter", "There is already a Panel pack for this quarter") from None
    audit_record(
        actor=actor, action=Action.CREATE, obj=pack, detail=f"Panel pack drafted for {quarter_start}"
    )
    return pack


def _locked(pack: PanelPack) -> PanelPack:
    return PanelPack.objects.select_for_update().get(pk=pack.pk)


@transaction.atomic
def panel_pack_comment(*, actor: User, pack: PanelPack, key: str, text: str) -> PanelPack:
    """Write (or clear) the commentary of one section, while the pack is a draft."""
    pack = _locked(pack)
    if not can(actor, Capability.PREPARE_PANEL_PACK) or pack.status != PackStatus.DRAFT:
        raise PanelPackRefusal("commentary", "The commentary can only be changed while the pack is a draft")
    text = text.strip()
    if len(text) > COMMENTARY_LIMIT:
        raise PanelPackRefusal("commentary", f"Commentary must be {COMMENTARY_LIMIT:,} characters or fewer")
    old = pack.commentary_for(key)
    pack.commentary = {**(pack.commentary or {}), key: text}
    pack.save(update_fields=["commentary"])
    audit_record(actor=actor, action=Action.UPDATE, obj=pack, changes={f"commentary.{key}": [old, text]},
                 detail=f"Panel pack commentary: {key}")  # fmt: skip
    return pack


def _move(actor: User, pack: PanelPack, to: str) -> None:
    if not PACK_STATUSES.allows(pack.status, to):
        raise PanelPackRefusal(
            "", f"A pack that is {PackStatus(pack.status).label.lower()} cannot be moved to that"
        )


@transaction.atomic
def panel_pack_submit(*, actor: User, pack: PanelPack, snapshot: dict[str, Any]) -> PanelPack:
    """Freeze the figures (`snapshot`, reports.panel.to_json) and send the pack for approval:
    the snapshot, the status and the audit row are written together or not at all."""
    pack = _locked(pack)
    if not can(actor, Capability.PREPARE_PANEL_PACK):
        raise PanelPackRefusal("", "You cannot submit a Panel pack")
    _move(actor, pack, PackStatus.SUBMITTED)
    if not snapshot.get("sections"):
        raise PanelPackRefusal("", "The pack has no figures to submit")
    pack.snapshot = snapshot
    pack.status = PackStatus.SUBMITTED
    pack.submitted_by, pack.submitted_at = actor, timezone.now()
    pack.save(update_fields=["snapshot", "status", "submitted_by", "submitted_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=pack, changes={"status": [PackStatus.DRAFT, pack.status]},
                 detail=f"Panel pack submitted for approval, figures as on {snapshot.get('as_on')}")  # fmt: skip
    return pack


@transaction.atomic
def panel_pack_approve(*, actor: User, pack: PanelPack) -> PanelPack:
    """Approve a submitted pack: someone with the approving capability who did not submit it."""
    pack = _locked(pack)
    if not can(actor, Capability.APPROVE_PANEL_PACK):
        raise PanelPackRefusal("", "You cannot approve a Panel pack")
    if pack.submitted_by_id == actor.pk:
        raise PanelPackRefusal("", "Someone other than the person who submitted the pack must approve it")
    _move(actor, pack, PackStatus.APPROVED)
    pack.status, pack.approved_by, pack.approved_at = PackStatus.APPROVED, actor, timezone.now()
    pack.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=pack,
                 changes={"status": [PackStatus.SUBMITTED, pack.status]}, detail="Panel pack approved")  # fmt: skip
    return pack


@transaction.atomic
def panel_pack_send_back(*, actor: User, pack: PanelPack, reason: str) -> PanelPack:
    """Return a submitted pack to draft with the reason: its frozen figures are dropped, so the
    figures are worked out again when it is next submitted."""
    pack = _locked(pack)
    if not can(actor, Capability.APPROVE_PANEL_PACK):
        raise PanelPackRefusal("reason", "You cannot send back a Panel pack")
    reason = reason.strip()
    if not reason:
        raise PanelPackRefusal("reason", "Say why the pack is being sent back")
    _move(actor, pack, PackStatus.DRAFT)
    pack.status, pack.snapshot, pack.submitted_by, pack.submitted_at = PackStatus.DRAFT, None, None, None
    pack.save(update_fields=["status", "snapshot", "submitted_by", "submitted_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=pack, changes={"status": [PackStatus.SUBMITTED, pack.status]},
                 detail=f"Panel pack sent back: {reason}")  # fmt: skip
    return pack
