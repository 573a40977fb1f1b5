"""The staff users page: administrators add and deactivate staff and reset a second factor,
without the shell or the Django admin (docs/adr/0044). Anyone else gets "Page not found"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_staff_user_for_user, staff_organisations_for, staff_users_visible_to
from victimcare.access.services import second_factor_reset, staff_user_add, staff_user_deactivate
from victimcare.accounts.forms import StaffUserForm
from victimcare.refusals import Refusal, refusal_on_form


def _require_manager(request: StaffRequest) -> None:
    if not can(request.user, Capability.MANAGE_STAFF):
        raise Http404


@staff_required
def staff_users(request: StaffRequest) -> HttpResponse:
    _require_manager(request)
    users = (
        staff_users_visible_to(request.user)
        .select_related("organisation")
        .annotate(has_factor=Exists(TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)))
        .order_by("-is_active", "organisation__name", "last_name", "first_name", "id")
    )
    page = Paginator(users, int(settings.PAGE_SIZE)).get_page(request.GET.get("page"))
    return render(request, "accounts/staff_users.html", {"page": page})


@staff_required
def staff_user_new(request: StaffRequest) -> HttpResponse:
    _require_manager(request)
    form = StaffUserForm(request.POST or None, organisations=staff_organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = staff_user_add(
                actor=request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                organisation=data["organisation"],
                role=data["role"],
                teams=data["teams"],
            )
        except Refusal as refusal:
            refusal_on_form(form, refusal)
        else:
            # Shown once, never stored in the clear: the page is not cached (NoStoreMiddleware).
            return render(request, "accounts/staff_user_added.html", {"new_user": user, "password": password})
    return render(request, "accounts/staff_user_form.html", {"form": form})


# Each change has its own page asking to confirm it, with one button.
CONFIRM = {
    "deactivate": (
        "Deactivate {name}?",
        "They will not be able to sign in, and any session they have will stop working. Everything "
        "they recorded keeps their name.",
        "Deactivate",
        "{name} is deactivated",
    ),
    "reset": (
        "Reset the second factor of {name}?",
        "Their authenticator app and recovery codes will stop working. The next time they sign in "
        "with their password they set up a new one.",
        "Reset second factor",
        "The second factor of {name} is reset. They set up a new one when they next sign in",
    ),
}


@staff_required
def staff_user_change(request: StaffRequest, user_id: int, change: str) -> HttpResponse:
    _require_manager(request)
    if change not in CONFIRM:
        raise Http404
    target = access_staff_user_for_user(request.user, user_id)
    heading, body, button, done = CONFIRM[change]
    name = target.display_name
    error = ""
    if request.method == "POST":
        service = staff_user_deactivate if change == "deactivate" else second_factor_reset
        try:
            service(actor=request.user, user=target)
        except Refusal as refusal:
            error = refusal.message
        else:
            messages.success(request, done.format(name=name))
            return redirect("accounts:staff_users")
    return render(
        request,
        "accounts/staff_user_confirm.html",
        {
            "target": target,
            "heading": heading.format(name=name),
            "body": body,
            "button": button,
            "error": error,
        },
    )
