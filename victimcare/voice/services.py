"""Recording a victim's survey answers, or their "no thanks". Called by the portal pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.refusals import Refusal
from victimcare.voice.models import (
    COMMENTS_MAX_LENGTH,
    Agreement,
    KnewCode,
    Satisfaction,
    SurveyDismissal,
    SurveyResponse,
)
from victimcare.voice.offers import survey_offer

SurveyError = Refusal  # the one refusal type (victimcare/refusals.py)
VoiceError = Refusal  # the Champions' services refuse with the same type


@dataclass(frozen=True)
class Answers:
    overall: str
    kept_informed: str
    respect: str
    knew_code: str
    comments: str = ""


def _check(answers: Answers) -> None:
    for name, choices in (
        ("overall", Satisfaction),
        ("kept_informed", Agreement),
        ("respect", Agreement),
        ("knew_code", KnewCode),
    ):
        if getattr(answers, name) not in choices.values:
            raise SurveyError(name, _("Choose an answer"))
    if len(answers.comments.strip()) > COMMENTS_MAX_LENGTH:
        raise SurveyError(
            "comments",
            _("Your comments must be %(limit)s characters or fewer") % {"limit": f"{COMMENTS_MAX_LENGTH:,}"},
        )


def _offered(case: VictimCase, moment: str) -> None:
    if survey_offer(case) != moment:
        raise SurveyError("moment", _("There is no survey to answer at the moment. Thank you."))


@transaction.atomic
def survey_response_record(
    *, case: VictimCase, moment: str, answers: Answers, respondent_label: str, now: datetime | None = None
) -> SurveyResponse:
    """Store the answers for the moment on offer. Refused if that moment is not on offer now
    (answered already, turned down, or overtaken by a later moment)."""
    _check(answers)
    _offered(case, moment)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                organisation_id=case.organisation_id,
                case=case,
                moment=moment,
                overall=answers.overall,
                kept_informed=answers.kept_informed,
                respect=answers.respect,
                knew_code=answers.knew_code,
                comments=answers.comments.strip(),
                respondent_label=respondent_label,
                submitted_at=now or timezone.now(),
            )
    except IntegrityError:  # the same answers sent twice at once: the first is kept
        raise SurveyError("moment", _("There is no survey to answer at the moment. Thank you.")) from None
    audit_record(
        actor=respondent_label,
        action=Action.CREATE,
        obj=response,
        person=case.person,
        case=case,
        detail=moment,
    )
    return response


@transaction.atomic
def survey_dismiss(
    *, case: VictimCase, moment: str, respondent_label: str, now: datetime | None = None
) -> None:
    """The victim turned the survey down: it is not offered again for this moment."""
    _offered(case, moment)
    dismissal, created = SurveyDismissal.objects.get_or_create(
        case=case,
        moment=moment,
        defaults={"organisation_id": case.organisation_id, "dismissed_at": now or timezone.now()},
    )
    if created:
        audit_record(
            actor=respondent_label,
            action=Action.CREATE,
            obj=dismissal,
            person=case.person,
            case=case,
            detail=moment,
        )
