"""Whether processing of the signed-in victim's data is restricted, for the portal's notice
(docs/adr/0053)."""

from __future__ import annotations

from typing import Any

from django import template

from victimcare.people.models import ProcessingRestriction, restriction_in_force

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_restriction(context: Any) -> ProcessingRestriction | None:
    case = getattr(context.get("request"), "portal_case", None)
    return restriction_in_force(getattr(case, "person_id", None))
