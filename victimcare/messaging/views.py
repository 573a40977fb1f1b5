"""Staff pages for victims' messages: a case's thread (read and reply) and the inbox."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_case_for_user
from victimcare.audit.services import audit_list, audit_look
from victimcare.messaging import selectors
from victimcare.messaging.forms import ReplyForm
from victimcare.messaging.services import MessagingError, message_send_from_staff, thread_mark_read_by_staff

REQUESTS_SHOWN = 100


@staff_required
def case_thread(request: StaffRequest, case_id: int) -> HttpResponse:
    """The messages between the victim and staff on one case; those who may change the case
    reply here, and their look marks the victim's messages read."""
    user = request.user
    can_reply = can(user, Capability.WORK_CASES)
    vcase = access_case_for_user(user, case_id, write=request.method == "POST")
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            message_send_from_staff(actor=user, case=vcase, body=form.cleaned_data["body"])
        except MessagingError as err:
            form.add_error("body", err.message)
        else:
            messages.success(request, "Reply sent. The victim has been told there is a new message.")
            return redirect("messaging:case_thread", case_id=vcase.id)
    # Messages are special category data: every look is audited.
    audit_look(request, case=vcase, detail="messages")
    thread = list(selectors.thread(vcase))
    new_ids = {m.id for m in thread if m.from_victim and m.read_at is None}
    if can_reply and new_ids:
        thread_mark_read_by_staff(actor=user, case=vcase)
    return render(
        request,
        "messaging/case_thread.html",
        {"case": vcase, "thread": thread, "new_ids": new_ids, "form": form, "can_reply": can_reply},
    )


@staff_required
def inbox(request: StaffRequest) -> HttpResponse:
    """Requests victims made in the portal that are still owed something (soonest due first),
    then cases with victims' messages nobody has read yet: urgent ones first, then mine, then
    my team's, then the rest. Both only on the cases the user can see."""
    if not can(request.user, Capability.WORK_CASES):
        raise Http404
    requests = selectors.open_requests(request.user, timezone.localdate(), limit=REQUESTS_SHOWN)
    rows = selectors.staff_inbox(request.user)
    groups: list[tuple[str, list[selectors.InboxRow]]] = []
    for row in rows:
        label = selectors.GROUP_LABELS[row.group]
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(row)
    total = sum(r.unread for r in rows)
    shown = [r.case.pk for r in requests[:REQUESTS_SHOWN]] + [r.case.pk for r in rows]
    audit_list(request, what="inbox", rows=list(dict.fromkeys(shown)), of="victimcase")
    return render(
        request,
        "messaging/inbox.html",
        {
            "groups": groups,
            "total": total,
            "requests": requests[:REQUESTS_SHOWN],
            "request_total": len(requests),
            "now": timezone.now(),
        },
    )
