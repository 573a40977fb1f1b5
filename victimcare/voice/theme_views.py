"""The themes page (counts for Champions, the OPCC's supervisors and analysts) and the evidence
behind a theme (cleared quotes and approved case studies, never for analysts). Each look is
audited; no page here shows anything that identifies a victim."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from victimcare.access.capabilities import (
    can_see_voice_evidence,
    can_see_voice_themes,
    voice_counts_suppressed,
)
from victimcare.access.decorators import StaffRequest, staff_required
from victimcare.audit.models import Action
from victimcare.audit.services import audit_list, audit_record
from victimcare.reports import exports
from victimcare.voice import theme_selectors as sel
from victimcare.voice.champion_forms import ThemeFilterForm
from victimcare.voice.models import Theme


def _org(request: StaffRequest) -> int:
    org = request.user.organisation_id
    if org is None:  # the gates let in only staff of an OPCC
        raise Http404
    return org


def _form(request: StaffRequest) -> ThemeFilterForm:
    if not can_see_voice_themes(request.user):
        raise Http404
    return ThemeFilterForm(request.GET or None, today=timezone.localdate())


def _counts(request: StaffRequest, form: ThemeFilterForm) -> sel.ThemeCounts:
    f = form.filters()
    audit_record(
        actor=request.user, action=Action.VIEW, detail=f"Voice themes {f.start} to {f.end}", request=request
    )
    return sel.theme_counts(_org(request), f, suppress=voice_counts_suppressed(request.user))


@staff_required
def themes(request: StaffRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, Any] = {"form": form, "definition": sel.RISING_DEFINITION}
    if not form.is_bound or form.is_valid():
        context.update(
            counts=_counts(request, form),
            filters=form.filters(),
            suppress=voice_counts_suppressed(request.user),
            evidence=can_see_voice_evidence(request.user),
            query=request.GET.urlencode(),
        )
    return render(request, "voice/champions/themes.html", context, status=200 if "counts" in context else 400)


@staff_required
def themes_csv(request: StaffRequest) -> HttpResponse:
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "voice/champions/themes.html", {"form": form}, status=400)
    f = form.filters()
    response = HttpResponse(
        exports.to_csv(sel.figures_tables(_counts(request, form))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="victims-voice-themes-{f.start}-to-{f.end}.csv"'
    audit_list(
        request, what=f"victims' voice themes download (csv), {f.start} to {f.end}", action=Action.EXPORT
    )
    return response


@staff_required
def theme_evidence(request: StaffRequest, theme_id: int) -> HttpResponse:
    if not can_see_voice_evidence(request.user):
        raise Http404
    theme = get_object_or_404(Theme, pk=theme_id)
    org = _org(request)
    audit_record(actor=request.user, action=Action.VIEW, obj=theme, detail="evidence", request=request)
    context = {
        "theme": theme,
        "quotes": sel.cleared_quotes(org, theme),
        "studies": sel.approved_case_studies(org, theme),
    }
    return render(request, "voice/champions/theme_evidence.html", context)
