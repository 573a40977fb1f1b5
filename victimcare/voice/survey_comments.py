"""Survey comments the victim agreed to share with the Victims' Champions, into their theme
coding (docs/adr/0049).

The survey asks, beside the comments box, whether the Champions may read the comments. Only
then does a Champion see them: the words, the moment and the month, never the victim's name or
case. A Champion who takes a comment into coding records it as a survey engagement of their
own, with the one consent the victim gave (to keep the account: not to quote it, not to be
contacted, not linked to the case), and the comment as the account's "what did not go well"
for the Champion to sort and code like any other account.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.refusals import Refusal
from victimcare.voice import engagement_services
from victimcare.voice.models import ChampionArea, Engagement, SurveyResponse
from victimcare.voice.national import agencies_for

ASB_TYPES = ("Anti-social behaviour",)


def _area(response: SurveyResponse) -> str:
    crime = response.case.crime
    if crime.domestic_abuse:
        return ChampionArea.DOMESTIC_ABUSE
    if crime.crime_type in ASB_TYPES:
        return ChampionArea.ASB
    return ChampionArea.CRIME


@transaction.atomic
def survey_comment_take(*, actor: User, response: SurveyResponse) -> Engagement:
    """Take one shared comment into the Champion's coding (once: a second Champion, or the same
    one twice, is refused)."""
    locked = SurveyResponse.objects.select_for_update().select_related("case__crime").get(pk=response.pk)
    if not locked.comments_to_champions or not locked.comments:
        raise Refusal("response", "The victim did not agree to the Champions reading these comments")
    if locked.champion_engagement_id is not None:
        raise Refusal("response", "These comments are already being coded")
    engagement = engagement_services.engagement_record(
        actor=actor,
        area=_area(locked),
        method="survey",
        place="Feedback survey",
        held_on=timezone.localtime(locked.submitted_at).date(),
        groups=[],
        consents=engagement_services.Consents(keep=True),
    )
    engagement_services.account_save(
        actor=actor,
        engagement=engagement,
        stages=[],
        agencies=agencies_for(locked.case),
        went_well="",
        went_badly=locked.comments,
    )
    locked.champion_engagement = engagement
    locked.save(update_fields=["champion_engagement"])
    return engagement
