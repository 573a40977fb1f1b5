"""Staff sign-in: a password, then a second factor (an authenticator app or a recovery code)."""

from __future__ import annotations

import segno
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.access.capabilities import is_staff_member
from victimcare.accounts.forms import CodeForm, EnrolForm, SignInForm
from victimcare.accounts.services import (
    has_second_factor,
    second_factor_verify,
    totp_enrolment_confirm,
    totp_enrolment_start,
)
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record

NEXT_KEY = "sign_in_next"


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "GET":
        _remember_next(request)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is not None and is_staff_member(user):
            login(request, user)
            _remember_next(request)
            return redirect("accounts:second_factor" if has_second_factor(user) else "accounts:set_up")
        audit_record(
            actor=None, action=Action.SIGN_IN_FAILED, detail=form.cleaned_data["username"], request=request
        )
        # One message whatever went wrong, so the form does not confirm which usernames exist.
        form.add_error(None, "Enter a correct username and password")
    return render(request, "accounts/sign_in.html", {"form": form})


def second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign_in")
    if not has_second_factor(user):
        return redirect("accounts:set_up")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            # A new session key once both factors are proved: a key seen before the second factor
            # (on a shared screen, or fixed by an attacker) opens nothing afterwards.
            request.session.cycle_key()
            audit_record(actor=user, action=Action.SIGN_IN, obj=user, request=request)
            return redirect(_pop_next(request))
        form.add_error("code", "The security code is not right. Check your app and try again")
    return render(request, "accounts/second_factor.html", {"form": form})


def set_up(request: HttpRequest) -> HttpResponse:
    """First sign-in: link an authenticator app, then show recovery codes once."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign_in")
    if has_second_factor(user):
        return redirect("accounts:second_factor")
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = totp_enrolment_confirm(user=user, code=form.cleaned_data["code"].strip())
        if codes is not None:
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            otp_login(request, device)
            request.session.cycle_key()
            audit_record(actor=user, action=Action.SIGN_IN, obj=user, request=request)
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _pop_next(request)}
            )
        form.add_error("code", "The code is not right. Check the time on your phone and try again")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or request.method == "GET":
        device = totp_enrolment_start(user=user)
    return render(request, "accounts/set_up.html", {"form": form, **_enrolment_context(device)})


def _enrolment_context(device: TOTPDevice) -> dict[str, str]:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    qr = segno.make(device.config_url, error="m")
    return {
        "qr_svg": qr.svg_inline(scale=4, dark="#0b0c0c", light="#ffffff", title="QR code to scan"),
        "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(actor=request.user, action=Action.SIGN_OUT, request=request)
    logout(request)
    return render(request, "accounts/signed_out.html")


def _remember_next(request: HttpRequest) -> None:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        request.session[NEXT_KEY] = target


def _pop_next(request: HttpRequest) -> str:
    return str(request.session.pop(NEXT_KEY, "") or "/")
