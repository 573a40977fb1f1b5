"""The safeguarding panel on the staff case page (cases/case_detail.html includes
safeguarding/_case_panel.html, which calls this tag)."""

from __future__ import annotations

from typing import Any

from django import template

from victimcare.access.capabilities import Capability, can
from victimcare.safeguarding import selectors

register = template.Library()


@register.inclusion_tag("safeguarding/_panel.html", takes_context=True)
def safeguarding_panel(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    case = context.get("case")
    if case is None or not can(user, Capability.SAFEGUARD):
        return {"show": False}
    return {
        "show": True,
        "case": case,
        "can_write": context.get("can_write"),
        "panel": selectors.case_panel(case),
    }
