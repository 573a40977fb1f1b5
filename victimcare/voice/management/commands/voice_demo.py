"""Demo data for the victims' voice: chad's engagements over the last year, their coded
concerns and cleared quotes, an approved case study, and a recommendation to the police with
its response, published. Everything goes through the services, as a Champion's work would.
Run by `manage.py demo_setup`; does nothing if chad already has engagements."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.voice import case_study_services, engagement_services, recommendation_services
from victimcare.voice.models import (
    Agency,
    ChampionArea,
    EngagementMethod,
    JourneyStage,
    SeldomHeard,
    SubTheme,
)

PLACES = ("Bishop Auckland community centre", "By phone", "Durham market place stall", "Peterlee library",
          "Darlington women's group", "Consett youth club", "Spennymoor hub")  # fmt: skip
QUOTES = (
    "Nobody rang me back for weeks, and I did not know if anything was happening.",
    "The officer who came out was kind and took me seriously.",
    "I waited over a year for the trial and no one explained why.",
    "I was scared to go out on my own after it happened.",
)


class Command(BaseCommand):
    help = "Add demo engagements, themes, a case study and a recommendation for chad."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--engagements", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        chad, sue = User.objects.get(username="chad"), User.objects.get(username="sue")
        if chad.engagements.exists():
            self.stdout.write("Voice demo already present.\n")
            return
        rng = random.Random(options["seed"])  # noqa: S311 (demo data, repeatable by seed)
        today = timezone.localdate()
        subs = list(SubTheme.objects.select_related("theme"))
        quotable = []
        for _ in range(options["engagements"]):
            consents = engagement_services.Consents(keep=True, quote=rng.random() < 0.5, contact=False)
            engagement = engagement_services.engagement_record(
                actor=chad, area=rng.choice(ChampionArea.values), method=rng.choice(EngagementMethod.values),
                place=rng.choice(PLACES), held_on=today - timedelta(days=rng.randrange(0, 360)),
                groups=rng.sample(SeldomHeard.values, rng.randrange(0, 3)), consents=consents,
            )  # fmt: skip
            agencies, stages = rng.sample(Agency.values, 2), rng.sample(JourneyStage.values, 2)
            engagement_services.account_save(
                actor=chad, engagement=engagement, stages=stages, agencies=agencies,
                went_well="The first officer they met listened.", went_badly="Long silences with no news.",
            )  # fmt: skip
            for _ in range(rng.randrange(1, 4)):
                engagement_services.concern_add(
                    actor=chad, engagement=engagement, subtheme=rng.choice(subs), agency=rng.choice(agencies),
                    stage=rng.choice(stages), summary="Not kept up to date",
                )  # fmt: skip
            if consents.quote:
                quotable.append(engagement)
        for text, engagement in zip(QUOTES, quotable, strict=False):
            quote = engagement_services.quote_add(
                actor=chad, engagement=engagement, subtheme=rng.choice(subs), text=text
            )
            engagement_services.quote_clear(actor=chad, quote=quote)
        self._publish(chad, sue, quotable, subs)
        self.stdout.write(f"Voice demo: {options['engagements']} engagements for chad.\n")

    def _publish(self, chad: User, sue: User, quotable: list[Any], subs: list[SubTheme]) -> None:
        waiting = next(s for s in subs if s.name == "Waiting for trial")
        if quotable:
            study = case_study_services.case_study_create(
                actor=chad, title="A year of waiting", subtheme_ids=[waiting.pk], engagement_ids=[quotable[0].pk],
                story="After reporting an assault she waited over a year for the trial. Each new date came by "
                "letter with no explanation, and she stopped sleeping before each one.",
            )  # fmt: skip
            case_study_services.case_study_move(actor=sue, study=study, to="reviewed")
            case_study_services.case_study_move(actor=sue, study=study, to="approved")
        informed = next(s for s in subs if s.name == "Being kept informed")
        rec = recommendation_services.recommendation_raise(
            actor=chad, subtheme=informed, finding="Victims told us they were not told when a suspect was released.",
            recommendation="Tell every victim within a day of a suspect's release.", partner="police", owner=chad,
            due=timezone.localdate() + timedelta(days=30),
        )  # fmt: skip
        recommendation_services.recommendation_respond(
            actor=sue, rec=rec, status="changed", partner_response="Agreed. Officers now call within 24 hours.",
            what_changed="Victims are now called within a day of a suspect's release.", evidence="Force policy update.",
        )  # fmt: skip
        recommendation_services.recommendation_publish(actor=sue, rec=rec)
