"""Staff pages for messages: a case's outbox, messages needing attention, the victim's update
preferences, template previews, the demo mailbox, reminder settings; and Notify's callback."""

from __future__ import annotations

import hmac
import json
from typing import Any

from django.conf import settings
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from victimcare.access.capabilities import Capability, can
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import access_case_for_user, cases_visible_to, my_cases_filter
from victimcare.audit.services import audit_list, audit_look
from victimcare.notify import channels, messages, services
from victimcare.notify.forms import NO, YES, NotificationPreferenceForm, ReminderPreferenceForm
from victimcare.notify.models import ATTENTION, MailboxItem, OutboundMessage, ReminderPreference
from victimcare.notify.reminders import reminder_preference_set
from victimcare.refusals import refusal_on_form


def _page(request: HttpRequest, rows: object) -> object:
    return Paginator(rows, int(settings.PAGE_SIZE)).get_page(request.GET.get("page"))  # type: ignore[arg-type]


@staff_required
def case_messages(request: StaffRequest, case_id: int) -> HttpResponse:
    """Every message written for the case, newest first, with status, reason and errors."""
    vcase = access_case_for_user(request.user, case_id)
    audit_look(request, case=vcase, detail="messages")
    rows = OutboundMessage.objects.filter(case=vcase).select_related("user").order_by("-created_at", "-id")
    return render(
        request,
        "notify/case_messages.html",
        {"case": vcase, "page": _page(request, rows), "can_write": can(request.user, Capability.WORK_CASES)},
    )


@staff_required
@require_POST
def message_retry(request: StaffRequest, case_id: int, message_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id, write=True)
    msg = OutboundMessage.objects.filter(case=vcase, pk=message_id).first()
    if msg is None:
        raise Http404
    try:
        services.message_retry(actor=request.user, message=msg)
    except services.NotifyError:
        pass  # already sent or waiting: the page shows its status
    else:
        flash.success(request, "The message will be sent again if the victim's contact rules allow it")
    return redirect("notify:case_messages", case_id=vcase.id)


@staff_required
def attention(request: StaffRequest) -> HttpResponse:
    """Messages held or failed on the cases I can see: mine first."""
    if not can(request.user, Capability.WORK_CASES):
        raise Http404
    rows = (
        OutboundMessage.objects.filter(
            case__in=cases_visible_to(request.user).values("id"), status__in=ATTENTION
        )
        .select_related("case__crime", "case__person")
        .order_by("-created_at", "-id")
    )
    if request.GET.get("show") != "all":
        rows = rows.filter(my_cases_filter(request.user, via="case__"))
    page: Any = _page(request, rows)
    audit_list(request, what=f"messages needing attention, page {page.number}", rows=list(page.object_list))
    return render(
        request,
        "notify/attention.html",
        {
            "page": page,
            "show_all": request.GET.get("show") == "all",
            "query": "show=all" if request.GET.get("show") == "all" else "",
        },
    )


@staff_required
def preferences(request: StaffRequest, case_id: int) -> HttpResponse:
    vcase = access_case_for_user(request.user, case_id, write=True)
    person = vcase.person
    current = services.preference_for(person)
    initial = {
        "automatic_updates": YES if current and current.automatic_updates else NO,
        "preferred_channel": current.preferred_channel if current else "",
        "discreet": YES if current and current.discreet else NO,
    }
    form = NotificationPreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.notification_preference_set(
                actor=request.user,
                person=person,
                automatic_updates=data["automatic_updates"] == YES,
                preferred_channel=data["preferred_channel"],
                discreet=data["discreet"] == YES,
            )
        except services.NotifyError as err:
            refusal_on_form(form, err)
        else:
            flash.success(request, "Update preferences saved")
            return redirect("cases:detail", case_id=vcase.id)
    return render(request, "notify/preferences.html", {"case": vcase, "person": person, "form": form})


@staff_required
def template_list(request: StaffRequest) -> HttpResponse:
    if not can(request.user, Capability.WORK_CASES):
        raise Http404
    rows = [
        {"key": key, "label": messages.template_label(key), "languages": messages.languages_for(key)}
        for key in (*messages.VICTIM_TEMPLATES, *messages.STAFF_TEMPLATES)
    ]
    return render(request, "notify/template_list.html", {"rows": rows, "names": messages.LANGUAGE_NAMES})


@staff_required
def template_preview(request: StaffRequest, key: str) -> HttpResponse:
    if not can(request.user, Capability.WORK_CASES) or key not in (
        *messages.VICTIM_TEMPLATES,
        *messages.STAFF_TEMPLATES,
    ):
        raise Http404
    language = request.GET.get("language", "en")
    if language not in messages.languages_for(key):
        raise Http404
    rendered = messages.render(key, language, messages.sample_context(language, key, timezone.localdate()))
    return render(
        request,
        "notify/template_preview.html",
        {
            "key": key,
            "label": messages.template_label(key),
            "language": language,
            "language_name": messages.LANGUAGE_NAMES[language],
            "others": [
                (code, messages.LANGUAGE_NAMES[code])
                for code in messages.languages_for(key)
                if code != language
            ],
            "rendered": rendered,
            "lang_attr": "cy" if language == "cy" else "en",
        },
    )


@staff_required
def mailbox(request: StaffRequest) -> HttpResponse:
    """The demo mailbox: what would have been sent, for the cases I can see and to me."""
    if not channels.mailbox_in_use():
        raise Http404
    visible = Q(message__case__in=cases_visible_to(request.user).values("id")) | Q(message__user=request.user)
    rows = MailboxItem.objects.filter(visible).select_related("message").order_by("-stored_at", "-id")
    page: Any = _page(request, rows)
    audit_list(request, what=f"demo mailbox, page {page.number}", rows=list(page.object_list))
    return render(request, "notify/mailbox.html", {"page": page})


@staff_required
def reminder_preferences(request: StaffRequest) -> HttpResponse:
    current = ReminderPreference.objects.filter(user=request.user).first()
    initial = {
        "mode": current.mode if current else "digest",
        "days_before": current.days_before if current else 1,
    }
    form = ReminderPreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        reminder_preference_set(
            actor=request.user, mode=form.cleaned_data["mode"], days_before=form.cleaned_data["days_before"]
        )
        flash.success(request, "Reminder settings saved")
        return redirect("notify:reminder_preferences")
    return render(request, "notify/reminder_preferences.html", {"form": form})


@csrf_exempt
@require_POST
def notify_callback(request: HttpRequest) -> HttpResponse:
    """GOV.UK Notify's delivery-status callback. Notify sends the bearer token set in its API
    settings; anything without it is refused before the body is read."""
    expected = settings.NOTIFY_CALLBACK_TOKEN
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return JsonResponse({"error": "Unauthorised"}, status=401)
    try:
        data = json.loads(request.body)
        reference, status = str(data.get("reference") or ""), str(data["status"])
        provider_id = str(data.get("id") or "")
    except (ValueError, KeyError, TypeError, AttributeError):
        return JsonResponse({"error": "The body must be a JSON delivery receipt with a status"}, status=400)
    msg = services.notify_callback_apply(reference=reference, provider_id=provider_id, status=status)
    if msg is None:
        # Acknowledge, so Notify does not retry a receipt we will never recognise.
        return JsonResponse({"result": "unknown reference"}, status=200)
    return JsonResponse({"result": "ok", "status": msg.status})
