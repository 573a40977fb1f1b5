"""The survey in the victim's portal, and by an invitation's link without signing in.

In the portal: answer it, or say no thanks (either ends the offer for that moment). Only the
portal's own case is ever read or written (`request.portal_case`).

By link (voice/invitations.py): the token names one invitation, so one case and one moment;
the page shows nothing about the case but the moment and the agencies asked about. A link that
is altered or unknown answers "Page not found", as any made-up address does; an expired or
used one says so. Every look and answer is audited against the case, as the victim's own.
"""

from __future__ import annotations

from contextlib import suppress

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.portal.auth import (
    PortalRequest,
    portal_actor_label,
    portal_audit,
    portal_public,
    portal_required,
)
from victimcare.refusals import refusal_on_form
from victimcare.voice.forms import survey_form
from victimcare.voice.invitations import INVALID, invitation_open
from victimcare.voice.models import SurveyInvitation
from victimcare.voice.offers import survey_offer
from victimcare.voice.services import SurveyError, survey_dismiss, survey_opt_out, survey_response_record


@portal_required
def survey(request: PortalRequest) -> HttpResponse:
    case = request.portal_case
    moment = survey_offer(case)
    if moment is None:
        return render(request, "voice/portal/no_survey.html")
    form = survey_form(request.POST if request.method == "POST" else None, case, moment)
    if request.method == "POST" and form.is_valid():
        try:
            response = survey_response_record(
                case=case,
                moment=moment,
                answers=form.answers(),
                respondent_label=portal_actor_label(request.portal_account),
            )
        except SurveyError as err:
            refusal_on_form(form, err)
        else:
            portal_audit(request, action=Action.CREATE, obj=response, detail="portal: survey answered")
            return redirect("portal_voice:thanks")
    portal_audit(request, detail="portal: survey")
    return render(request, "voice/portal/survey.html", {"form": form, "moment": moment})


@require_POST
@portal_required
def dismiss(request: PortalRequest) -> HttpResponse:
    """No thanks: the survey for the moment on offer is not offered again. With stop=yes, no
    survey is sent or offered again at all (the victim opted out)."""
    moment = request.POST.get("moment", "")
    label = portal_actor_label(request.portal_account)
    # Nothing on offer (already answered or turned down): nothing to do.
    with suppress(SurveyError):
        survey_dismiss(case=request.portal_case, moment=moment, respondent_label=label)
        messages.success(request, _("We will not ask you about this again"))
    if request.POST.get("stop") == "yes":
        survey_opt_out(person=request.portal_case.person, recorded_by_label=label)
        messages.success(request, _("We will not send you any more surveys"))
    target = request.POST.get("next", "")
    return redirect(target if _safe_next(target) else "portal:home")


def _safe_next(target: str) -> bool:
    return target.startswith("/portal/") and not target.startswith("//")


@portal_required
def thanks(request: PortalRequest) -> HttpResponse:
    return render(request, "voice/portal/thanks.html")


# --- by an invitation's link ---------------------------------------------------------------------


def _link_label(invitation: SurveyInvitation) -> str:
    return f"Survey link: victim, invitation {invitation.pk}"


def _link_problem(request: HttpRequest, problem: str) -> HttpResponse:
    status = 404 if problem == INVALID else 200
    return render(request, "voice/portal/link_problem.html", {"problem": problem}, status=status)


def _language_for(invitation: SurveyInvitation) -> None:
    language = "cy" if invitation.case.person.language == "cy" else "en"
    translation.activate(language)


@portal_public
def link_survey(request: HttpRequest, token: str) -> HttpResponse:
    """The survey an invitation's link opens, without signing in."""
    opened = invitation_open(token)
    if opened.invitation is None:
        return _link_problem(request, opened.problem)
    invitation = opened.invitation
    _language_for(invitation)
    case, moment, label = invitation.case, invitation.moment, _link_label(invitation)
    form = survey_form(request.POST if request.method == "POST" else None, case, moment)
    if request.method == "POST" and form.is_valid():
        try:
            survey_response_record(
                case=case,
                moment=moment,
                answers=form.answers(),
                respondent_label=label,
                invitation=invitation,
            )
        except SurveyError as err:
            refusal_on_form(form, err)
        else:
            return redirect("portal_voice:link_thanks")
    audit_record(
        actor=label,
        action=Action.VIEW,
        obj=invitation,
        person=case.person,
        case=case,
        detail="survey by link",
    )
    return render(request, "voice/portal/link_survey.html", {"form": form, "moment": moment, "token": token})


@require_POST
@portal_public
def link_dismiss(request: HttpRequest, token: str) -> HttpResponse:
    """No thanks (this moment), or "do not send me surveys" (every moment from now on)."""
    opened = invitation_open(token)
    if opened.invitation is None:
        return _link_problem(request, opened.problem)
    invitation = opened.invitation
    _language_for(invitation)
    label = _link_label(invitation)
    with suppress(SurveyError):  # answered or turned down a moment ago, in another tab
        survey_dismiss(case=invitation.case, moment=invitation.moment, respondent_label=label)
    stop = request.POST.get("stop") == "yes"
    if stop:
        survey_opt_out(person=invitation.case.person, recorded_by_label=label)
    return render(request, "voice/portal/link_done.html", {"stopped": stop})


@portal_public
def link_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "voice/portal/link_thanks.html")
