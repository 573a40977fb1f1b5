"""The theme counts: concerns coded from victims' accounts, counted by theme, sub-theme,
agency, part of the journey, Champion area and month, with rising themes flagged.

What is counted: each coded concern (voice.models.Concern) from an account the victim agreed
to keep, in the user's organisation, from engagements held in the dates chosen. An account
whose keeping consent is withdrawn is deleted (engagement_services), so it drops out of every
count and export from then on.

Who sees what (accounts.access): Champions see every count; the OPCC's victim care supervisors
and analysts see counts from 1 to 4 as "fewer than 5" (reports.selectors.show_count).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from victimcare.reports.exports import Table
from victimcare.reports.selectors import show_count
from victimcare.voice import redaction
from victimcare.voice.engagement_services import confirmed_safe
from victimcare.voice.models import (
    Agency,
    CaseStudy,
    CaseStudyStatus,
    ChampionArea,
    Concern,
    JourneyStage,
    Quote,
    QuoteStatus,
    SubTheme,
    Theme,
)

RISING_WINDOW_DAYS = 91  # 13 weeks
RISING_AT_LEAST = 5
RISING_RATIO = 1.5
RISING_DEFINITION = (
    "A theme is rising when victims raised it at least 5 times in the 13 weeks up to the last "
    "day shown, and at least one and a half times as often as in the 13 weeks before that."
)


@dataclass(frozen=True)
class ThemeFilters:
    start: date
    end: date
    area: str = ""
    agency: str = ""
    stage: str = ""


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int | str
    rising: bool = False
    pk: int | None = None
    indent: bool = False


def concerns_for(organisation_id: int, f: ThemeFilters, *, dates: bool = True) -> QuerySet[Concern]:
    qs = Concern.objects.filter(
        account__engagement__organisation_id=organisation_id, account__engagement__consent_keep=True
    )
    if dates:
        qs = qs.filter(account__engagement__held_on__gte=f.start, account__engagement__held_on__lte=f.end)
    if f.area:
        qs = qs.filter(account__engagement__area=f.area)
    if f.agency:
        qs = qs.filter(agency=f.agency)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    return qs


def _counts(qs: QuerySet[Concern], field: str) -> dict[Any, int]:
    return {row[field]: row["n"] for row in qs.order_by().values(field).annotate(n=Count("id"))}


def rising_themes(organisation_id: int, f: ThemeFilters) -> set[int]:
    """The themes rising by RISING_DEFINITION, counted with the same area, agency and stage."""
    everything = concerns_for(organisation_id, f, dates=False)
    recent_start = f.end - timedelta(days=RISING_WINDOW_DAYS - 1)
    before_start = recent_start - timedelta(days=RISING_WINDOW_DAYS)
    field = "subtheme__theme_id"
    recent = _counts(everything.filter(account__engagement__held_on__range=(recent_start, f.end)), field)
    before = _counts(
        everything.filter(
            account__engagement__held_on__range=(before_start, recent_start - timedelta(days=1))
        ),
        field,
    )
    return {
        theme
        for theme, n in recent.items()
        if n >= RISING_AT_LEAST and n >= RISING_RATIO * before.get(theme, 0)
    }


@dataclass(frozen=True)
class ThemeCounts:
    total: int | str
    themes: list[CountRow]
    agencies: list[CountRow]
    stages: list[CountRow]
    areas: list[CountRow]
    months: list[CountRow]


def theme_counts(organisation_id: int, f: ThemeFilters, *, suppress: bool) -> ThemeCounts:
    qs = concerns_for(organisation_id, f)
    rising = rising_themes(organisation_id, f)
    by_theme, by_sub = _counts(qs, "subtheme__theme_id"), _counts(qs, "subtheme_id")
    themes: list[CountRow] = []
    subs = list(SubTheme.objects.select_related("theme"))
    for theme in Theme.objects.all():
        themes.append(
            CountRow(
                theme.name, show_count(by_theme.get(theme.pk, 0), suppress), theme.pk in rising, theme.pk
            )
        )
        themes.extend(
            CountRow(s.name, show_count(by_sub.get(s.pk, 0), suppress), pk=s.pk, indent=True)
            for s in subs
            if s.theme_id == theme.pk and (s.active or by_sub.get(s.pk))
        )

    def rows(field: str, choices: Any) -> list[CountRow]:
        found = _counts(qs, field)
        return [
            CountRow(str(label), show_count(found.get(value, 0), suppress))
            for value, label in choices.choices
        ]

    months = _counts(qs.annotate(month=TruncMonth("account__engagement__held_on")), "month")
    return ThemeCounts(
        total=show_count(qs.count(), suppress),
        themes=themes,
        agencies=rows("agency", Agency),
        stages=rows("stage", JourneyStage),
        areas=rows("account__engagement__area", ChampionArea),
        months=[CountRow(f"{m:%B %Y}", show_count(n, suppress)) for m, n in sorted(months.items())],
    )


def figures_tables(counts: ThemeCounts) -> list[Table]:
    """The same counts as the page, for the CSV."""
    return [
        ("Themes", ["Theme or sub-theme", "Concerns", "Rising"],
         [[("- " if r.indent else "") + r.label, r.count, "Yes" if r.rising else ""] for r in counts.themes]),
        ("Agencies", ["Agency", "Concerns"], [[r.label, r.count] for r in counts.agencies]),
        ("Journey", ["Part of the journey", "Concerns"], [[r.label, r.count] for r in counts.stages]),
        ("Areas", ["Champion area", "Concerns"], [[r.label, r.count] for r in counts.areas]),
        ("Months", ["Month", "Concerns"], [[r.label, r.count] for r in counts.months]),
    ]  # fmt: skip


# --- the evidence behind a count: cleared quotes and approved case studies -----------------------


def cleared_quotes(organisation_id: int, theme: Theme) -> list[Quote]:
    """Quotes cleared for use under the theme, each checked again now: one whose words no
    longer pass the check (say, a name list grew) is left out rather than shown."""
    quotes = Quote.objects.filter(
        status=QuoteStatus.CLEARED,
        subtheme__theme=theme,
        account__engagement__organisation_id=organisation_id,
        account__engagement__consent_quote=True,
    ).select_related("subtheme")
    return [q for q in quotes if not redaction.outstanding([q.text], confirmed_safe("quote", q.pk))]


def approved_case_studies(organisation_id: int, theme: Theme) -> list[CaseStudy]:
    studies = CaseStudy.objects.filter(
        organisation_id=organisation_id, status=CaseStudyStatus.APPROVED, subthemes__theme=theme
    ).distinct()
    return [
        s
        for s in studies
        if not redaction.outstanding([s.title, s.story], confirmed_safe("case_study", s.pk))
    ]
