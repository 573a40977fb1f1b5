from __future__ import annotations

from django import template

from victimcare.cases.models import VictimCase
from victimcare.voice.models import SurveyResponse
from victimcare.voice.offers import survey_offer
from victimcare.voice.selectors import case_responses

register = template.Library()


@register.simple_tag
def case_survey_responses(case: VictimCase) -> list[SurveyResponse]:
    return list(case_responses(case))


@register.simple_tag
def portal_survey_offer(case: VictimCase | None) -> str | None:
    """The moment a survey is on offer for, or None (see voice.offers.survey_offer)."""
    return survey_offer(case) if case is not None else None
