"""Django admin, for administrators only (a verified second factor and the admin role)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import Organisation, Team, User

# Generic only in the type stubs (see cases/forms.py).
if TYPE_CHECKING:
    _UserAdmin = BaseUserAdmin[User]
else:
    _UserAdmin = BaseUserAdmin


class VictimcareAdminSite(admin.AdminSite):
    site_header = "Victim care administration"
    site_title = "Victim care administration"

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and user.is_staff
            and user.is_verified()
            and (can(user, Capability.USE_ADMIN_SITE) or user.is_superuser)
        )

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # One way in: the staff sign-in with its second factor. Signed-in staff who are
        # not administrators get the ordinary "not found" page.
        user: Any = request.user
        if user.is_authenticated and user.is_verified():
            raise Http404
        return redirect(f"/sign-in/?next={request.GET.get('next', '/admin/')}")


site = VictimcareAdminSite(name="admin")


@admin.register(Organisation, site=site)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "kind", "force")
    list_filter = ("kind",)


@admin.register(Team, site=site)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)


@admin.register(User, site=site)
class UserAdmin(_UserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "role", "is_active")
    list_filter = ("role", "organisation", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("Organisation and role", {"fields": ("organisation", "role", "teams")}),
    )
