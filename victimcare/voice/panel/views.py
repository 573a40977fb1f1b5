"""The advisory panel's pages (docs/adr/0047): members and their contact rules, meetings with
their agenda, attendance and minutes, and the actions arising for the Victims' Mission Board.
For the holders of MANAGE_ADVISORY_PANEL only (anyone else: 404); every page is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.refusals import Refusal, refusal_on_form
from victimcare.voice.champion_views import form_page
from victimcare.voice.panel import services as svc
from victimcare.voice.panel.forms import ActionForm, ActionResponseForm, MeetingForm, MemberForm
from victimcare.voice.panel.models import ActionStatus, PanelMeeting
from victimcare.voice.panel.selectors import (
    access_panel_action_for_user,
    access_panel_meeting_for_user,
    access_panel_member_for_user,
    may_manage_panel,
    panel_actions_visible_to,
    panel_meetings_visible_to,
    panel_members_visible_to,
)


def _look(request: StaffRequest, obj: Any = None, detail: str = "") -> None:
    audit_record(actor=request.user, action=Action.VIEW, obj=obj, detail=detail, request=request)


def _manager(request: StaffRequest) -> None:
    if not may_manage_panel(request.user):
        raise Http404


@staff_required
def panel_home(request: StaffRequest) -> HttpResponse:
    _manager(request)
    _look(request, detail="Advisory panel")
    today = timezone.localdate()
    actions = panel_actions_visible_to(request.user).exclude(status=ActionStatus.WITHDRAWN)
    context = {
        "members": panel_members_visible_to(request.user),
        "meetings": panel_meetings_visible_to(request.user).prefetch_related("attendees")[:50],
        "overdue": sum(1 for a in actions if a.is_overdue(today)),
        "open": sum(1 for a in actions if a.status == ActionStatus.OPEN),
    }
    return render(request, "voice/panel/home.html", context)


def _rules(data: dict[str, Any]) -> svc.ContactRules:
    flags = set(data["unsafe"]) | set(data["limits"])
    return svc.ContactRules(
        email=data["email"], phone=data["phone"], address=data["address"],
        allowed_channels=data["allowed_channels"], safe_time_from=data["safe_time_from"],
        safe_time_to=data["safe_time_to"], code_word=data["code_word"],
        **{f: f in flags for f in ("email_unsafe", "phone_unsafe", "address_unsafe", "no_voicemail", "no_letters")},
    )  # fmt: skip


@staff_required
def member_new(request: StaffRequest) -> HttpResponse:
    _manager(request)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = svc.panel_member_add(
                actor=request.user, name=data["name"], kind=data["kind"],
                member_organisation=data["member_organisation"],
                consent_recorded_on=data["consent_recorded_on"], rules=_rules(data),
            )  # fmt: skip
        except Refusal as refused:
            refusal_on_form(form, refused)
        else:
            messages.success(request, f"{member.name} added to the panel")
            return redirect("voice:panel_member", member.pk)
    _look(request, detail="Advisory panel: add a member")
    intro = "Ask how and when it is safe to contact them, as you would a victim."
    return form_page(request, form, "Add a panel member", "/voice/panel/", "Back to the advisory panel",
                     "Add the member", intro)  # fmt: skip


@staff_required
def member_detail(request: StaffRequest, member_id: int) -> HttpResponse:
    member = access_panel_member_for_user(request.user, member_id)
    _look(request, member)
    context = {"member": member, "routes": member.contact_routes(), "meetings": member.meetings.all()}
    return render(request, "voice/panel/member_detail.html", context)


@staff_required
def member_withdraw(request: StaffRequest, member_id: int) -> HttpResponse:
    member = access_panel_member_for_user(request.user, member_id)
    if not member.active:
        raise Http404
    if request.method == "POST":
        svc.panel_member_consent_withdraw(actor=request.user, member=member)
        messages.success(request, f"Consent withdrawn. {member.removed}")
        return redirect("voice:panel_member", member.pk)
    _look(request, member, "withdraw consent")
    return render(request, "voice/panel/member_withdraw.html", {"member": member})


def _meeting_form(request: StaffRequest, meeting: PanelMeeting | None) -> MeetingForm:
    members = list(panel_members_visible_to(request.user).filter(consent_withdrawn_at__isnull=True))
    initial = None
    if meeting is not None:
        initial = {
            "held_on": meeting.held_on, "place": meeting.place, "minutes": meeting.minutes,
            "agenda": "\n".join(i.title for i in meeting.agenda.all()),
            "attendees": [m.pk for m in meeting.attendees.all()],
        }  # fmt: skip
    return MeetingForm(request.POST or None, members=members, initial=initial)


@staff_required
def meeting_new(request: StaffRequest) -> HttpResponse:
    _manager(request)
    form = _meeting_form(request, None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = svc.panel_meeting_record(
                actor=request.user, held_on=data["held_on"], place=data["place"], agenda=data["agenda"],
                attendee_ids=data["attendees"], minutes=data["minutes"],
            )  # fmt: skip
        except Refusal as refused:
            refusal_on_form(form, refused)
        else:
            messages.success(request, "Meeting recorded")
            return redirect("voice:panel_meeting", meeting.pk)
    _look(request, detail="Advisory panel: record a meeting")
    return form_page(request, form, "Record a panel meeting", "/voice/panel/", "Back to the advisory panel",
                     "Record the meeting")  # fmt: skip


@staff_required
def meeting_edit(request: StaffRequest, meeting_id: int) -> HttpResponse:
    meeting = access_panel_meeting_for_user(request.user, meeting_id)
    form = _meeting_form(request, meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.panel_meeting_update(
                actor=request.user, meeting=meeting, held_on=data["held_on"], place=data["place"],
                agenda=data["agenda"], attendee_ids=data["attendees"], minutes=data["minutes"],
            )  # fmt: skip
        except Refusal as refused:
            refusal_on_form(form, refused)
        else:
            messages.success(request, "Meeting updated")
            return redirect("voice:panel_meeting", meeting.pk)
    _look(request, meeting, "edit")
    back = f"/voice/panel/meetings/{meeting.pk}/"
    return form_page(request, form, "Change the meeting and its minutes", back, "Back to the meeting",
                     "Save the meeting")  # fmt: skip


@staff_required
def meeting_detail(request: StaffRequest, meeting_id: int) -> HttpResponse:
    meeting = access_panel_meeting_for_user(request.user, meeting_id)
    _look(request, meeting)
    today = timezone.localdate()
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda.all(),
        "attendees": meeting.attendees.all(),
        "actions": [(a, a.is_overdue(today)) for a in meeting.actions.select_related("owner")],
    }
    return render(request, "voice/panel/meeting_detail.html", context)


def _owners(user: User) -> list[User]:
    candidates = User.objects.filter(organisation_id=user.organisation_id or 0, is_active=True)
    return [u for u in candidates if can(u, Capability.MANAGE_ADVISORY_PANEL)]


@staff_required
def action_new(request: StaffRequest, meeting_id: int) -> HttpResponse:
    meeting = access_panel_meeting_for_user(request.user, meeting_id)
    owners = _owners(request.user)
    form = ActionForm(request.POST or None, owners=owners, today=timezone.localdate(),
                      initial={"owner": request.user.pk})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = svc.panel_action_raise(
                actor=request.user, meeting=meeting, description=data["description"],
                owner=next(u for u in owners if u.pk == data["owner"]), due=data["due"],
                for_mission_board=data["for_mission_board"],
            )  # fmt: skip
        except Refusal as refused:
            refusal_on_form(form, refused)
        else:
            messages.success(request, "Action added")
            return redirect("voice:panel_action", action.pk)
    _look(request, meeting, "add an action")
    back = f"/voice/panel/meetings/{meeting.pk}/"
    return form_page(request, form, "Add an action from the meeting", back, "Back to the meeting",
                     "Add the action")  # fmt: skip


@staff_required
def action_list(request: StaffRequest) -> HttpResponse:
    """The actions arising, as the Victims' Mission Board sees them: open ones first."""
    _manager(request)
    _look(request, detail="Advisory panel actions")
    today = timezone.localdate()
    actions = list(panel_actions_visible_to(request.user))
    actions.sort(key=lambda a: (a.status != ActionStatus.OPEN, a.due, a.pk))
    rows = [(a, a.is_overdue(today)) for a in actions]
    return render(request, "voice/panel/action_list.html", {"rows": rows})


@staff_required
def action_detail(request: StaffRequest, action_id: int) -> HttpResponse:
    action = access_panel_action_for_user(request.user, action_id)
    error = ""
    if request.method == "POST":
        if request.POST.get("action") != "withdraw":
            raise Http404
        try:
            svc.panel_action_withdraw(actor=request.user, action=action)
        except Refusal as refused:
            error = refused.message
        else:
            messages.success(request, "Action withdrawn")
            return redirect("voice:panel_action", action.pk)
    _look(request, action)
    context = {
        "action": action,
        "overdue": action.is_overdue(timezone.localdate()),
        "may_respond": bool(svc.TRANSITIONS[action.status] - {ActionStatus.WITHDRAWN}),
        "error": error,
    }
    return render(request, "voice/panel/action_detail.html", context, status=400 if error else 200)


@staff_required
def action_response(request: StaffRequest, action_id: int) -> HttpResponse:
    action = access_panel_action_for_user(request.user, action_id)
    initial = {"status": action.status if action.status != ActionStatus.OPEN else "",
               "response": action.response, "evidence": action.evidence}  # fmt: skip
    form = ActionResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.panel_action_respond(actor=request.user, action=action, **form.cleaned_data)
        except Refusal as refused:
            refusal_on_form(form, refused)
        else:
            messages.success(request, "Response recorded")
            return redirect("voice:panel_action", action.pk)
    _look(request, action, "record the response")
    back = f"/voice/panel/actions/{action.pk}/"
    return form_page(request, form, "Record the response to the action", back, "Back to the action",
                     "Save the response")  # fmt: skip
