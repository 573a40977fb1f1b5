"""The restorative justice panel on the staff case page."""

from __future__ import annotations

from typing import Any

from django import template

from victimcare.access.capabilities import Capability, can
from victimcare.justice.models import RestorativeJustice

register = template.Library()


@register.inclusion_tag("justice/_panel.html", takes_context=True)
def justice_panel(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    case = context.get("case")
    if case is None or not can(getattr(request, "user", None), Capability.SAFEGUARD):
        return {"show": False}
    records = list(RestorativeJustice.objects.filter(case=case))
    return {
        "show": True,
        "case": case,
        "can_write": context.get("can_write"),
        "records": records,
        "can_offer": not any(r.is_open for r in records),
    }
