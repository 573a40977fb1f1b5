"""The advisory panel's addresses, added to the voice app's (names in its "voice" namespace)."""

from django.urls import URLPattern, path

from victimcare.voice.panel import views

urlpatterns: list[URLPattern] = [
    path("voice/panel/", views.panel_home, name="panel"),
    path("voice/panel/members/new/", views.member_new, name="panel_member_new"),
    path("voice/panel/members/<int:member_id>/", views.member_detail, name="panel_member"),
    path(
        "voice/panel/members/<int:member_id>/withdraw/", views.member_withdraw, name="panel_member_withdraw"
    ),
    path("voice/panel/meetings/new/", views.meeting_new, name="panel_meeting_new"),
    path("voice/panel/meetings/<int:meeting_id>/", views.meeting_detail, name="panel_meeting"),
    path("voice/panel/meetings/<int:meeting_id>/edit/", views.meeting_edit, name="panel_meeting_edit"),
    path("voice/panel/meetings/<int:meeting_id>/actions/new/", views.action_new, name="panel_action_new"),
    path("voice/panel/actions/", views.action_list, name="panel_actions"),
    path("voice/panel/actions/<int:action_id>/", views.action_detail, name="panel_action"),
    path(
        "voice/panel/actions/<int:action_id>/response/", views.action_response, name="panel_action_response"
    ),
]
