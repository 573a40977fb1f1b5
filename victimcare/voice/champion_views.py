"""The Champions' pages: the workspace, engagements and their consent, the victim's account,
its coding and quotes, and the redaction check. Every page goes through the access gate (404
for anyone else, as for a missing record) and each look is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.access.gate import (
    access_case_study_for_user,
    access_engagement_for_user,
    access_recommendation_for_user,
    can_record_engagements,
    engagements_visible_to,
)
from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_list, audit_record
from victimcare.forms import GovukForm
from victimcare.refusals import Refusal
from victimcare.voice import engagement_services as svc
from victimcare.voice import redaction
from victimcare.voice.case_study_services import case_study_edit
from victimcare.voice.champion_forms import (
    AccountForm,
    CaseStudyEditForm,
    ConcernForm,
    EngagementForm,
    QuoteForm,
    RecommendationEditForm,
    TextEditForm,
)
from victimcare.voice.models import (
    Agency,
    CaseStudyStatus,
    ConsentKind,
    Engagement,
    JourneyStage,
    Quote,
    QuoteStatus,
    RecommendationStatus,
    SeldomHeard,
)
from victimcare.voice.recommendation_services import recommendation_edit
from victimcare.voice.selectors import survey_comments_shared
from victimcare.voice.survey_comments import survey_comment_take
from victimcare.voice.voice_selectors import linkable_case


def _look(request: StaffRequest, obj: Any, engagement: Engagement | None = None) -> None:
    case = engagement.case if engagement is not None else None
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        obj=obj,
        case=case,
        person=case.person if case is not None else None,
        request=request,
    )


def _champion(request: StaffRequest) -> None:
    if not can_record_engagements(request.user):
        raise Http404


def form_page(
    request: StaffRequest, form: Any, heading: str, back: str, back_text: str, button: str, intro: str = ""
) -> HttpResponse:
    context = {
        "form": form,
        "heading": heading,
        "back": back,
        "back_text": back_text,
        "button": button,
        "intro": intro,
    }
    return render(request, "voice/champions/_form_page.html", context)


def _labels(values: list[str], choices: Any) -> list[str]:
    names = dict(choices.choices)
    return [str(names.get(v, v)) for v in values]


def _field_error(form: Any, error: Refusal) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@staff_required
def workspace(request: StaffRequest) -> HttpResponse:
    """The Champion's landing page: their engagements, newest first."""
    _champion(request)
    engagements = engagements_visible_to(request.user).prefetch_related("account__concerns")[:100]
    audit_record(actor=request.user, action=Action.VIEW, detail="Champion's workspace", request=request)
    return render(request, "voice/champions/workspace.html", {"engagements": engagements})


@staff_required
def engagement_new(request: StaffRequest) -> HttpResponse:
    _champion(request)
    form = EngagementForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consents = set(data["consents"])
        case = None
        if ConsentKind.LINK in consents:
            case = linkable_case(request.user, data["crime_reference"], data["date_of_birth"])
            if case is None:
                form.add_error("crime_reference", "No case matches that crime reference and date of birth")
        if not form.errors:
            try:
                engagement = svc.engagement_record(
                    actor=request.user,
                    area=data["area"],
                    method=data["method"],
                    place=data["place"],
                    held_on=data["held_on"],
                    groups=data["groups"],
                    consents=svc.Consents(**{k: k in consents for k in ConsentKind.values}),
                    contact_details=data["contact_details"],
                    case=case,
                )
            except Refusal as error:
                _field_error(form, error)
            else:
                messages.success(request, "Engagement recorded")
                return redirect("voice:engagement", engagement.pk)
    return form_page(
        request, form, "Record an engagement", "/voice/", "Back to your engagements", "Record the engagement"
    )


@staff_required
def engagement_detail(request: StaffRequest, engagement_id: int) -> HttpResponse:
    engagement = access_engagement_for_user(request.user, engagement_id)
    _look(request, engagement, engagement)
    account = getattr(engagement, "account", None) if engagement.consent_keep else None
    context = {
        "engagement": engagement,
        "account": account,
        "concerns": account.concerns.select_related("subtheme__theme") if account else [],
        "quotes": account.quotes.select_related("subtheme") if account else [],
        "withdrawals": engagement.withdrawals.all(),
        "consents": [(kind, engagement.has_consent(kind.value)) for kind in ConsentKind],
        "groups": _labels(engagement.groups_reached, SeldomHeard),
        "stages": _labels(account.stages, JourneyStage) if account else [],
        "agencies": _labels(account.agencies, Agency) if account else [],
    }
    return render(request, "voice/champions/engagement_detail.html", context)


_WITHDRAWAL_COVERS = {
    ConsentKind.KEEP: "Their account, its coded concerns and quotes, and any case study drawing on it, will be "
    "deleted. The link to their case goes too. The engagement itself (when, where, how) stays.",
    ConsentKind.QUOTE: "Every quote from this engagement, and any case study drawing on it, will be deleted.",
    ConsentKind.CONTACT: "Their contact details will be deleted.",
    ConsentKind.LINK: "The link between this engagement and their case will be removed.",
}


@staff_required
def consent_withdraw(request: StaffRequest, engagement_id: int, kind: str) -> HttpResponse:
    engagement = access_engagement_for_user(request.user, engagement_id)
    if kind not in ConsentKind.values or not engagement.has_consent(kind):
        raise Http404
    if request.method == "POST":
        withdrawal = svc.consent_withdraw(actor=request.user, engagement=engagement, kind=kind)
        messages.success(request, f"Consent withdrawn. {withdrawal.removed}")
        return redirect("voice:engagement", engagement.pk)
    _look(request, engagement, engagement)
    context = {
        "engagement": engagement,
        "kind": ConsentKind(kind),
        "covers": _WITHDRAWAL_COVERS[ConsentKind(kind)],
    }
    return render(request, "voice/champions/consent_withdraw.html", context)


def _consented(request: StaffRequest, engagement_id: int, kind: str) -> Engagement:
    engagement = access_engagement_for_user(request.user, engagement_id)
    if not engagement.has_consent(kind):
        raise Http404
    return engagement  # type: ignore[no-any-return]


@staff_required
def account_edit(request: StaffRequest, engagement_id: int) -> HttpResponse:
    engagement = _consented(request, engagement_id, ConsentKind.KEEP)
    account = getattr(engagement, "account", None)
    initial = (
        {k: getattr(account, k) for k in ("stages", "agencies", "went_well", "went_badly")}
        if account
        else None
    )
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        svc.account_save(actor=request.user, engagement=engagement, **form.cleaned_data)
        messages.success(request, "Account saved")
        return redirect("voice:engagement", engagement.pk)
    _look(request, engagement, engagement)
    return form_page(
        request,
        form,
        "The victim's account",
        f"/voice/engagements/{engagement.pk}/",
        "Back to the engagement",
        "Save the account",
    )


@staff_required
def concern_new(request: StaffRequest, engagement_id: int) -> HttpResponse:
    engagement = _consented(request, engagement_id, ConsentKind.KEEP)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        svc.concern_add(
            actor=request.user,
            engagement=engagement,
            subtheme=form.fields["subtheme"].subtheme(data["subtheme"]),  # type: ignore[attr-defined]
            agency=data["agency"],
            stage=data["stage"],
            summary=data["summary"],
        )
        messages.success(request, "Concern coded")
        return redirect("voice:engagement", engagement.pk)
    intro = "Code each thing that did not go well to one theme, the agency and the part of the journey."
    return form_page(
        request,
        form,
        "Code a concern",
        f"/voice/engagements/{engagement.pk}/",
        "Back to the engagement",
        "Code the concern",
        intro,
    )


@staff_required
def quote_new(request: StaffRequest, engagement_id: int) -> HttpResponse:
    engagement = _consented(request, engagement_id, ConsentKind.QUOTE)
    form = QuoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        quote = svc.quote_add(
            actor=request.user,
            engagement=engagement,
            subtheme=form.fields["subtheme"].subtheme(form.cleaned_data["subtheme"]),  # type: ignore[attr-defined]
            text=form.cleaned_data["text"],
        )
        return redirect("voice:check", "quote", quote.pk)
    intro = "The victim agreed to be quoted anonymously. The next page checks the words before the quote can be used."
    return form_page(
        request,
        form,
        "Add a quote",
        f"/voice/engagements/{engagement.pk}/",
        "Back to the engagement",
        "Check the quote",
        intro,
    )


# --- the redaction check, for a quote, a case study or a recommendation -------------------------


def _target(request: StaffRequest, target: str, target_id: int) -> tuple[Any, list[str], str]:
    """The object, its texts that leave the record, and where to go back to; 404 if out of reach."""
    if target == "quote":
        quote = Quote.objects.select_related("account__engagement").filter(pk=target_id).first()
        if quote is None:
            raise Http404
        access_engagement_for_user(request.user, quote.account.engagement_id)
        return quote, [quote.text], f"/voice/engagements/{quote.account.engagement_id}/"
    if target == "case_study":
        study = access_case_study_for_user(request.user, target_id)
        return study, [study.title, study.story], f"/voice/case-studies/{study.pk}/"
    if target == "recommendation":
        rec = access_recommendation_for_user(request.user, target_id)
        return rec, rec.public_texts(), f"/voice/recommendations/{rec.pk}/"
    raise Http404


def _edit_form(request: StaffRequest, target: str, obj: Any) -> GovukForm | None:
    """The form to change the words the check looks at, where the user may change them."""
    data = request.POST if request.POST.get("action") == "edit" else None
    if target == "quote":
        return TextEditForm(data, initial={"text": obj.text})
    if target == "case_study" and obj.status == CaseStudyStatus.DRAFT and obj.author_id == request.user.pk:
        return CaseStudyEditForm(data, initial={"title": obj.title, "story": obj.story})
    if target == "recommendation" and obj.status != RecommendationStatus.WITHDRAWN:
        return RecommendationEditForm(
            data, initial={"finding": obj.finding, "recommendation": obj.recommendation}
        )
    return None


def _save_edit(actor: User, target: str, obj: Any, data: dict[str, Any]) -> None:
    if target == "quote":
        svc.quote_edit(actor=actor, quote=obj, text=data["text"])
    elif target == "case_study":
        case_study_edit(actor=actor, study=obj, title=data["title"], story=data["story"])
    else:
        recommendation_edit(
            actor=actor, rec=obj, finding=data["finding"], recommendation=data["recommendation"]
        )


@staff_required
def check(request: StaffRequest, target: str, target_id: int) -> HttpResponse:
    """What the redaction check found, each to confirm as safe; a quote can be edited or cleared
    here. Nothing leaves the record while a finding is outstanding."""
    obj, texts, back = _target(request, target, target_id)
    edit = _edit_form(request, target, obj)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "confirm":
            keys = [tuple(k.split("|", 1)) for k in request.POST.getlist("finding") if "|" in k]
            done = svc.findings_confirm_safe(
                actor=request.user,
                target=target,
                target_id=target_id,
                texts=texts,
                keys=keys,  # type: ignore[arg-type]
            )
            messages.success(request, f"{done} confirmed as safe" if done else "Nothing was confirmed")
            return redirect("voice:check", target, target_id)
        if action == "edit" and edit is not None and edit.is_valid():
            _save_edit(request.user, target, obj, edit.cleaned_data)
            messages.success(request, "Changes saved")
            return redirect("voice:check", target, target_id)
        if action == "clear" and target == "quote":
            try:
                svc.quote_clear(actor=request.user, quote=obj)
            except Refusal as refused:
                error = refused.message
            else:
                messages.success(request, "Quote cleared for use")
                return redirect(back)
    _look(request, obj)
    found = svc.outstanding_findings(target, target_id, texts)
    context = {
        "obj": obj,
        "target": target,
        "texts": texts,
        "found": [(f, redaction.KIND_LABELS[f.kind]) for f in found],
        "confirmed": svc.safe_findings(target, target_id),
        "edit": edit,
        "edit_what": {"quote": "quote", "case_study": "case study", "recommendation": "recommendation"}[
            target
        ],
        "back": back,
        "cleared": target == "quote" and obj.status == QuoteStatus.CLEARED,
        "error": error,
    }
    invalid = bool(error) or (edit is not None and edit.is_bound and bool(edit.errors))
    return render(request, "voice/champions/check.html", context, status=400 if invalid else 200)


@staff_required
def survey_comments(request: StaffRequest) -> HttpResponse:
    """Survey comments victims agreed to share with the Champions: the words, the moment and the
    month only. Taking one into coding (POST, with its number) makes it an engagement."""
    _champion(request)
    rows = survey_comments_shared(request.user)
    if request.method == "POST":
        number = request.POST.get("response", "")
        response = rows.filter(pk=int(number)).first() if number.isdigit() and len(number) < 12 else None
        if response is None:
            raise Http404
        try:
            engagement = survey_comment_take(actor=request.user, response=response)
        except Refusal as err:
            messages.error(request, err.message)
        else:
            messages.success(request, "The comments are now an engagement of yours: code them to the themes")
            return redirect("voice:engagement", engagement_id=engagement.pk)
    shown = list(rows[:100])
    audit_list(request, what="survey comments shared with the Champions", rows=shown)
    return render(request, "voice/champions/survey_comments.html", {"comments": shown})
