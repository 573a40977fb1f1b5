from __future__ import annotations

from datetime import date

from django import template

from victimcare.rights.review_windows import ReviewWindow

register = template.Library()


@register.filter
def review_state(window: ReviewWindow, today: date) -> str:
    return window.state(today)
