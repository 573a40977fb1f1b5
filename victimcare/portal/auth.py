"""Signing in to the victims' portal: the session, the decorators, and the portal's audit rule.

The portal is not a staff login. It keeps its own keys in the session (all starting "portal:"),
never touches Django's auth keys, and staff pages never read these: a staff session in the same
browser gives no portal access, and a portal session gives no staff access (docs/adr/0021).

Pages:
- `@portal_required`: the portal session must be valid (idle under PORTAL_IDLE_MINUTES, younger
  than PORTAL_MAX_HOURS, the account active, portal access on for the case and switched on
  before this sign-in). It sets `request.portal_account` (a PortalAccount, with its case, crime,
  person and the victim's notification preference joined) and `request.portal_case` (the
  VictimCase), refreshes the idle clock and activates the account's language. Otherwise it ends
  the portal session and redirects to the portal sign-in.
- `@portal_public`: signed-out pages (sign-in, how to get support). Sets `request.portal_account`
  to the signed-in account or None, never redirects. The language comes from the middleware
  (victimcare/portal/middleware.py) for every page under /portal/, with or without a decorator.

Audit: every portal page that shows or changes case data calls `portal_audit(request, ...)`
(below). The audit trail's `actor` is a staff User foreign key; the portal records its users the
way audit_record records every non-staff actor: `actor=None` with a label in `actor_label`
("Victim portal: victim, account 12"), with the case and person set so the trail of a victim's
record shows every look, including their own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from victimcare.audit.models import Action, AuditEvent
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.portal import drafts
from victimcare.portal.models import PortalAccount

View = Callable[..., HttpResponse]

SESSION_ACCOUNT = "portal:account"
SESSION_SIGNED_IN = "portal:signed_in"  # epoch seconds
SESSION_SEEN = "portal:seen"  # epoch seconds of the last portal page
SESSION_LANGUAGE = "portal:language"
SESSION_ENDED = "portal:ended"  # why the last portal session ended ("timeout", "signed_out")
SESSION_CHALLENGE = "portal:challenge"  # the pending sign-in code request (views.py)
# The account whose session last timed out in this browser: a form posted after the time-out is
# kept for that account (KeptDraft), and offered back when the same account signs in again.
SESSION_TIMED_OUT = "portal:timed_out"
SESSION_DRAFT_KEPT = "portal:draft_kept"  # the page whose form was kept, for the sign-in page
PORTAL_KEYS = (SESSION_ACCOUNT, SESSION_SIGNED_IN, SESSION_SEEN, SESSION_LANGUAGE)

LANGUAGE_COOKIE = "portal_language"
DISCREET_COOKIE = "portal_discreet"
PORTAL_LANGUAGES = ("en", "cy")


class PortalRequest(HttpRequest):
    """A request that passed `portal_required`."""

    portal_account: PortalAccount
    portal_case: VictimCase
    portal_discreet: bool


def portal_required(view: View) -> View:
    """Only for someone signed in to the portal; see the module docstring."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account = session_account(request)
        if account is None:
            return redirect("portal:sign_in")
        _attach(request, account)
        request.session[SESSION_SEEN] = time.time()
        translation.activate(account.language_code)
        request.LANGUAGE_CODE = account.language_code
        return view(request, *args, **kwargs)

    return wrapper


def portal_public(view: View) -> View:
    """A signed-out portal page: `request.portal_account` is the signed-in account or None."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        portal_visitor(request)
        return view(request, *args, **kwargs)

    return wrapper


def portal_visitor(request: HttpRequest) -> PortalAccount | None:
    """For a page anyone may open (a signed-out page, the portal's "Page not found"): set
    `request.portal_account` to the signed-in account or None, and `request.portal_discreet`
    from the account or, signed out, from the discreet-mode cookie."""
    account = session_account(request)
    if account is not None:
        _attach(request, account)
        request.session[SESSION_SEEN] = time.time()
    else:
        request.portal_account = None  # type: ignore[attr-defined]
        request.portal_discreet = request.COOKIES.get(DISCREET_COOKIE) == "1"  # type: ignore[attr-defined]
    return account


def _attach(request: HttpRequest, account: PortalAccount) -> None:
    request.portal_account = account  # type: ignore[attr-defined]
    request.portal_case = account.case  # type: ignore[attr-defined]
    request.portal_discreet = is_discreet(account)  # type: ignore[attr-defined]


def is_discreet(account: PortalAccount) -> bool:
    preference = getattr(account.person, "notification_preference", None)
    return bool(preference and preference.discreet)


def session_account(request: HttpRequest) -> PortalAccount | None:
    """The portal account of this session if the session is still valid; otherwise None, and
    the portal's keys are removed from the session (the staff keys are left alone)."""
    session = request.session
    account_id = session.get(SESSION_ACCOUNT)
    if account_id is None:
        return None
    now = time.time()
    signed_in = float(session.get(SESSION_SIGNED_IN, 0))
    seen = float(session.get(SESSION_SEEN, 0))
    if now - seen > settings.PORTAL_IDLE_MINUTES * 60 or now - signed_in > settings.PORTAL_MAX_HOURS * 3600:
        portal_session_end(request, reason="timeout")
        return None
    account = (
        PortalAccount.objects.select_related(
            "case__crime",
            "case__person",
            "case__caseworker",
            "case__portal_access",
            "case__rights",
            "person__notification_preference",
        )
        .filter(pk=account_id, active=True)
        .first()
    )
    if account is None or not _still_allowed(account, signed_in):
        portal_session_end(request, reason="timeout")
        return None
    return account


def _still_allowed(account: PortalAccount, signed_in: float) -> bool:
    access = getattr(account.case, "portal_access", None)
    if access is not None and not access.enabled:
        return False
    for valid_from in (account.sessions_valid_from, access.sessions_valid_from if access else None):
        if valid_from is not None and signed_in < valid_from.timestamp():
            return False
    return True


def seconds_left(request: HttpRequest) -> int:
    """How long the signed-in portal session has before it times out: the idle limit from now
    (this request refreshed the idle clock), or less if the longest session ends sooner."""
    signed_in = float(request.session.get(SESSION_SIGNED_IN, 0))
    idle = settings.PORTAL_IDLE_MINUTES * 60
    longest = settings.PORTAL_MAX_HOURS * 3600 - (time.time() - signed_in)
    return max(0, int(min(idle, longest)))


def portal_keeps_draft(page: str, field: str) -> Callable[[View], View]:
    """`portal_required`, and a form posted after the session timed out is not lost: its `field`
    is kept on the server for the account whose session it was (services.draft_keep) and the
    victim is sent to sign in again, told it was kept and not sent. The timeout warning's script
    posts the form with `timed_out=1` when the time runs out; that is kept the same way (and
    ends the session) even if the server's clock has a second left. Nothing is kept in the
    browser (docs/adr/0058)."""

    def decorate(view: View) -> View:
        guarded = portal_required(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            text = request.POST.get(field, "") if request.method == "POST" else ""
            if text.strip():
                account = session_account(request)
                if account is not None and request.POST.get("timed_out") == "1":
                    portal_session_end(request, reason="timeout")
                    account = None
                timed_out = request.session.get(SESSION_TIMED_OUT)
                if account is None and timed_out is not None:
                    if drafts.draft_keep(account_id=int(timed_out), page=page, body=text) is not None:
                        request.session[SESSION_DRAFT_KEPT] = page
                    return redirect("portal:sign_in")
            return guarded(request, *args, **kwargs)

        return wrapper

    return decorate


def portal_session_start(request: HttpRequest, account: PortalAccount) -> None:
    """Sign in: a new session key (no fixation), the portal's keys set, nothing else changed."""
    request.session.cycle_key()
    request.session.pop(SESSION_TIMED_OUT, None)
    request.session.pop(SESSION_DRAFT_KEPT, None)
    now = time.time()
    request.session[SESSION_ACCOUNT] = account.pk
    request.session[SESSION_SIGNED_IN] = now
    request.session[SESSION_SEEN] = now
    request.session[SESSION_LANGUAGE] = account.language_code
    request.session.pop(SESSION_ENDED, None)


def portal_session_end(request: HttpRequest, *, reason: str) -> None:
    """Sign out of the portal only: a staff sign-in in the same browser stays as it was."""
    account_id = request.session.get(SESSION_ACCOUNT)
    for key in PORTAL_KEYS:
        request.session.pop(key, None)
    request.session[SESSION_ENDED] = reason
    if reason == "timeout" and account_id is not None:
        request.session[SESSION_TIMED_OUT] = account_id
    elif reason != "timeout":
        request.session.pop(SESSION_TIMED_OUT, None)
        request.session.pop(SESSION_DRAFT_KEPT, None)


def portal_actor_label(account: PortalAccount) -> str:
    """How the audit trail names a portal user (no staff User exists for them)."""
    return f"Victim portal: {account.role}, account {account.pk} ({account.display_name})"[:200]


def portal_audit(
    request: HttpRequest,
    *,
    action: str = Action.VIEW,
    obj: Model | None = None,
    detail: str = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Audit a portal page that shows or changes case data, as the signed-in portal account.

    Copy this from any portal page (messaging, requests, survey): call it once per request,
    after `portal_required`, with `obj` the record shown or changed (default: the case) and
    `detail` naming the page ("portal: my case"). actor=None + a label, as for every non-staff
    actor; the case and person make it show in "who has looked at this person?"."""
    account: PortalAccount = request.portal_account  # type: ignore[attr-defined]
    case = account.case
    return audit_record(
        actor=portal_actor_label(account),
        action=action,
        obj=obj if obj is not None else case,
        person=case.person,
        case=case,
        changes=changes,
        detail=detail,
        request=request,
    )
