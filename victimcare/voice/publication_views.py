"""Case studies, recommendations ("you said, we did") and the public page.

Case studies: Champions write them; Champions (not the author) and the OPCC's victim care
supervisors review them; supervisors approve. Recommendations: Champions and supervisors raise
them and record the partner's response; supervisors publish. The public page needs no sign-in
and shows only published entries, each checked again as it is shown."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import (
    access_case_study_for_user,
    access_recommendation_for_user,
    can_approve_voice,
    can_manage_recommendations,
    can_record_engagements,
    can_see_voice_evidence,
    case_studies_visible_to,
    engagements_visible_to,
    recommendations_visible_to,
)
from victimcare.accounts.models import Organisation, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.voice import case_study_services as studies
from victimcare.voice import recommendation_services as recs
from victimcare.voice import redaction
from victimcare.voice.champion_forms import CaseStudyForm, RecommendationForm, ResponseForm
from victimcare.voice.champion_views import form_page
from victimcare.voice.engagement_services import confirmed_safe
from victimcare.voice.models import CaseStudyStatus, Recommendation
from victimcare.voice.services import VoiceError


def _look(request: StaffRequest, obj: Any) -> None:
    audit_record(actor=request.user, action=Action.VIEW, obj=obj, request=request)


# --- case studies -------------------------------------------------------------------------------


@staff_required
def case_study_list(request: StaffRequest) -> HttpResponse:
    if not can_see_voice_evidence(request.user):
        raise Http404
    audit_record(actor=request.user, action=Action.VIEW, detail="Case studies", request=request)
    context = {
        "studies": case_studies_visible_to(request.user),
        "may_write": can_record_engagements(request.user),
    }
    return render(request, "voice/champions/case_study_list.html", context)


def _source_choices(user: User) -> list[tuple[int, str]]:
    return [
        (e.pk, f"{e.get_method_display()} on {e.held_on:%-d %B %Y}, {e.place}")
        for e in engagements_visible_to(user).filter(consent_quote=True)
    ]


@staff_required
def case_study_new(request: StaffRequest) -> HttpResponse:
    if not can_record_engagements(request.user):
        raise Http404
    form = CaseStudyForm(request.POST or None, engagements=_source_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            study = studies.case_study_create(
                actor=request.user, title=data["title"], story=data["story"],
                subtheme_ids=data["subthemes"], engagement_ids=data["engagements"],
            )  # fmt: skip
        except VoiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "Case study saved as a draft")
            return redirect("voice:check", "case_study", study.pk)
    intro = "Tell the story so that no one could recognise the victim. It is checked, reviewed and approved before it is used."
    return form_page(
        request,
        form,
        "Write a case study",
        "/voice/case-studies/",
        "Back to case studies",
        "Save and check",
        intro,
    )


@staff_required
def case_study_detail(request: StaffRequest, study_id: int) -> HttpResponse:
    study = access_case_study_for_user(request.user, study_id)
    error = ""
    if request.method == "POST":
        try:
            studies.case_study_move(actor=request.user, study=study, to=request.POST.get("to", ""))
        except VoiceError as refused:
            error = refused.message
        else:
            messages.success(request, f"Case study {study.get_status_display().lower()}")
            return redirect("voice:case_study", study.pk)
    _look(request, study)
    moves = [
        (to, CaseStudyStatus(to).label)
        for to in sorted(studies.TRANSITIONS[study.status])
        if studies.may_move(request.user, study, to)
    ]
    context = {
        "study": study,
        "subthemes": study.subthemes.select_related("theme"),
        "blockers": studies.case_study_blockers(study),
        "moves": moves,
        "error": error,
    }
    return render(request, "voice/champions/case_study_detail.html", context, status=400 if error else 200)


# --- recommendations ----------------------------------------------------------------------------


def _manager(request: StaffRequest) -> None:
    if not can_manage_recommendations(request.user):
        raise Http404


@staff_required
def recommendation_list(request: StaffRequest) -> HttpResponse:
    _manager(request)
    audit_record(actor=request.user, action=Action.VIEW, detail="Recommendations", request=request)
    today = timezone.localdate()
    rows = [
        (r, recs.is_overdue(r, today))
        for r in recommendations_visible_to(request.user).select_related("owner")
    ]
    return render(request, "voice/champions/recommendation_list.html", {"rows": rows})


def _owners(user: User) -> list[User]:
    candidates = User.objects.filter(
        organisation_id=user.organisation_id or 0, is_active=True
    )  # whoever of them may own a recommendation
    return [u for u in candidates if can_manage_recommendations(u)]


@staff_required
def recommendation_new(request: StaffRequest) -> HttpResponse:
    _manager(request)
    owners = _owners(request.user)
    form = RecommendationForm(
        request.POST or None, owners=owners, today=timezone.localdate(), initial={"owner": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rec = recs.recommendation_raise(
            actor=request.user,
            subtheme=form.fields["subtheme"].subtheme(data["subtheme"]),  # type: ignore[attr-defined]
            finding=data["finding"],
            recommendation=data["recommendation"],
            partner=data["partner"],
            owner=next(u for u in owners if u.pk == data["owner"]),
            due=data["due"],
        )
        messages.success(request, f"Recommendation raised with {rec.get_partner_display()}")
        return redirect("voice:recommendation", rec.pk)
    return form_page(
        request,
        form,
        "Raise a recommendation",
        "/voice/recommendations/",
        "Back to recommendations",
        "Raise the recommendation",
    )


@staff_required
def recommendation_detail(request: StaffRequest, rec_id: int) -> HttpResponse:
    rec = access_recommendation_for_user(request.user, rec_id)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("publish", "unpublish"):
                recs.recommendation_publish(actor=request.user, rec=rec, publish=action == "publish")
                messages.success(request, "Published" if action == "publish" else "Taken off the public page")
            elif action == "withdraw":
                recs.recommendation_withdraw(actor=request.user, rec=rec)
                messages.success(request, "Recommendation withdrawn")
            else:
                raise Http404
        except VoiceError as refused:
            error = refused.message
        else:
            return redirect("voice:recommendation", rec.pk)
    _look(request, rec)
    context = {
        "rec": rec,
        "overdue": recs.is_overdue(rec, timezone.localdate()),
        "blockers": recs.publish_blockers(rec),
        "may_publish": can_approve_voice(request.user),
        "may_respond": bool(recs.TRANSITIONS[rec.status] - {recs.S.WITHDRAWN}),
        "error": error,
    }
    return render(
        request, "voice/champions/recommendation_detail.html", context, status=400 if error else 200
    )


@staff_required
def recommendation_response(request: StaffRequest, rec_id: int) -> HttpResponse:
    rec = access_recommendation_for_user(request.user, rec_id)
    initial = {"status": rec.status if rec.status != recs.S.RAISED else "", "partner_response": rec.partner_response,
               "what_changed": rec.what_changed, "evidence": rec.evidence}  # fmt: skip
    form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            recs.recommendation_respond(actor=request.user, rec=rec, **form.cleaned_data)
        except VoiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"Response from {rec.get_partner_display()} recorded")
            return redirect("voice:recommendation", rec.pk)
    heading = f"Record the response from {rec.get_partner_display()}"
    return form_page(
        request,
        form,
        heading,
        f"/voice/recommendations/{rec.pk}/",
        "Back to the recommendation",
        "Save the response",
    )


# --- the public page ----------------------------------------------------------------------------


def _publishable(rec: Recommendation) -> bool:
    return not redaction.outstanding(rec.public_texts(), confirmed_safe("recommendation", rec.pk))


def you_said_we_did(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """For an OPCC's website: its published recommendations only, no sign-in, no victim data.
    Each is checked again as it is shown, so nothing unredacted is ever published."""
    office = get_object_or_404(Organisation, pk=organisation_id, kind=Organisation.Kind.OPCC)
    published = (
        Recommendation.objects.filter(organisation=office, published_at__isnull=False)
        .exclude(status__in=[recs.S.RAISED, recs.S.WITHDRAWN])
        .select_related("subtheme__theme")
        .order_by("-published_at")
    )
    entries = [r for r in published if _publishable(r)]
    return render(request, "voice/public/you_said_we_did.html", {"entries": entries, "office": office})
