"""View decorators for staff pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from victimcare.access.capabilities import is_staff_member
from victimcare.accounts.models import User

View = Callable[..., HttpResponse]


class StaffRequest(HttpRequest):
    """A request that passed `staff_required`: its user is a signed-in, verified member of staff."""

    user: User


def staff_required(view: View) -> View:
    """Signed in with a password *and* a second factor, with a staff role.

    Someone signed in with only a password is sent to the second-factor step;
    anyone else to the sign-in page, with the page they wanted kept in `next`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('accounts:sign_in')}?{urlencode({'next': request.get_full_path()})}")
        if not user.is_verified():
            return redirect("accounts:second_factor")
        if not is_staff_member(user):
            return redirect("accounts:sign_in")
        return view(request, *args, **kwargs)

    return wrapper
