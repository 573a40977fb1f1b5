"""The advisory panel's records a user may reach: those of their own office, for the holders of
MANAGE_ADVISORY_PANEL (an OPCC's Champions and victim care supervisors). Anyone else, and any
record of another office, is a 404, exactly as a missing one."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from victimcare.access.capabilities import Capability, can
from victimcare.voice.panel.models import PanelAction, PanelMeeting, PanelMember


def may_manage_panel(user: Any) -> bool:
    return can(user, Capability.MANAGE_ADVISORY_PANEL)


def _scoped(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    if not may_manage_panel(user):
        return qs.none()
    return qs.filter(organisation_id=user.organisation_id)


def panel_members_visible_to(user: Any) -> QuerySet[PanelMember]:
    return _scoped(user, PanelMember.objects.all())


def panel_meetings_visible_to(user: Any) -> QuerySet[PanelMeeting]:
    return _scoped(user, PanelMeeting.objects.all())


def panel_actions_visible_to(user: Any) -> QuerySet[PanelAction]:
    return _scoped(user, PanelAction.objects.select_related("owner", "meeting"))


def _one(qs: QuerySet[Any], pk: int | str) -> Any:
    try:
        return qs.get(pk=int(pk))
    except (ValueError, qs.model.DoesNotExist):
        raise Http404 from None


def access_panel_member_for_user(user: Any, member_id: int | str) -> PanelMember:
    return _one(panel_members_visible_to(user), member_id)  # type: ignore[no-any-return]


def access_panel_meeting_for_user(user: Any, meeting_id: int | str) -> PanelMeeting:
    return _one(panel_meetings_visible_to(user), meeting_id)  # type: ignore[no-any-return]


def access_panel_action_for_user(user: Any, action_id: int | str) -> PanelAction:
    return _one(panel_actions_visible_to(user), action_id)  # type: ignore[no-any-return]
