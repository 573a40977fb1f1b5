"""Django admin, for administrators only (a verified second factor and the admin role)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

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


class CapabilityAdmin:
    """What a model's admin pages allow, from the capability table rather than Django's model
    permissions (which no one is given): those who hold `capability` (by default the admin
    site's own) may view, add and change. Nothing is deleted: the audit trail points at staff,
    organisations and clients, so they are made inactive or revoked instead."""

    capability: ClassVar[Capability] = Capability.USE_ADMIN_SITE

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can(request.user, self.capability)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, self.capability)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return can(request.user, self.capability)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, self.capability)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation, site=site)
class OrganisationAdmin(CapabilityAdmin, admin.ModelAdmin[Organisation]):
    list_display = ("name", "kind", "force")
    list_filter = ("kind",)


@admin.register(Team, site=site)
class TeamAdmin(CapabilityAdmin, admin.ModelAdmin[Team]):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)


@admin.register(User, site=site)
class UserAdmin(CapabilityAdmin, _UserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "role", "is_active")
    list_filter = ("role", "organisation", "is_active")
    # The role decides what a user may do (the capability table), so Django's groups and model
    # permissions are not offered, and no one is made a superuser from here.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Organisation and role", {"fields": ("organisation", "role", "teams")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("is_superuser", "last_login", "date_joined")
