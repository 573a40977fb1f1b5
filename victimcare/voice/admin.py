"""The OPCC's theme taxonomy, in the administration pages (administrators of the OPCC).
Sub-themes are retired (not active) rather than deleted, so coding done with them is kept."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from victimcare.access.capabilities import can_administer_themes
from victimcare.accounts.admin import site
from victimcare.voice.models import SubTheme, Theme


class TaxonomyPermissions:
    """The OPCC's administrators change the taxonomy (the admin site lets in only administrators);
    nobody deletes from it."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_administer_themes(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_administer_themes(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return can_administer_themes(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_administer_themes(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SubThemeInline(TaxonomyPermissions, admin.TabularInline[SubTheme, Theme]):
    model = SubTheme
    extra = 1
    fields = ("name", "position", "active")


@admin.register(Theme, site=site)
class ThemeAdmin(TaxonomyPermissions, admin.ModelAdmin[Theme]):
    list_display = ("name", "position", "active")
    inlines = [SubThemeInline]


@admin.register(SubTheme, site=site)
class SubThemeAdmin(TaxonomyPermissions, admin.ModelAdmin[SubTheme]):
    list_display = ("name", "theme", "position", "active")
    list_filter = ("theme", "active")
