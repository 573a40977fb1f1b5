from __future__ import annotations

from django import template

from victimcare.cases.models import VictimCase
from victimcare.messaging.selectors import ThreadSummary, thread_summary

register = template.Library()


@register.simple_tag
def staff_thread_summary(case: VictimCase) -> ThreadSummary:
    """The case page's panel: counts and the latest message's sender and time."""
    return thread_summary(case, for_staff=True)
