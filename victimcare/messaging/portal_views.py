"""The victim's own pages for messages and for asking for something (a Victim Personal
Statement, a review of a decision, a complaint). Every page is behind `portal_required`, reads
only `request.portal_case` (the case the sign-in fixed; no case id is ever taken from the URL or
a form), and is audited with `portal_audit`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from victimcare.audit.models import Action
from victimcare.cases.models import Event
from victimcare.messaging import selectors
from victimcare.messaging.forms import (
    AskChooseForm,
    ComplaintForm,
    PortalMessageForm,
    ReviewForm,
    StatementForm,
)
from victimcare.messaging.services import (
    MessagingError,
    complaint_make,
    message_send_from_victim,
    review_request_make,
    thread_mark_read_by_victim,
    vps_request_make,
)
from victimcare.portal import drafts
from victimcare.portal.auth import (
    PortalRequest,
    portal_actor_label,
    portal_audit,
    portal_keeps_draft,
    portal_required,
)
from victimcare.portal.models import PortalAccount
from victimcare.rights.selectors import case_review_windows


def sender_label(account: PortalAccount) -> str:
    """How staff see who wrote: "Jane Smith (victim)", "Ann Smith (parent or guardian ...)"."""
    return f"{account.display_name} ({account.get_role_display().lower()})"


@portal_keeps_draft("messages", "body")
def inbox(request: PortalRequest) -> HttpResponse:
    """The victim's messages with the staff on their case, and a box to write a new one. A
    message posted after the session timed out is kept (portal_keeps_draft) and offered back
    here, not sent, when the same account signs in again (docs/adr/0058)."""
    case = request.portal_case
    account = request.portal_account
    if request.method == "POST" and request.POST.get("action") == "discard":
        drafts.drafts_discard(account_id=account.pk, page="messages")
        messages.success(request, _("The message you had not sent has been deleted"))
        return redirect("portal_messaging:inbox")
    kept = drafts.draft_for(account, "messages") if request.method != "POST" else None
    form = PortalMessageForm(
        request.POST if request.method == "POST" else None, initial={"body": kept.body} if kept else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            message = message_send_from_victim(
                case=case,
                body=form.cleaned_data["body"],
                sender_label=sender_label(request.portal_account),
                audit_label=portal_actor_label(request.portal_account),
            )
        except MessagingError as err:
            form.add_error("body", err.message)
        else:
            drafts.drafts_discard(account_id=account.pk, page="messages")
            messages.success(request, _("Your message has been sent"))
            return redirect(f"{reverse('portal_messaging:inbox')}#message-{message.pk}")
    portal_audit(request, detail="portal: messages")
    thread = list(selectors.thread(case))
    new_ids = {m.id for m in thread if not m.from_victim and m.read_at is None}
    if new_ids:
        thread_mark_read_by_victim(case=case)
    return render(
        request,
        "messaging/portal/inbox.html",
        {"thread": thread, "new_ids": new_ids, "form": form, "kept": kept},
    )


# --- asking for something ---------------------------------------------------------------------


@portal_required
def ask(request: PortalRequest) -> HttpResponse:
    form = AskChooseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return redirect(f"portal_messaging:ask_{form.cleaned_data['what']}")
    return render(request, "messaging/portal/ask.html", {"form": form})


@dataclass(frozen=True)
class Request:
    """One kind of request: its form, its event type and the words of its pages."""

    kind: str
    event_type: str
    form: type[Any]
    title: Any
    sent_title: Any


REQUESTS = {
    "statement": Request(
        "statement",
        "vps_requested",
        StatementForm,
        gettext_lazy("Ask to make or update a Victim Personal Statement"),
        gettext_lazy("You have asked to make or update a Victim Personal Statement"),
    ),
    "review": Request(
        "review",
        "vrr_requested",
        ReviewForm,
        gettext_lazy("Ask for a review of a decision"),
        gettext_lazy("You have asked for a review of a decision"),
    ),
    "complaint": Request(
        "complaint",
        "complaint_received",
        ComplaintForm,
        gettext_lazy("Make a complaint"),
        gettext_lazy("Your complaint has been sent"),
    ),
}


def _session_key(kind: str) -> str:
    return f"portal:ask:{kind}"


def _saved(request: PortalRequest, kind: str) -> dict[str, Any] | None:
    """The answers kept between the form and the check page, for this account only (a different
    account signing in on the same browser never sees them)."""
    saved = request.session.get(_session_key(kind))
    if not saved or saved.get("account") != request.portal_account.pk:
        return None
    data: dict[str, Any] = saved["data"]
    return data


def _review_context(request: PortalRequest) -> dict[str, Any]:
    today = timezone.localdate()
    windows = [(w, w.state(today)) for w in case_review_windows(request.portal_case)]
    return {"windows": windows}


@portal_required
def request_form(request: PortalRequest, kind: str) -> HttpResponse:
    spec = REQUESTS[kind]
    form = spec.form(request.POST if request.method == "POST" else None, initial=_saved(request, kind) or {})
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(kind)] = {
            "account": request.portal_account.pk,
            "data": form.cleaned_data,
        }
        return redirect(f"portal_messaging:ask_{kind}_check")
    context = {"form": form, "spec": spec}
    if kind == "review":  # shows the decisions on the case: a look at the record
        portal_audit(request, detail="portal: review windows")
        context.update(_review_context(request))
    return render(request, f"messaging/portal/ask_{kind}.html", context)


def _record(request: PortalRequest, kind: str, data: dict[str, Any]) -> Event:
    case, label = request.portal_case, portal_actor_label(request.portal_account)
    if kind == "statement":
        return vps_request_make(case=case, kind=data["kind"], portal_label=label)
    if kind == "review":
        return review_request_make(
            case=case,
            decision_maker=data["decision_maker"],
            reason=data.get("reason", ""),
            portal_label=label,
        )
    return complaint_make(case=case, against=data["against"], summary=data["summary"], portal_label=label)


@portal_required
def request_check(request: PortalRequest, kind: str) -> HttpResponse:
    """Check your answers, then send: the request is recorded on the case's timeline."""
    spec = REQUESTS[kind]
    data = _saved(request, kind)
    if data is None:
        return redirect(f"portal_messaging:ask_{kind}")
    form = spec.form(data)
    if not form.is_valid():  # e.g. the choices changed since: ask again, keeping what is valid
        return redirect(f"portal_messaging:ask_{kind}")
    error = ""
    if request.method == "POST":
        try:
            event = _record(request, kind, form.cleaned_data)
        except MessagingError as err:
            error = err.message
        else:
            request.session.pop(_session_key(kind), None)
            portal_audit(request, action=Action.CREATE, obj=event, detail=f"portal: asked for {kind}")
            return redirect(f"portal_messaging:ask_{kind}_sent", event_id=event.pk)
    rows = [(field.label, _display(field)) for field in form if field.name in data and field.value()]
    return render(
        request,
        "messaging/portal/ask_check.html",
        {"spec": spec, "rows": rows, "error": error, "change_url": reverse(f"portal_messaging:ask_{kind}")},
    )


def _display(field: Any) -> str:
    value = field.value()
    choices = dict(getattr(field.field, "choices", ()) or ())
    return str(choices.get(value, value))


@portal_required
def request_sent(request: PortalRequest, kind: str, event_id: int) -> HttpResponse:
    """What happens next, and by when: the due dates of the obligations the request started,
    read from the case's stored entitlements (the engine's clocks, never a number here)."""
    spec = REQUESTS[kind]
    event = selectors.portal_request_event(request.portal_case, event_id, (spec.event_type,))
    if event is None:
        raise Http404
    portal_audit(request, obj=event, detail=f"portal: asked for {kind}, confirmation")
    steps = selectors.request_next_steps(event)
    return render(
        request,
        "messaging/portal/ask_sent.html",
        {"spec": spec, "event": event, "steps": steps, "due": {s.rule: s.due for s in steps}},
    )
