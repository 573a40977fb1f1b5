"""What a victim was writing when their portal session timed out (docs/adr/0058).

The session times out after PORTAL_IDLE_MINUTES without a page; the portal warns before that
(portal/_timeout_warning.html and static/js/portal-timeout.mjs), and a form posted after it is
kept here, on the server, for the account whose session it was: never in the browser, where
someone using the device after "Exit this page" could read it. When the same account signs in
again it is offered back in the form, with a notice that it has not been sent.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.portal.models import KeptDraft, PortalAccount

MAX_LENGTH = 20_000  # longer than any portal form accepts; a kept draft is never cut shorter


def _label(account: PortalAccount) -> str:
    # The same words as auth.portal_actor_label (auth imports this module).
    return f"Victim portal: {account.role}, account {account.pk} ({account.display_name})"[:200]


@transaction.atomic
def draft_keep(*, account_id: int, page: str, body: str) -> KeptDraft | None:
    """Keep `body` for the account (replacing an earlier draft of the same page), audited as the
    victim's. None if the account is gone or switched off: nothing is kept for it."""
    account = PortalAccount.objects.select_related("case").filter(pk=account_id, active=True).first()
    if account is None:
        return None
    body = body.replace("\x00", "")[:MAX_LENGTH]
    draft, created = KeptDraft.objects.update_or_create(
        account=account,
        page=page,
        defaults={"case": account.case, "body": body, "kept_at": timezone.now()},
    )
    audit_record(
        actor=_label(account),
        action=Action.CREATE if created else Action.UPDATE,
        obj=draft,
        person=account.case.person,
        case=account.case,
        detail=f"portal: {page} kept when the session timed out",
    )
    return draft


def draft_for(account: PortalAccount, page: str) -> KeptDraft | None:
    """The draft kept for this account and page, if it is still within PORTAL_DRAFT_HOURS."""
    cutoff = timezone.now() - timedelta(hours=settings.PORTAL_DRAFT_HOURS)
    return KeptDraft.objects.filter(account=account, page=page, kept_at__gte=cutoff).first()


@transaction.atomic
def drafts_discard(*, account_id: int, page: str | None = None) -> int:
    """Delete the account's kept drafts (one page's, or all: "Exit this page" leaves nothing)."""
    drafts = KeptDraft.objects.filter(account_id=account_id)
    if page is not None:
        drafts = drafts.filter(page=page)
    deleted, _ = drafts.delete()
    return deleted


@transaction.atomic
def kept_drafts_prune() -> int:
    """Delete drafts kept longer than PORTAL_DRAFT_HOURS (settings.SCHEDULED_SCANS)."""
    cutoff = timezone.now() - timedelta(hours=settings.PORTAL_DRAFT_HOURS)
    deleted, _ = KeptDraft.objects.filter(kept_at__lt=cutoff).delete()
    return deleted
