"""A service's reply-by targets for victims' messages, in the administration pages (docs/adr/0043).
Without a row, settings.MESSAGE_REPLY_WORKING_DAYS and MESSAGE_URGENT_REPLY_HOURS apply. A
changed target applies to messages that arrive afterwards; a sent message keeps its reply-by."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from victimcare.access.capabilities import can
from victimcare.accounts.admin import CapabilityAdmin, site
from victimcare.messaging.models import ReplyTarget


@admin.register(ReplyTarget, site=site)
class ReplyTargetAdmin(CapabilityAdmin, admin.ModelAdmin[ReplyTarget]):
    list_display = ("organisation", "team", "working_days", "urgent_hours")
    list_select_related = ("organisation", "team")

    # Administrators look after the targets. Unlike staff or organisations, a target may be
    # removed: nothing points at it, and removing one returns the service to the default.
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, self.capability)
