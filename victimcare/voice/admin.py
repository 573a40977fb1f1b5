"""The OPCC's theme taxonomy, in the administration pages (administrators of the OPCC).
Sub-themes are retired (not active) rather than deleted, so coding done with them is kept."""

from __future__ import annotations

from django.contrib import admin

from victimcare.accounts.admin import site
from victimcare.voice.models import SubTheme, Theme


class SubThemeInline(admin.TabularInline[SubTheme, Theme]):
    model = SubTheme
    extra = 1
    fields = ("name", "position", "active")


@admin.register(Theme, site=site)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ("name", "position", "active")
    inlines = [SubThemeInline]

    def has_delete_permission(self, request: object, obj: Theme | None = None) -> bool:
        return False


@admin.register(SubTheme, site=site)
class SubThemeAdmin(admin.ModelAdmin[SubTheme]):
    list_display = ("name", "theme", "position", "active")
    list_filter = ("theme", "active")

    def has_delete_permission(self, request: object, obj: SubTheme | None = None) -> bool:
        return False
