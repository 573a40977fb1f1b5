"""The victims' portal pages. Signed-in pages use `portal_required` and audit every look at the
case through `portal_audit`; nothing here reads or sets a staff login."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from victimcare.audit.clients import client_ip
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.events import Stage
from victimcare.notify.models import NotificationPreference
from victimcare.portal import drafts, selectors, services
from victimcare.portal.auth import (
    DISCREET_COOKIE,
    LANGUAGE_COOKIE,
    PORTAL_LANGUAGES,
    SESSION_CHALLENGE,
    SESSION_DRAFT_KEPT,
    SESSION_ENDED,
    SESSION_LANGUAGE,
    SESSION_TIMED_OUT,
    PortalRequest,
    is_discreet,
    portal_actor_label,
    portal_audit,
    portal_public,
    portal_required,
    portal_session_end,
    portal_session_start,
    seconds_left,
)
from victimcare.portal.forms import CodeForm, ContactForm, SignInForm
from victimcare.refusals import refusal_on_form
from victimcare.support.selectors import portal_referrals, self_referral_services

COOKIE_AGE = 365 * 24 * 3600


def _client_ip(request: HttpRequest) -> str:
    return client_ip(request) or ""


def _set_discreet_cookie(response: HttpResponse, discreet: bool) -> None:
    """Signed-out pages in this browser keep a neutral tab title once discreet mode is on."""
    if discreet:
        response.set_cookie(DISCREET_COOKIE, "1", max_age=COOKIE_AGE, samesite="Lax",
                            secure=settings.SESSION_COOKIE_SECURE, httponly=True)  # fmt: skip
    else:
        response.delete_cookie(DISCREET_COOKIE, samesite="Lax")


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    """The portal language, read only by the server: Secure outside the demo, never readable by
    a script."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )


# --- signing in -----------------------------------------------------------------------------------


@portal_public
def sign_in(request: HttpRequest) -> HttpResponse:
    if getattr(request, "portal_account", None) is not None:
        return redirect("portal:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.sign_in_request(
            reference=form.cleaned_data["reference"],
            address=form.cleaned_data["address"],
            client_ip=_client_ip(request),
            language=get_language() or "en",
        )
        if result.token is not None:
            request.session[SESSION_CHALLENGE] = {
                "token": result.token,
                "reference": form.cleaned_data["reference"],
            }
            return redirect("portal:code")
        form.add_error(None, _("You have asked for too many codes. Wait 15 minutes, then try again."))
    ended = request.session.pop(SESSION_ENDED, None) if request.method == "GET" else None
    kept = request.session.get(SESSION_DRAFT_KEPT) is not None
    return render(
        request, "portal/sign_in.html", {"form": form, "timed_out": ended == "timeout", "draft_kept": kept}
    )


# Where a kept draft is offered back, by the page it was kept from (portal_keeps_draft).
DRAFT_PAGES = {"messages": "portal_messaging:inbox"}


def _after_sign_in(account: Any) -> str:
    """Home, or the page whose form was kept when this account's last session timed out."""
    for page, url_name in DRAFT_PAGES.items():
        if drafts.draft_for(account, page) is not None:
            return reverse(url_name)
    return reverse("portal:home")


CODE_ERRORS = {
    services.WRONG: lambda: _("The code is not right. Check it and try again, or send a new code."),
    services.EXPIRED: lambda: _("This code has expired. Send a new code."),
    services.USED: lambda: _("This code has already been used. Send a new code."),
    services.TOO_MANY: lambda: _("You have entered a wrong code too many times. Send a new code."),
}


@portal_public
def code(request: HttpRequest) -> HttpResponse:
    if getattr(request, "portal_account", None) is not None:
        return redirect("portal:home")
    challenge = request.session.get(SESSION_CHALLENGE)
    if not challenge:
        return redirect("portal:sign_in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.sign_in_verify(token=challenge["token"], code=form.cleaned_data["code"])
        if result.outcome == services.OK and result.account is not None:
            chosen = request.COOKIES.get(LANGUAGE_COOKIE, "")
            if not result.account.language and chosen in PORTAL_LANGUAGES:
                # The language picked on the sign-in pages becomes the account's first choice.
                services.portal_language_set(account=result.account, language=chosen)
            portal_session_start(request, result.account)
            response = redirect(_after_sign_in(result.account))
            _set_discreet_cookie(response, is_discreet(result.account))
            _set_language_cookie(response, result.account.language_code)
            return response
        if result.outcome == services.UNKNOWN:
            return redirect("portal:sign_in")
        form.add_error("code", CODE_ERRORS[result.outcome]())
    return render(request, "portal/code.html", {"form": form, "reference": challenge.get("reference", "")})


@require_POST
@portal_public
def new_code(request: HttpRequest) -> HttpResponse:
    challenge = request.session.get(SESSION_CHALLENGE)
    if not challenge:
        return redirect("portal:sign_in")
    result = services.sign_in_request_again(token=challenge["token"], client_ip=_client_ip(request))
    if result.token is None:
        form = CodeForm()
        if result.limited:
            form.add_error(None, _("You have asked for too many codes. Wait 15 minutes, then try again."))
            return render(
                request, "portal/code.html", {"form": form, "reference": challenge.get("reference", "")}
            )
        return redirect("portal:sign_in")
    request.session[SESSION_CHALLENGE] = {"token": result.token, "reference": challenge.get("reference", "")}
    messages.success(request, _("If your details match a case, we have sent you a new code."))
    return redirect("portal:code")


def _portal_sign_out(request: HttpRequest, *, detail: str, reason: str) -> None:
    account = getattr(request, "portal_account", None)
    if account is not None:
        audit_record(
            actor=portal_actor_label(account),
            action=Action.SIGN_OUT,
            obj=account,
            person=account.case.person,
            case=account.case,
            detail=detail,
            request=request,
        )
    portal_session_end(request, reason=reason)


@require_POST
@portal_public
def sign_out(request: HttpRequest) -> HttpResponse:
    _portal_sign_out(request, detail="portal sign-out", reason="signed_out")
    return redirect("portal:signed_out")


@portal_public
def exit_page(request: HttpRequest) -> HttpResponse:
    """ "Exit this page": end the portal session first, so Back or another tab shows nothing of
    the case, then leave for a neutral site. A link (GET) on purpose: it must work in one press,
    with or without JavaScript, and all it can do is sign the victim out. A message kept when an
    earlier session timed out is deleted too: nothing is left to find (docs/adr/0058)."""
    account = getattr(request, "portal_account", None)
    account_id = account.pk if account is not None else request.session.get(SESSION_TIMED_OUT)
    if account_id is not None:
        drafts.drafts_discard(account_id=int(account_id))
    _portal_sign_out(request, detail="portal exit this page", reason="exited")
    response = HttpResponseRedirect(settings.PORTAL_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
@portal_required
def session_extend(request: PortalRequest) -> HttpResponse:
    """ "Stay signed in" in the timeout warning: `portal_required` has refreshed the idle clock.
    The warning's script asks with fetch and gets the seconds left; without a script (a plain
    form post) it goes back to the page it came from."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"seconds_left": seconds_left(request)})
    return HttpResponseRedirect(_safe_next(request))


@portal_public
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/signed_out.html")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if ok and target.startswith("/portal/") else reverse("portal:home")


@require_POST
@portal_public
def language(request: HttpRequest, language: str) -> HttpResponse:
    """The language switcher: remembered in a cookie (signed-out pages) and, when signed in, on
    the account. It changes state, so it is a form posted with a CSRF token (a button in GOV.UK's
    language navigation), never a link another site could make a browser follow."""
    if language not in PORTAL_LANGUAGES:
        language = "en"
    account = getattr(request, "portal_account", None)
    if account is not None:
        services.portal_language_set(account=account, language=language)
        request.session[SESSION_LANGUAGE] = language
    response = HttpResponseRedirect(_safe_next(request))
    _set_language_cookie(response, language)
    return response


# --- the signed-in pages ----------------------------------------------------------------------------


@portal_required
def home(request: PortalRequest) -> HttpResponse:
    case = request.portal_case
    portal_audit(request, detail="portal: my case")
    return render(
        request,
        "portal/home.html",
        {
            "account": request.portal_account,
            "case": case,
            "stage_name": selectors.STAGE_NAMES.get(Stage(case.stage), ""),
            "next_steps": selectors.NEXT_STEPS.get(Stage(case.stage), ""),
            "timeline": selectors.timeline(case),
            "contact": selectors.contact_for(case),
        },
    )


@portal_required
def rights(request: PortalRequest) -> HttpResponse:
    case = request.portal_case
    portal_audit(request, detail="portal: my rights")
    return render(
        request,
        "portal/rights.html",
        {"view": selectors.rights_for(case), "contact": selectors.contact_for(case)},
    )


@portal_required
def support(request: PortalRequest) -> HttpResponse:
    case = request.portal_case
    portal_audit(request, detail="portal: my support")
    referrals = [(r, selectors.referral_words(r.status)) for r in portal_referrals(case)]
    return render(
        request,
        "portal/support.html",
        {"referrals": referrals, "contact": selectors.contact_for(case)},
    )


@portal_public
def get_support(request: HttpRequest) -> HttpResponse:
    """How to get support at any time, reported or not: public, no sign-in, no case data."""
    return render(request, "portal/get_support.html", {"services": self_referral_services()})


def _contact_initial(request: PortalRequest) -> dict[str, Any]:
    person = request.portal_account.person
    pref = NotificationPreference.objects.filter(person=person).first()
    return {
        "allowed_channels": [
            c for c in person.allowed_channels or [] if c in ("email", "sms", "phone", "letter")
        ],
        "safe_time_from": person.safe_time_from.strftime("%H:%M") if person.safe_time_from else "",
        "safe_time_to": person.safe_time_to.strftime("%H:%M") if person.safe_time_to else "",
        "no_voicemail": person.no_voicemail,
        "no_letters": person.no_letters,
        "language": person.language,
        "other_language": person.other_language,
        "interpreter_needed": "yes" if person.interpreter_needed else "no",
        "accessibility_needs": person.accessibility_needs,
        "automatic_updates": "yes" if pref and pref.automatic_updates else "no",
        "preferred_channel": pref.preferred_channel
        if pref and pref.preferred_channel in ("email", "sms")
        else "",
        "discreet": "yes" if pref and pref.discreet else "no",
    }


@portal_required
def contact(request: PortalRequest) -> HttpResponse:
    account = request.portal_account
    form = ContactForm(request.POST or None, initial=_contact_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.contact_preferences_change(account=account, data=form.settings())
        except services.PortalError as err:
            refusal_on_form(form, err)
        else:
            portal_audit(request, action=Action.UPDATE, detail="portal: contact preferences")
            messages.success(request, _("Your choices are saved.") if changed else _("Nothing was changed."))
            response = redirect("portal:contact")
            _set_discreet_cookie(response, form.settings()["discreet"])
            return response
    else:
        portal_audit(request, detail="portal: how to contact me")
    person = account.person
    return render(
        request,
        "portal/contact.html",
        {
            "form": form,
            "has_email": bool(person.email),
            "has_phone": bool(person.phone),
            "contact": selectors.contact_for(request.portal_case),
        },
    )
