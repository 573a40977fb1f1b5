"""State changes in the victims' portal: sign-in codes, portal access, representatives, and the
victim's own contact preferences. Each runs in a transaction and writes its audit row.

Sign-in (docs/adr/0021):
1. `sign_in_request` (the web request): counts the rate limits, then writes a SignInChallenge
   for every request, matching or not, and hands it to the job worker. The request does the same
   work whatever was typed, so neither its answer nor its timing says whether a case matched.
2. `sign_in_challenge_process` (the job worker): matches the reference and the email or mobile
   to a case's victim or representative; if they match, stores the code's hash on the challenge
   and writes the code to the outbox (notify's safe-contact rules apply: an unsafe detail never
   matches, a channel the person refused is held).
3. `sign_in_verify` (the web request): the code typed against the challenge in the session:
   expired, used, too many attempts, wrong, or right (single use).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from django_tasks import task

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes
from victimcare.cases.models import CaseRole, EventSource, VictimCase
from victimcare.cases.services import event_record
from victimcare.notify.models import Audience, NotificationPreference
from victimcare.notify.services import message_write, notification_preference_set, victim_context
from victimcare.people.models import Person
from victimcare.people.services import person_create, person_update
from victimcare.portal.auth import portal_actor_label
from victimcare.portal.models import AccountRole, PortalAccess, PortalAccount, SignInChallenge, SignInLimit
from victimcare.refusals import Refusal

log = logging.getLogger(__name__)

EMAIL = "email"
SMS = "sms"
CASE_ROLE_TO_ACCOUNT = {
    CaseRole.VICTIM: AccountRole.VICTIM,
    CaseRole.PARENT_OF_CHILD: AccountRole.PARENT,
    CaseRole.BEREAVED_RELATIVE: AccountRole.SPOKESPERSON,
}


PortalError = Refusal  # the one refusal type (victimcare/refusals.py)


# --- normalising what was typed ------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_reference(text: str) -> str:
    """Crime references are stored upper-case; people type them with spaces and in lower case."""
    return "".join(text.split()).upper()[:40]


def normalise_address(text: str) -> tuple[str, str]:
    """(channel, normalised) for an email address or a UK mobile number; ("", "") for neither.
    A mobile is digits only with +44 or 44 turned into 0: "+44 7700 900123" is "07700900123"."""
    text = text.strip()
    if "@" in text:
        return (EMAIL, text.lower()) if _EMAIL.match(text) else ("", "")
    digits = re.sub(r"[\s()\-.]", "", text)
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if re.fullmatch(r"07\d{9}", digits):
        return SMS, digits
    return "", ""


def keyed_hash(kind: str, value: str) -> str:
    """A hash keyed with the secret key: the same value gives the same hash here, and nobody
    without the key can test guesses against the table."""
    return salted_hmac(f"victimcare.portal.{kind}", value).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _code_hash(challenge: SignInChallenge, code: str) -> str:
    return keyed_hash("code", f"{challenge.token_hash}:{code}")


# --- step 1: asking for a code ---------------------------------------------------------------------


@dataclass(frozen=True)
class CodeRequest:
    token: str | None  # None when a rate limit refused the request
    limited: bool = False


def _limits() -> list[tuple[str, int]]:
    return [
        ("reference", settings.PORTAL_LIMIT_PER_REFERENCE),
        ("address", settings.PORTAL_LIMIT_PER_ADDRESS),
        ("client", settings.PORTAL_LIMIT_PER_CLIENT),
    ]


def _over_limit(keys: dict[str, str], now: datetime) -> bool:
    since = now - timedelta(minutes=settings.PORTAL_LIMIT_MINUTES)
    for kind, limit in _limits():
        if SignInLimit.objects.filter(kind=kind, key=keys[kind], at__gt=since).count() >= limit:
            return True
    return False


@transaction.atomic
def sign_in_request(
    *, reference: str, address: str, client_ip: str, language: str = "en", now: datetime | None = None
) -> CodeRequest:
    """Ask for a sign-in code. Every request that is not rate-limited gets a challenge and the
    same answer; whether the details match a case is worked out by the job worker."""
    now = now or timezone.now()
    reference = normalise_reference(reference)
    channel, normalised = normalise_address(address)
    address_hash = keyed_hash("address", normalised)
    return _challenge_create(
        reference=reference,
        address_hash=address_hash,
        channel=channel,
        client_ip=client_ip,
        language=language,
        now=now,
    )


@transaction.atomic
def sign_in_request_again(*, token: str, client_ip: str, now: datetime | None = None) -> CodeRequest:
    """Send a new code for the same reference and address as an earlier request (the session
    holds its token; the address itself is never stored, only its keyed hash)."""
    now = now or timezone.now()
    earlier = SignInChallenge.objects.filter(token_hash=_token_hash(token)).first()
    if earlier is None:
        return CodeRequest(token=None, limited=False)
    return _challenge_create(
        reference=earlier.reference,
        address_hash=earlier.address_hash,
        channel=earlier.channel,
        client_ip=client_ip,
        language=earlier.language,
        now=now,
    )


def _challenge_create(
    *, reference: str, address_hash: str, channel: str, client_ip: str, language: str, now: datetime
) -> CodeRequest:
    keys = {
        "reference": keyed_hash("reference", reference),
        "address": address_hash,
        "client": keyed_hash("client", client_ip or "unknown"),
    }
    if _over_limit(keys, now):
        return CodeRequest(token=None, limited=True)
    SignInLimit.objects.bulk_create([SignInLimit(kind=k, key=v, at=now) for k, v in keys.items()])
    token = secrets.token_urlsafe(32)
    challenge = SignInChallenge.objects.create(
        token_hash=_token_hash(token),
        reference=reference,
        address_hash=address_hash,
        channel=channel,
        language=language if language in ("en", "cy") else "en",
        created_at=now,
        expires_at=now + timedelta(minutes=settings.PORTAL_CODE_MINUTES),
    )
    transaction.on_commit(lambda: _enqueue(challenge.pk))
    return CodeRequest(token=token)


def _enqueue(challenge_id: int) -> None:
    try:
        sign_in_code_send.enqueue(challenge_id)
    except Exception:
        log.exception("Could not enqueue sign-in challenge %s", challenge_id)


# --- step 2: the job worker matches and sends ----------------------------------------------------


def portal_open(case: VictimCase) -> bool:
    access = PortalAccess.objects.filter(case_id=case.pk).first()
    return access is None or access.enabled


def _address_hash(person: Person, channel: str) -> str:
    """The keyed hash of the person's detail for `channel`, or "" if it is missing or unsafe."""
    if channel == EMAIL and person.email and not person.email_unsafe:
        return keyed_hash("address", normalise_address(person.email)[1] or "-")
    if channel == SMS and person.phone and not person.phone_unsafe:
        return keyed_hash("address", normalise_address(person.phone)[1] or "-")
    return ""


def _matching_account(challenge: SignInChallenge) -> PortalAccount | None:
    """The account whose email or mobile was typed, among the cases on the crime (several
    victims of one crime: the address picks the case). A case with the portal switched off,
    an inactive account, or a detail marked unsafe never matches."""
    if not challenge.channel or not challenge.reference:
        return None
    cases = (
        VictimCase.objects.filter(crime__crime_reference=challenge.reference)
        .select_related("person", "crime")
        .order_by("id")
    )
    for case in cases:
        if not portal_open(case):
            continue
        if _address_hash(case.person, challenge.channel) == challenge.address_hash:
            return _victim_account(case)
        for account in (
            case.portal_accounts.filter(active=True).exclude(person=case.person).select_related("person")
        ):
            if _address_hash(account.person, challenge.channel) == challenge.address_hash:
                return account
    return None


def _victim_account(case: VictimCase) -> PortalAccount | None:
    account, _ = PortalAccount.objects.get_or_create(
        case=case,
        person=case.person,
        defaults={
            "organisation_id": case.organisation_id,
            "role": CASE_ROLE_TO_ACCOUNT.get(CaseRole(case.role), AccountRole.VICTIM),
            "display_name": case.person.first_name or case.person.full_name,
        },
    )
    return account if account.active else None


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@transaction.atomic
def sign_in_challenge_process(*, challenge_id: int) -> str:
    """Match a challenge and, if it matches, send its code. Runs once per challenge."""
    challenge = SignInChallenge.objects.select_for_update().filter(pk=challenge_id).first()
    if challenge is None or challenge.processed_at is not None:
        return "already processed"
    challenge.processed_at = timezone.now()
    account = _matching_account(challenge)
    if account is None:
        challenge.save(update_fields=["processed_at"])
        return "no match"
    code = new_code()
    challenge.account = account
    challenge.code_hash = _code_hash(challenge, code)
    challenge.save(update_fields=["processed_at", "account", "code_hash"])
    case = account.case
    message_write(
        audience=Audience.VICTIM,
        organisation_id=case.organisation_id,
        person=account.person,
        case=case,
        channel=challenge.channel,
        template="sign_in_code",
        context={**victim_context(account.person, case), "code": f"{code[:3]} {code[3:]}"},
        kind="sign_in_code",
    )
    return "sent"


# --- step 3: checking the code ---------------------------------------------------------------------

OK = "ok"
WRONG = "wrong"
EXPIRED = "expired"
USED = "used"
TOO_MANY = "too_many"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    outcome: str
    account: PortalAccount | None = None


@transaction.atomic
def sign_in_verify(*, token: str, code: str, now: datetime | None = None) -> Verification:
    """Check a typed code against the session's challenge. Wrong details and a wrong code give
    the same outcome (WRONG), after the same work."""
    now = now or timezone.now()
    challenge = (
        SignInChallenge.objects.select_for_update().filter(token_hash=_token_hash(token or "-")).first()
    )
    if challenge is None:
        return Verification(UNKNOWN)
    if challenge.used_at is not None:
        return Verification(USED)
    if now >= challenge.expires_at:
        return Verification(EXPIRED)
    if challenge.attempts >= settings.PORTAL_CODE_ATTEMPTS:
        return Verification(TOO_MANY)
    typed = _code_hash(challenge, "".join(code.split()))
    if challenge.account_id is None or not constant_time_compare(typed, challenge.code_hash or "-"):
        challenge.attempts += 1
        challenge.save(update_fields=["attempts"])
        return Verification(TOO_MANY if challenge.attempts >= settings.PORTAL_CODE_ATTEMPTS else WRONG)
    challenge.used_at = now
    challenge.save(update_fields=["used_at"])
    account = PortalAccount.objects.select_related("case", "person").get(pk=challenge.account_id)
    if not account.active or not portal_open(account.case):
        return Verification(WRONG)
    account.last_signed_in_at = now
    account.save(update_fields=["last_signed_in_at"])
    audit_record(
        actor=portal_actor_label(account),
        action=Action.SIGN_IN,
        obj=account,
        person=account.case.person,
        case=account.case,
        detail="portal sign-in",
    )
    return Verification(OK, account)


@transaction.atomic
def sign_in_records_prune(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete challenges and limit rows older than `older_than` (nothing in them is needed
    after the code expired and the limit window passed)."""
    cutoff = timezone.now() - older_than
    challenges, _ = SignInChallenge.objects.filter(created_at__lt=cutoff).delete()
    limits, _ = SignInLimit.objects.filter(at__lt=cutoff).delete()
    return challenges + limits


# --- staff: portal access and representatives -------------------------------------------------------


@transaction.atomic
def portal_access_set(*, actor: User, case: VictimCase, enabled: bool, reason: str = "") -> PortalAccess:
    """Switch the portal on or off for a case. Off needs a reason and ends every portal session
    of the case now; on again does not revive sessions from before."""
    reason = reason.strip()
    if not enabled and not reason:
        raise PortalError("reason", "Enter why portal access is being switched off")
    access = PortalAccess.objects.filter(case=case).first() or PortalAccess(
        case=case, organisation_id=case.organisation_id
    )
    before = {"enabled": access.enabled if access.pk else True}
    access.enabled = enabled
    access.reason = reason if not enabled else ""
    access.changed_by = actor
    access.sessions_valid_from = timezone.now()
    access.save()
    changes = field_changes(before, {"enabled": enabled})
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=access,
        person=case.person,
        case=case,
        changes=changes,
        detail=f"portal access {'on' if enabled else 'off'}: {reason}"[:300],
    )
    return access


@dataclass(frozen=True)
class RepresentativeInput:
    role: str
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    language: str = "en"


@transaction.atomic
def representative_add(*, actor: User, case: VictimCase, data: RepresentativeInput) -> PortalAccount:
    """Let a parent or guardian of a child victim, or a bereaved family's spokesperson, sign in
    for the case with their own email or mobile. They get their own Person record (their own
    contact details and safe-contact rules), never the victim's details."""
    if data.role not in (AccountRole.PARENT, AccountRole.SPOKESPERSON):
        raise PortalError("role", "Choose who they are")
    email_channel, email = normalise_address(data.email) if data.email.strip() else ("", "")
    sms_channel, phone = normalise_address(data.phone) if data.phone.strip() else ("", "")
    if data.email.strip() and email_channel != EMAIL:
        raise PortalError("email", "Enter an email address in the correct format, like name@example.com")
    if data.phone.strip() and sms_channel != SMS:
        raise PortalError("phone", "Enter a UK mobile number, like 07700 900 982")
    if not email and not phone:
        raise PortalError("email", "Enter an email address or a mobile number for the sign-in code")
    channels = [c for c, v in ((EMAIL, email), (SMS, phone)) if v]
    person = person_create(
        actor=actor,
        organisation=case.organisation,
        data={
            "first_name": data.first_name.strip(),
            "last_name": data.last_name.strip(),
            "email": email,
            "phone": phone,
            "allowed_channels": channels,
            "language": data.language if data.language in ("en", "cy") else "en",
        },
    )
    account = PortalAccount.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        person=person,
        role=data.role,
        display_name=person.first_name or person.full_name,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=account,
        person=case.person,
        case=case,
        detail=f"portal {data.role}",
    )
    return account


@transaction.atomic
def portal_account_deactivate(*, actor: User, account: PortalAccount) -> PortalAccount:
    """Stop someone signing in for the case (their sessions end at once)."""
    if not account.active:
        raise PortalError("account", "This person already cannot sign in")
    account.active = False
    account.sessions_valid_from = timezone.now()
    account.save(update_fields=["active", "sessions_valid_from"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=account,
        person=account.case.person,
        case=account.case,
        changes={"active": [True, False]},
    )
    return account


# --- the victim: language and contact preferences ---------------------------------------------------


@transaction.atomic
def portal_language_set(*, account: PortalAccount, language: str) -> PortalAccount:
    if language not in ("en", "cy"):
        raise PortalError("language", "Choose English or Welsh")
    if account.language != language:
        before = account.language
        account.language = language
        account.save(update_fields=["language"])
        audit_record(
            actor=portal_actor_label(account),
            action=Action.UPDATE,
            obj=account,
            person=account.case.person,
            case=account.case,
            changes={"language": [before, language]},
        )
    return account


# Contact settings a victim may change in the portal, with the words the timeline uses.
CONTACT_SETTING_WORDS = {
    "allowed_channels": "how we may contact them",
    "safe_time_from": "safe times to contact them",
    "safe_time_to": "safe times to contact them",
    "no_voicemail": "voicemail",
    "no_letters": "letters",
    "language": "language",
    "other_language": "language",
    "interpreter_needed": "interpreter",
    "accessibility_needs": "accessibility needs",
    "automatic_updates": "automatic updates",
    "preferred_channel": "how automatic updates are sent",
    "discreet": "discreet mode",
}
PERSON_CONTACT_FIELDS = (
    "allowed_channels",
    "safe_time_from",
    "safe_time_to",
    "no_voicemail",
    "no_letters",
    "language",
    "other_language",
    "interpreter_needed",
    "accessibility_needs",
)
PREFERENCE_FIELDS = ("automatic_updates", "preferred_channel", "discreet")


@transaction.atomic
def contact_preferences_change(*, account: PortalAccount, data: dict[str, Any]) -> list[str]:
    """The victim (or their representative) changes how they want to be contacted. Saved
    through the people and notify services (with their checks and audit rows), recorded on the
    case timeline as `contact_preferences_changed` naming what changed (never the values).
    Returns the words for what changed (empty: nothing changed, nothing recorded)."""
    unknown = set(data) - set(PERSON_CONTACT_FIELDS) - set(PREFERENCE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown contact settings: {sorted(unknown)}")
    label = cast(Any, portal_actor_label(account))  # the services record a label for a non-staff actor
    person = account.person
    person_data = {k: v for k, v in data.items() if k in PERSON_CONTACT_FIELDS}
    changed = [k for k, v in person_data.items() if getattr(person, k) != v]
    if changed:
        person_update(actor=label, person=person, data={k: person_data[k] for k in changed})
    preference = NotificationPreference.objects.filter(person=person).first()
    current = {
        "automatic_updates": bool(preference and preference.automatic_updates),
        "preferred_channel": preference.preferred_channel if preference else "",
        "discreet": bool(preference and preference.discreet),
    }
    wanted = {**current, **{k: v for k, v in data.items() if k in PREFERENCE_FIELDS}}
    pref_changed = [k for k in PREFERENCE_FIELDS if wanted[k] != current[k]]
    if pref_changed:
        try:
            notification_preference_set(actor=label, person=person, **wanted)
        except ValueError as err:
            raise PortalError(getattr(err, "field", "automatic_updates"), _victim_words(err)) from None
    words = list(dict.fromkeys(CONTACT_SETTING_WORDS[k] for k in [*changed, *pref_changed]))
    if words:
        event_record(
            actor=None,
            actor_label=portal_actor_label(account),
            case=account.case,
            type="contact_preferences_changed",
            occurred_at=timezone.now(),
            payload={"changed": ", ".join(words)},
            source=EventSource.PORTAL,
        )
    return words


def _victim_words(err: ValueError) -> str:
    """notify's refusals are written for staff ("The victim has not agreed..."); the portal
    says the same thing to the victim."""
    return gettext(
        "Automatic updates need a safe way to reach you: choose email or text message above, "
        "or ask your caseworker to add your details"
    )


# --- jobs for the database worker (`manage.py db_worker`) ----------------------------------------
# Beside the services they call, not in a tasks module: the services enqueue them, so a tasks
# module would import this one and be imported by it (docs/adr/0031). Each only calls a service.


@task()
def sign_in_code_send(challenge_id: int) -> str:
    """Match a sign-in code request to a case and, if it matches, send the code."""
    return sign_in_challenge_process(challenge_id=challenge_id)
