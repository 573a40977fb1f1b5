"""The staff banner shown on a person's and a case's pages while processing of the person's
data is restricted (docs/adr/0053)."""

from __future__ import annotations

from typing import Any

from django import template

from victimcare.people.models import restriction_in_force

register = template.Library()


@register.inclusion_tag("people/_restriction_banner.html")
def restriction_banner(person: Any) -> dict[str, Any]:
    return {"restriction": restriction_in_force(getattr(person, "pk", None))}
