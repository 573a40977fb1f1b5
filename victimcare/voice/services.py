"""Recording a victim's survey answers, or their "no thanks". Called by the portal pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import VictimCase
from victimcare.people.models import Person
from victimcare.refusals import Refusal
from victimcare.voice.invitations import invitations_cancel
from victimcare.voice.models import (
    COMMENTS_MAX_LENGTH,
    Agreement,
    KnewCode,
    National,
    Satisfaction,
    SurveyAgencyAnswer,
    SurveyDismissal,
    SurveyInvitation,
    SurveyOptOut,
    SurveyResponse,
)
from victimcare.voice.national import agencies_for, national_questions_for
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
    # The national questions asked at this moment ({SurveyResponse field: answer}, blank or
    # missing where not answered) and the agencies' ({agency: Satisfaction value}).
    national: Mapping[str, str] = field(default_factory=dict)
    agencies: Mapping[str, str] = field(default_factory=dict)
    comments_to_champions: bool = False


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


def _check_more(case: VictimCase, moment: str, answers: Answers) -> None:
    """The national and agency answers: only for the questions this case was asked, each on
    its scale; blank means not answered (those questions are optional)."""
    asked = {q.field for q in national_questions_for(case, moment)}
    for name, value in answers.national.items():
        if name not in asked or (value and value not in National.values):
            raise SurveyError(name, _("Choose an answer"))
    dealt_with = set(agencies_for(case))
    for agency, value in answers.agencies.items():
        if agency not in dealt_with or (value and value not in Satisfaction.values):
            raise SurveyError(f"agency_{agency}", _("Choose an answer"))
    if answers.comments_to_champions and not answers.comments.strip():
        raise SurveyError(
            "comments_to_champions",
            _("Write your comments, or do not tick the box about the Victims' Champions"),
        )


def _offered(case: VictimCase, moment: str) -> None:
    if survey_offer(case) != moment:
        raise SurveyError("moment", _("There is no survey to answer at the moment. Thank you."))


@transaction.atomic
def survey_response_record(
    *,
    case: VictimCase,
    moment: str,
    answers: Answers,
    respondent_label: str,
    now: datetime | None = None,
    invitation: SurveyInvitation | None = None,
) -> SurveyResponse:
    """Store the answers for the moment on offer. Refused if that moment is not on offer now
    (answered already, turned down, or overtaken by a later moment). Answered through an
    invitation's link, the link is used up with it (voice/invitations.py)."""
    now = now or timezone.now()
    _check(answers)
    _check_more(case, moment, answers)
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
                comments_to_champions=answers.comments_to_champions and bool(answers.comments.strip()),
                invitation=invitation,
                respondent_label=respondent_label,
                submitted_at=now,
                **{name: value for name, value in answers.national.items() if value},
            )
    except IntegrityError:  # the same answers sent twice at once: the first is kept
        raise SurveyError("moment", _("There is no survey to answer at the moment. Thank you.")) from None
    SurveyAgencyAnswer.objects.bulk_create(
        SurveyAgencyAnswer(response=response, agency=agency, answer=value)
        for agency, value in answers.agencies.items()
        if value
    )
    SurveyInvitation.objects.filter(case=case, moment=moment, used_at__isnull=True).update(used_at=now)
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
        SurveyInvitation.objects.filter(case=case, moment=moment, used_at__isnull=True).update(
            used_at=dismissal.dismissed_at
        )
        audit_record(
            actor=respondent_label,
            action=Action.CREATE,
            obj=dismissal,
            person=case.person,
            case=case,
            detail=moment,
        )


@transaction.atomic
def survey_opt_out(*, person: Person, recorded_by_label: str, now: datetime | None = None) -> SurveyOptOut:
    """The victim asked not to be sent surveys again: no invitation is written for them from
    now on, none waiting is sent, and the portal stops offering the survey."""
    opt_out, created = SurveyOptOut.objects.get_or_create(
        person=person,
        defaults={
            "organisation_id": person.organisation_id,
            "opted_out_at": now or timezone.now(),
            "recorded_by_label": recorded_by_label,
        },
    )
    if created:
        invitations_cancel(person=person, reason="The victim asked not to be sent surveys")
        audit_record(
            actor=recorded_by_label, action=Action.CREATE, obj=opt_out, person=person, detail="survey opt-out"
        )
    return opt_out


@transaction.atomic
def survey_opt_in_again(*, person: Person, recorded_by_label: str) -> None:
    """The victim changed their mind: surveys may be sent again (from the next moment)."""
    opt_out = SurveyOptOut.objects.filter(person=person).first()
    if opt_out is None:
        return
    audit_record(
        actor=recorded_by_label,
        action=Action.UPDATE,
        obj=opt_out,
        person=person,
        detail="survey opt-out removed",
    )
    opt_out.delete()
