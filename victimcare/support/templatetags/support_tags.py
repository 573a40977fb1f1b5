"""The support panel on the staff case page (its own queries, so the case view stays as it is)."""

from __future__ import annotations

from typing import Any

from django import template

from victimcare.support import selectors
from victimcare.support.models import NEED_WEIGHT, NeedArea, NeedsAssessment

register = template.Library()


@register.inclusion_tag("support/_panel.html", takes_context=True)
def support_panel(context: dict[str, Any]) -> dict[str, Any]:
    case = context["case"]
    latest = selectors.latest_assessment(case)
    draft = (
        NeedsAssessment.objects.filter(case=case, status=NeedsAssessment.Status.DRAFT)
        .only("id", "updated_at")
        .first()
    )
    return {
        "case": case,
        "can_write": context.get("can_write", False),
        "latest": latest,
        "top_needs": top_needs(latest),
        "draft": draft,
        "referrals": selectors.case_referrals(case),
    }


def top_needs(assessment: NeedsAssessment | None) -> list[str]:
    """The areas of need found, highest first, as "Housing (high)"."""
    if assessment is None:
        return []
    labels = dict(NeedArea.choices)
    found = [a for a in assessment.areas.all() if NEED_WEIGHT.get(a.level, 0) > 0]  # type: ignore[call-overload]
    found.sort(key=lambda a: -NEED_WEIGHT[a.level])  # type: ignore[index]
    return [f"{labels[a.area]} ({a.get_level_display().lower()})" for a in found]
