from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count

from victimcare.notify.models import ATTENTION, OutboundMessage

register = template.Library()


@register.simple_tag
def case_messages(case: Any, limit: int = 5) -> dict[str, Any]:
    """The case page's messages panel: the latest few, and how many need attention. The case
    was already passed through the access gate by the page that includes the panel."""
    rows = list(
        OutboundMessage.objects.filter(case=case)
        .select_related("user")
        .order_by("-created_at", "-id")[:limit]
    )
    counts = dict(
        OutboundMessage.objects.filter(case=case, status__in=ATTENTION)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    total = OutboundMessage.objects.filter(case=case).count()
    return {"rows": rows, "attention": sum(counts.values()), "total": total}
