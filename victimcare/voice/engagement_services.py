"""Champions' engagements: recording them, the victim's account, its coding and quotes, and
consent given and withdrawn. Each function is one state change with one audit row.

Consent (docs/adr/0036): four separate agreements, each withdrawable. Withdrawing one removes
what it covered, at once, and stores a sentence saying what was removed:
- keep: the account (what went well and what did not, its coded concerns and quotes) and any
  case study drawing on it; quoting and the case link go with it, as there is nothing left;
- quote: its quotes and any case study drawing on it;
- contact: the contact details;
- link: the link to the victim's case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.voice import redaction
from victimcare.voice.models import (
    Account,
    Concern,
    ConsentKind,
    ConsentWithdrawal,
    Engagement,
    Quote,
    QuoteStatus,
    SafeFinding,
    SubTheme,
)
from victimcare.voice.services import VoiceError


@dataclass(frozen=True)
class Consents:
    keep: bool = False
    quote: bool = False
    contact: bool = False
    link: bool = False


def _audit(actor: User, action: str, obj: object, engagement: Engagement, detail: str = "") -> None:
    case = engagement.case
    audit_record(
        actor=actor,
        action=action,
        obj=obj,  # type: ignore[arg-type]
        case=case,
        person=case.person if case is not None else None,
        detail=detail,
    )


@transaction.atomic
def engagement_record(
    *,
    actor: User,
    area: str,
    method: str,
    place: str,
    held_on: date,
    groups: Sequence[str],
    consents: Consents,
    contact_details: str = "",
    case: VictimCase | None = None,
) -> Engagement:
    if consents.quote and not consents.keep:
        raise VoiceError("consents", "A victim can only be quoted if they agree to their account being kept")
    if consents.contact and not contact_details.strip():
        raise VoiceError("contact_details", "Enter how the victim would like to be contacted")
    if consents.link and case is None:
        raise VoiceError("crime_reference", "Enter the crime reference and the victim's date of birth")
    assert actor.organisation is not None  # the gate lets only an OPCC's champions record
    engagement = Engagement.objects.create(
        organisation=actor.organisation,
        champion=actor,
        area=area,
        method=method,
        place=place.strip(),
        held_on=held_on,
        groups_reached=list(groups),
        consent_keep=consents.keep,
        consent_quote=consents.quote,
        consent_contact=consents.contact,
        consent_link=consents.link,
        contact_details=contact_details.strip() if consents.contact else "",
        case=case if consents.link else None,
    )
    _audit(actor, Action.CREATE, engagement, engagement, detail=f"{method} on {held_on.isoformat()}")
    return engagement


def _require(engagement: Engagement, kind: str, message: str) -> None:
    if not engagement.has_consent(kind):
        raise VoiceError("consent", message)


@transaction.atomic
def account_save(
    *,
    actor: User,
    engagement: Engagement,
    stages: Sequence[str],
    agencies: Sequence[str],
    went_well: str,
    went_badly: str,
) -> Account:
    _require(engagement, ConsentKind.KEEP, "The victim has not agreed to their account being kept")
    account, created = Account.objects.get_or_create(engagement=engagement)
    account.stages, account.agencies = list(stages), list(agencies)
    account.went_well, account.went_badly = went_well.strip(), went_badly.strip()
    account.save()
    _audit(actor, Action.CREATE if created else Action.UPDATE, account, engagement)
    return account


def _account(engagement: Engagement) -> Account:
    return Account.objects.get_or_create(engagement=engagement)[0]


@transaction.atomic
def concern_add(
    *, actor: User, engagement: Engagement, subtheme: SubTheme, agency: str, stage: str, summary: str
) -> Concern:
    _require(engagement, ConsentKind.KEEP, "The victim has not agreed to their account being kept")
    concern = Concern.objects.create(
        account=_account(engagement), subtheme=subtheme, agency=agency, stage=stage, summary=summary.strip()
    )
    _audit(actor, Action.CREATE, concern, engagement, detail=subtheme.name)
    return concern


@transaction.atomic
def quote_add(*, actor: User, engagement: Engagement, subtheme: SubTheme, text: str) -> Quote:
    _require(engagement, ConsentKind.QUOTE, "The victim has not agreed to be quoted")
    quote = Quote.objects.create(account=_account(engagement), subtheme=subtheme, text=text.strip())
    _audit(actor, Action.CREATE, quote, engagement)
    return quote


def confirmed_safe(target: str, target_id: int) -> list[tuple[str, str]]:
    return [
        (kind, text)
        for kind, text in SafeFinding.objects.filter(target=target, target_id=target_id).values_list(
            "kind", "text"
        )
    ]


def outstanding_findings(target: str, target_id: int, texts: Sequence[str]) -> list[redaction.Finding]:
    """The redaction check's findings in `texts` that no one has confirmed as safe."""
    return redaction.outstanding(texts, confirmed_safe(target, target_id))


@transaction.atomic
def findings_confirm_safe(
    *, actor: User, target: str, target_id: int, texts: Sequence[str], keys: Sequence[tuple[str, str]]
) -> int:
    """Record that `actor` read each finding in `keys` and it identifies no one. Only findings
    the check actually makes in `texts` can be confirmed. Returns how many were confirmed."""
    found = {f.key for text in texts for f in redaction.findings(text)}
    now = timezone.now()
    confirmed = 0
    for kind, text in keys:
        if (kind, text) not in found:
            continue
        _, created = SafeFinding.objects.get_or_create(
            target=target,
            target_id=target_id,
            kind=kind,
            text=text[:300],
            defaults={"confirmed_by": actor, "confirmed_at": now},
        )
        if created:
            confirmed += 1
            audit_record(
                actor=actor, action=Action.UPDATE, detail=f"Confirmed safe on {target} {target_id}: {kind}"
            )
    return confirmed


def safe_findings(target: str, target_id: int) -> list[SafeFinding]:
    return list(SafeFinding.objects.filter(target=target, target_id=target_id).select_related("confirmed_by"))


@transaction.atomic
def quote_edit(*, actor: User, quote: Quote, text: str) -> Quote:
    """Change a quote's words (to take out what the check found): it must be cleared again."""
    quote.text, quote.status, quote.cleared_by, quote.cleared_at = text.strip(), QuoteStatus.DRAFT, None, None
    quote.save(update_fields=["text", "status", "cleared_by", "cleared_at"])
    _audit(actor, Action.UPDATE, quote, quote.account.engagement, detail="changed")
    return quote


@transaction.atomic
def quote_clear(*, actor: User, quote: Quote) -> Quote:
    """Clear a quote for use on the themes pages and in reports: only with nothing outstanding."""
    if outstanding_findings("quote", quote.pk, [quote.text]):
        raise VoiceError("text", "Remove or confirm each thing the check found before clearing the quote")
    quote.status, quote.cleared_by, quote.cleared_at = QuoteStatus.CLEARED, actor, timezone.now()
    quote.save(update_fields=["status", "cleared_by", "cleared_at"])
    _audit(actor, Action.UPDATE, quote, quote.account.engagement, detail="cleared")
    return quote


def _plural(count: int, word: str, words: str = "") -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def _delete_case_studies(engagement: Engagement) -> int:
    studies = list(engagement.case_studies.all())
    for study in studies:
        SafeFinding.objects.filter(target="case_study", target_id=study.pk).delete()
        study.delete()
    return len(studies)


def _remove_quotes(engagement: Engagement) -> str:
    quotes = Quote.objects.filter(account__engagement=engagement)
    count = quotes.count()
    SafeFinding.objects.filter(
        target="quote", target_id__in=list(quotes.values_list("pk", flat=True))
    ).delete()
    quotes.delete()
    studies = _delete_case_studies(engagement)
    engagement.consent_quote = False
    return f"{_plural(count, 'quote')} and {_plural(studies, 'case study', 'case studies')} deleted"


def _remove_account(engagement: Engagement) -> str:
    parts = []
    if engagement.consent_quote:
        parts.append(_remove_quotes(engagement))
    account = Account.objects.filter(engagement=engagement).first()
    concerns = account.concerns.count() if account else 0
    if account is not None:
        account.delete()
    engagement.consent_keep = False
    parts.insert(0, f"their account and {_plural(concerns, 'coded concern')} deleted")
    if engagement.consent_link:
        parts.append(_remove_link(engagement))
    return "; ".join(parts)


def _remove_contact(engagement: Engagement) -> str:
    engagement.consent_contact, engagement.contact_details = False, ""
    return "their contact details deleted"


def _remove_link(engagement: Engagement) -> str:
    engagement.consent_link, engagement.case = False, None
    return "the link to their case removed"


_REMOVERS = {
    ConsentKind.KEEP: _remove_account,
    ConsentKind.QUOTE: _remove_quotes,
    ConsentKind.CONTACT: _remove_contact,
    ConsentKind.LINK: _remove_link,
}


@transaction.atomic
def consent_withdraw(
    *, actor: User, engagement: Engagement, kind: str, now: datetime | None = None
) -> ConsentWithdrawal:
    """The victim withdrew one consent: remove what it covered, now, and say what was removed."""
    if kind not in _REMOVERS or not engagement.has_consent(kind):
        raise VoiceError("kind", "There is no consent of that kind to withdraw")
    case = engagement.case
    removed = _REMOVERS[ConsentKind(kind)](engagement)
    engagement.save()
    removed = removed[0].upper() + removed[1:] + "."
    withdrawal = ConsentWithdrawal.objects.create(
        engagement=engagement,
        kind=kind,
        withdrawn_at=now or timezone.now(),
        recorded_by=actor,
        removed=removed,
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=engagement,
        case=case,
        person=case.person if case is not None else None,
        changes={f"consent_{kind}": [True, False]},
        detail=f"Consent withdrawn: {removed}"[:300],
    )
    return withdrawal
