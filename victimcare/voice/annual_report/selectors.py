"""What the Champions' annual report says, read from the records for its office and period
(docs/adr/0048). The same figures feed the page, the HTML and the PDF.

Small numbers: the report goes to a public Panel, so every count is protected for every
reader (reports.disclosure.protect): counts from 1 to 4 print as "fewer than 5", and further
counts are hidden ("not shown") wherever a total would let a reader work a small one out. Each
table's charted bars are the same protected figures, a hidden count is written, never drawn.

Consent: an account whose keeping consent was withdrawn has been deleted (voice ADR 0036), so
it is in no count of accounts or concerns; quotes and case studies need their consents too, a
cleared or approved status, and the redaction check clear as they are read.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from victimcare.access.capabilities import Capability, can
from victimcare.reports import charts, disclosure
from victimcare.voice import redaction
from victimcare.voice.annual_report.models import AnnualReport
from victimcare.voice.engagement_services import confirmed_safe
from victimcare.voice.models import (
    CaseStudy,
    ChampionArea,
    Engagement,
    EngagementMethod,
    Quote,
    Recommendation,
    RecommendationStatus,
    SeldomHeard,
    SubTheme,
    Theme,
)
from victimcare.voice.theme_selectors import ThemeFilters, approved_case_studies, cleared_quotes, concerns_for


@dataclass(frozen=True)
class Row:
    label: str
    shown: int | str
    indent: bool = False


@dataclass(frozen=True)
class Table:
    """One table of counts and its chart (an <img> of the SVG, with the same words as its alt)."""

    key: str
    caption: str
    heading: str
    rows: list[Row]
    total: Row | None
    chart_src: str
    chart_alt: str


@dataclass
class ThemeFinding:
    theme: Theme
    shown: int | str
    subthemes: Table
    case_studies: list[CaseStudy] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class ReportContent:
    report: AnnualReport
    engagements: int | str
    accounts: int | str
    work: list[Table]
    themes_table: Table
    findings: list[ThemeFinding]
    recommendations: list[Recommendation]
    left_out_recommendations: int


def _chart(key: str, title: str, rows: list[tuple[str, Any]], total: int | str) -> tuple[str, str]:
    """The bar chart of a table's shown counts as shares of its shown total, as a data: image."""
    points = [
        charts.Point(
            label, n / total if isinstance(n, int) and isinstance(total, int) and total else None, str(n)
        )
        for label, n in rows
    ]
    alt = f"Bar chart: {title}. {charts.summary(points, 'share')}"
    svg = charts.bar_chart(f"chart-{key}", title, alt, points)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), alt


def _table(
    key: str, caption: str, heading: str, cells: list[tuple[str, Any]], total: Any, shown: Any
) -> Table:
    rows = [Row(label, shown.show(cell)) for label, cell in cells]
    total_shown = shown.show(total) if total is not None else None
    src, alt = _chart(
        key, caption, [(r.label, r.shown) for r in rows], total_shown if total_shown is not None else 0
    )
    return Table(
        key, caption, heading, rows, Row("Total", total_shown) if total_shown is not None else None, src, alt
    )


def _period_engagements(report: AnnualReport) -> Any:
    return Engagement.objects.filter(
        organisation_id=report.organisation_id, held_on__range=(report.period_start, report.period_end)
    )


def _values(report: AnnualReport) -> tuple[dict[Any, int], list[disclosure.Sum], list[SubTheme]]:
    engagements = list(_period_engagements(report).select_related("account"))
    values: dict[Any, int] = {("engagements",): len(engagements)}
    methods = Counter(e.method for e in engagements)
    areas = Counter(e.area for e in engagements)
    groups = Counter(g for e in engagements for g in e.groups_reached)
    values.update({("method", m): methods[m] for m in EngagementMethod.values})
    values.update({("area", a): areas[a] for a in ChampionArea.values})
    values.update({("group", g): groups[g] for g in SeldomHeard.values})
    values[("accounts",)] = sum(1 for e in engagements if e.consent_keep and hasattr(e, "account"))
    concerns = concerns_for(report.organisation_id, ThemeFilters(report.period_start, report.period_end))
    by_sub = Counter(concerns.values_list("subtheme_id", flat=True))
    subs = [s for s in SubTheme.objects.select_related("theme") if s.active or by_sub[s.pk]]
    themes = list(Theme.objects.all())
    values[("concerns",)] = sum(by_sub.values())
    for t in themes:
        values[("theme", t.pk)] = sum(by_sub[s.pk] for s in subs if s.theme_id == t.pk)
    values.update({("sub", s.pk): by_sub[s.pk] for s in subs})
    sums = [
        disclosure.Sum(tuple(("method", m) for m in EngagementMethod.values), total=("engagements",)),
        disclosure.Sum(tuple(("area", a) for a in ChampionArea.values), total=("engagements",)),
        disclosure.Sum(tuple(("theme", t.pk) for t in themes), total=("concerns",)),
        *(
            disclosure.Sum(tuple(("sub", s.pk) for s in subs if s.theme_id == t.pk), total=("theme", t.pk))
            for t in themes
        ),
    ]
    return values, sums, subs


def _in_period(
    report: AnnualReport, studies: list[CaseStudy], quotes: list[Quote]
) -> tuple[list[CaseStudy], list[Quote]]:
    """Those drawn from engagements held in the report's period."""
    held = set(_period_engagements(report).values_list("pk", flat=True))
    studies = [s for s in studies if held.intersection(s.engagements.values_list("pk", flat=True))]
    quotes = [q for q in quotes if q.account.engagement_id in held]
    return studies, quotes


def _recommendations(report: AnnualReport) -> tuple[list[Recommendation], int]:
    """Those raised in the period, and those raised before it still waiting for an answer."""
    S = RecommendationStatus
    raised = (
        Recommendation.objects.filter(
            organisation_id=report.organisation_id, created_at__date__lte=report.period_end
        )
        .filter(Q(created_at__date__gte=report.period_start) | Q(status__in=[S.RAISED, S.RESPONDED]))
        .exclude(status=S.WITHDRAWN)
        .select_related("subtheme__theme")
    )
    kept = [
        r
        for r in raised
        if not redaction.outstanding(r.public_texts(), confirmed_safe("recommendation", r.pk))
    ]
    return kept, len(raised) - len(kept)


def report_content(report: AnnualReport) -> ReportContent:
    values, sums, subs = _values(report)
    shown = disclosure.protect(values, sums)
    work = [
        _table("method", "Engagements by how the Champions met victims", "How",
               [(label, ("method", v)) for v, label in EngagementMethod.choices], ("engagements",), shown),
        _table("area", "Engagements by Champion area", "Champion area",
               [(label, ("area", v)) for v, label in ChampionArea.choices], ("engagements",), shown),
        _table("groups", "Engagements that reached seldom-heard groups", "Group",
               [(label, ("group", v)) for v, label in SeldomHeard.choices], None, shown),
    ]  # fmt: skip
    themes = list(Theme.objects.all())
    themes_table = _table("themes", "Concerns raised by theme", "Theme",
                          [(t.name, ("theme", t.pk)) for t in themes], ("concerns",), shown)  # fmt: skip
    findings = []
    for t in themes:
        sub_table = _table(f"theme-{t.pk}", f"{t.name}: concerns by sub-theme", "Sub-theme",
                           [(s.name, ("sub", s.pk)) for s in subs if s.theme_id == t.pk], ("theme", t.pk), shown)  # fmt: skip
        studies, quotes = _in_period(
            report,
            approved_case_studies(report.organisation_id, t),
            cleared_quotes(report.organisation_id, t),
        )
        findings.append(ThemeFinding(t, shown.show(("theme", t.pk)), sub_table, studies, quotes))
    recs, left_out = _recommendations(report)
    return ReportContent(
        report=report,
        engagements=shown.show(("engagements",)),
        accounts=shown.show(("accounts",)),
        work=work,
        themes_table=themes_table,
        findings=findings,
        recommendations=recs,
        left_out_recommendations=left_out,
    )


# --- which reports a user may reach ---------------------------------------------------------------


def annual_reports_visible_to(user: Any) -> QuerySet[AnnualReport]:
    """Their own office's reports, for the holders of DRAFT_ANNUAL_REPORT; none for anyone else."""
    if not can(user, Capability.DRAFT_ANNUAL_REPORT):
        return AnnualReport.objects.none()
    return AnnualReport.objects.filter(organisation_id=user.organisation_id).select_related("author")


def access_annual_report_for_user(user: Any, report_id: int | str) -> AnnualReport:
    try:
        return annual_reports_visible_to(user).get(pk=int(report_id))
    except (ValueError, AnnualReport.DoesNotExist):
        raise Http404 from None
