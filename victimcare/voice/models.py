"""Victims' satisfaction survey: one short survey offered at each key moment of a case.

A moment is reached when the case's timeline has one of its events (models.MOMENT_EVENTS).
The portal offers a survey for the latest moment reached that the victim has neither answered
nor turned down, and only that one: a victim who was away for the outcome and the sentence is
asked once, about the sentence, not twice (voice/offers.py). Answers are stored per case and
moment (one response each, enforced by the database); the optional free text is the victim's
own words and is treated as their data (seen only through the case, audited).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from victimcare.accounts.models import Organisation
from victimcare.cases.models import VictimCase

COMMENTS_MAX_LENGTH = 2000


class Moment(models.TextChoices):
    OUTCOME = "outcome", _("After the outcome of the case")
    SENTENCE = "sentence", _("After the sentence")
    REFERRAL_CLOSED = "referral_closed", _("After support from a service ended")
    CASE_CLOSED = "case_closed", _("After the case was closed")


# The events that reach each moment.
MOMENT_EVENTS: dict[str, tuple[str, ...]] = {
    Moment.OUTCOME: (
        "case_outcome_received",
        "out_of_court_disposal",
        "suspect_released_no_further_action",
        "decision_not_to_investigate",
        "cps_decision_not_to_charge",
    ),
    Moment.SENTENCE: ("sentence_received", "offender_sentenced"),
    Moment.REFERRAL_CLOSED: ("referral_closed",),
    Moment.CASE_CLOSED: ("case_closed",),
}
EVENT_MOMENT = {event: moment for moment, events in MOMENT_EVENTS.items() for event in events}


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    NEITHER = "neither", _("Neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")


class Agreement(models.TextChoices):
    YES = "yes", _("Yes, always")
    MOSTLY = "mostly", _("Yes, mostly")
    SOMETIMES = "sometimes", _("Only sometimes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class KnewCode(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class SurveyResponse(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="survey_responses")
    moment = models.CharField(max_length=20, choices=Moment.choices)
    overall = models.CharField(max_length=20, choices=Satisfaction.choices)
    kept_informed = models.CharField(max_length=20, choices=Agreement.choices)
    respect = models.CharField(max_length=20, choices=Agreement.choices)
    knew_code = models.CharField(max_length=20, choices=KnewCode.choices)
    comments = models.TextField(blank=True, max_length=COMMENTS_MAX_LENGTH)
    respondent_label = models.CharField(max_length=200)
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "moment"], name="one_survey_response_per_moment"),
        ]
        indexes = [models.Index(fields=["organisation", "submitted_at"], name="survey_org_time_idx")]

    def __str__(self) -> str:
        return f"Survey response {self.pk} ({self.moment})"


class SurveyDismissal(models.Model):
    """The victim said "no thanks" to the survey for a moment: it is not offered again."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="survey_dismissals")
    moment = models.CharField(max_length=20, choices=Moment.choices)
    dismissed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "moment"], name="one_survey_dismissal_per_moment"),
        ]

    def __str__(self) -> str:
        return f"Survey turned down ({self.moment})"


QUESTIONS: tuple[tuple[str, Any, type[models.TextChoices]], ...] = (
    ("overall", _("Overall, how satisfied are you with the service you received?"), Satisfaction),
    ("kept_informed", _("Were you kept informed about what was happening?"), Agreement),
    ("respect", _("Were you treated with respect and dignity?"), Agreement),
    ("knew_code", _("Did you know about the Victims' Code before you were given this service?"), KnewCode),
)
