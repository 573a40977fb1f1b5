"""Records for the annual report's tests: a year of the Champions' work (April 2025 to March
2026) with a small count in it, an approved case study, a cleared quote and a recommendation
the police answered."""

from __future__ import annotations

from datetime import date

from tests.factories import local
from tests.voice.conftest import make_engagement, subtheme
from victimcare.accounts.models import User
from victimcare.voice import engagement_services as eng
from victimcare.voice.case_study_services import case_study_create, case_study_move
from victimcare.voice.models import Engagement, Recommendation
from victimcare.voice.recommendation_services import recommendation_raise, recommendation_respond

CASE_STUDY_TITLE = "Left waiting for a call"
THEMES = (
    "Reporting and communication",
    "The investigative and criminal justice process",
    "The impact on the victim",
)


def _coded(champion: User, held_on: date, sub: str, area: str = "crime") -> Engagement:
    engagement = make_engagement(champion, held_on=held_on, area=area)
    eng.account_save(actor=champion, engagement=engagement, stages=["investigation"], agencies=["police"],
                     went_well="", went_badly="Not kept informed.")  # fmt: skip
    eng.concern_add(actor=champion, engagement=engagement, subtheme=subtheme(sub), agency="police",
                    stage="investigation", summary="Not told what was happening")  # fmt: skip
    return engagement


def seed_year(personas: dict[str, User]) -> list[Engagement]:
    """Seven engagements: six about being kept informed (crime), one about waiting for trial
    (anti-social behaviour), so that two counts are under 5; and one engagement outside the year."""
    chad, sue = personas["chad"], personas["sue"]
    kept = [_coded(chad, date(2025, 5, day), "Being kept informed") for day in range(1, 7)]
    kept.append(_coded(chad, date(2025, 9, 1), "Waiting for trial", area="asb"))
    _coded(chad, date(2024, 12, 1), "Mental health and wellbeing")  # before the period
    quote = eng.quote_add(actor=chad, engagement=kept[0], subtheme=subtheme("Being kept informed"),
                          text="Nobody rang me back for weeks.")  # fmt: skip
    eng.quote_clear(actor=chad, quote=quote)
    study = case_study_create(
        actor=chad, title=CASE_STUDY_TITLE, story="After the arrest she heard nothing for weeks.",
        subtheme_ids=[subtheme("Being kept informed").pk], engagement_ids=[kept[1].pk],
    )  # fmt: skip
    case_study_move(actor=sue, study=study, to="reviewed")
    case_study_move(actor=sue, study=study, to="approved")
    rec = recommendation_raise(
        actor=chad, subtheme=subtheme("Being kept informed"), finding="Victims were not told of releases.",
        recommendation="Tell victims within a day of a release.", partner="police", owner=chad, due=date(2030, 6, 30),
    )  # fmt: skip
    recommendation_respond(actor=sue, rec=rec, status="changed", partner_response="Agreed.",
                           what_changed="Officers now call within a day.", evidence="Force policy.")  # fmt: skip
    Recommendation.objects.filter(pk=rec.pk).update(
        created_at=local(2025, 10, 1, 10, 0)
    )  # raised in the year
    return kept
