"""The survey in the victim's portal: answer it, or say no thanks (either ends the offer for
that moment). Only the portal's own case is ever read or written (`request.portal_case`)."""

from __future__ import annotations

from contextlib import suppress

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from victimcare.audit.models import Action
from victimcare.portal.auth import PortalRequest, portal_actor_label, portal_audit, portal_required
from victimcare.refusals import refusal_on_form
from victimcare.voice.forms import SurveyForm
from victimcare.voice.offers import survey_offer
from victimcare.voice.services import Answers, SurveyError, survey_dismiss, survey_response_record


@portal_required
def survey(request: PortalRequest) -> HttpResponse:
    case = request.portal_case
    moment = survey_offer(case)
    if moment is None:
        return render(request, "voice/portal/no_survey.html")
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = survey_response_record(
                case=case,
                moment=moment,
                answers=Answers(
                    overall=data["overall"],
                    kept_informed=data["kept_informed"],
                    respect=data["respect"],
                    knew_code=data["knew_code"],
                    comments=data["comments"],
                ),
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
    """No thanks: the survey for the moment on offer is not offered again."""
    moment = request.POST.get("moment", "")
    # Nothing on offer (already answered or turned down): nothing to do.
    with suppress(SurveyError):
        survey_dismiss(
            case=request.portal_case,
            moment=moment,
            respondent_label=portal_actor_label(request.portal_account),
        )
        messages.success(request, _("We will not ask you about this again"))
    target = request.POST.get("next", "")
    return redirect(target if _safe_next(target) else "portal:home")


def _safe_next(target: str) -> bool:
    return target.startswith("/portal/") and not target.startswith("//")


@portal_required
def thanks(request: PortalRequest) -> HttpResponse:
    return render(request, "voice/portal/thanks.html")
