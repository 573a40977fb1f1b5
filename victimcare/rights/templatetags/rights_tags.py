from __future__ import annotations

from datetime import date

from django import template

from victimcare.cases.models import VictimCase
from victimcare.rights.review_windows import ReviewWindow
from victimcare.rights.selectors import case_review_windows

register = template.Library()


@register.simple_tag
def review_windows_for(case: VictimCase) -> list[ReviewWindow]:
    """The case page's review windows, asked for by the rights panel itself, so cases (below
    rights) never imports it: `{% review_windows_for case as review_windows %}`."""
    return case_review_windows(case)


@register.filter
def review_state(window: ReviewWindow, today: date) -> str:
    return window.state(today)
