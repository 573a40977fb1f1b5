"""Reads for the survey: which offer (if any) the portal shows, and the staff results.

Who sees results (the gate for these pages):
- victim care supervisors (a supervisor at an OPCC): responses on the cases they can see;
- analysts: every response their organisation holds, counts under 5 suppressed (the same
  rule and words as the compliance figures, reports.selectors);
- everyone else: nothing (404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter

from victimcare.access.capabilities import Capability, can
from victimcare.cases.models import VictimCase
from victimcare.reports import disclosure
from victimcare.reports.selectors import (
    MONTH,
    QUARTER,
    local_midnight,
    next_period,
    period_label,
    period_start,
)
from victimcare.voice.models import (
    QUESTIONS,
    Moment,
    Satisfaction,
    SurveyResponse,
)


def case_responses(case: VictimCase) -> QuerySet[SurveyResponse]:
    return SurveyResponse.objects.filter(case=case).order_by("-submitted_at")


# --- staff results -------------------------------------------------------------------------------


def responses_for(user: Any) -> QuerySet[SurveyResponse]:
    """Every response the user's figures count: their organisation's, for analysts and victim
    care supervisors alike (a supervisor at an OPCC sees every case it holds, so the two scopes
    are the same; the organisation key uses the responses' own index)."""
    if not can(user, Capability.SEE_FEEDBACK):
        return SurveyResponse.objects.none()
    return SurveyResponse.objects.filter(organisation_id=user.organisation_id)


@dataclass(frozen=True)
class ResultsFilters:
    """When the victims answered (local dates, both included), and which moment ("" for all)."""

    start: date
    end: date
    moment: str = ""

    @property
    def period(self) -> str:
        """Months for a range of up to 12 calendar months; quarters for anything longer."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return QUARTER if months > 12 else MONTH

    @property
    def moments(self) -> list[str]:
        return [self.moment] if self.moment else [m.value for m in Moment]


def filtered_responses(user: Any, f: ResultsFilters) -> QuerySet[SurveyResponse]:
    """The user's responses answered between the two dates (UK local days) for the moment."""
    rows = responses_for(user).filter(
        submitted_at__gte=local_midnight(f.start), submitted_at__lt=local_midnight(f.end + timedelta(days=1))
    )
    return rows.filter(moment=f.moment) if f.moment else rows


# Satisfied: "very satisfied" or "satisfied" to the overall question.
SATISFIED = (Satisfaction.VERY_SATISFIED.value, Satisfaction.SATISFIED.value)


@dataclass(frozen=True)
class TrendRow:
    label: str
    responses: int | str
    satisfied: int | str
    percent: str  # "" when not shown


@dataclass
class Cell:
    count: int | str
    percent: str  # "" when not shown


@dataclass
class AnswerRow:
    label: str
    cells: list[Cell]


@dataclass
class QuestionTable:
    name: str
    question: str
    rows: list[AnswerRow] = field(default_factory=list)
    totals: list[int | str] = field(default_factory=list)


def trend(responses: QuerySet[SurveyResponse], f: ResultsFilters, *, suppress: bool) -> list[TrendRow]:
    """One row per month (or quarter) of the range, empty ones included: the responses and how
    many were satisfied or very satisfied overall, with its share (figures() says how small
    numbers are hidden)."""
    return figures(responses, f, suppress=suppress)[0]


def results(
    responses: QuerySet[SurveyResponse], *, suppress: bool, moments: list[str] | None = None
) -> tuple[list[str], list[QuestionTable]]:
    """For each question, the count and share of each answer, per moment (all of them, or
    those given) and, with more than one, for those moments together."""
    f = ResultsFilters(start=date.min, end=date.min)
    _, headers, tables = figures(responses, f, suppress=suppress, moments=moments, with_trend=False)
    return headers, tables


def figures(
    responses: QuerySet[SurveyResponse],
    f: ResultsFilters,
    *,
    suppress: bool,
    moments: list[str] | None = None,
    with_trend: bool = True,
) -> tuple[list[TrendRow], list[str], list[QuestionTable]]:
    """The page's trend and question tables, with small numbers hidden together
    (reports.disclosure): counts of 1 to 4 show as "fewer than 5", and further counts are
    "not shown" where a hidden one could be worked out from a column total, the "all moments"
    column, or the trend (its responses add up to the total, its "satisfied" to the overall
    question's two satisfied answers). No share is shown that uses a hidden count or a total
    under 5."""
    moments = moments or f.moments
    together = len(moments) > 1
    columns = [*moments, "all"] if together else moments
    last = columns[-1]
    headers = [str(Moment(m).label) for m in moments] + (["All moments"] if together else [])
    per_moment = dict(
        responses.order_by().values("moment").annotate(n=Count("id")).values_list("moment", "n")
    )
    values: dict[Any, int] = {("total", m): per_moment.get(m, 0) for m in moments}
    values[("total", "all")] = sum(per_moment.get(m, 0) for m in moments)
    sums: list[disclosure.Sum] = []
    if together:
        sums.append(disclosure.Sum(tuple(("total", m) for m in moments), total=("total", "all")))
    for name, _question, choices in QUESTIONS:
        found: dict[tuple[str, str], int] = {}
        for moment, answer, n in (
            responses.order_by()
            .values("moment", name)
            .annotate(n=Count("id"))
            .values_list("moment", name, "n")
        ):
            found[(moment, answer)] = n
        answers = [value for value, _ in choices.choices]
        for answer in answers:
            for m in moments:
                values[(name, answer, m)] = found.get((m, answer), 0)
            values[(name, answer, "all")] = sum(found.get((m, answer), 0) for m in moments)
            if together:
                sums.append(
                    disclosure.Sum(tuple((name, answer, m) for m in moments), total=(name, answer, "all"))
                )
        for col in columns:
            sums.append(disclosure.Sum(tuple((name, a, col) for a in answers), total=("total", col)))
    buckets: list[tuple[date, str]] = []
    if with_trend:
        trunc = TruncQuarter if f.period == QUARTER else TruncMonth
        found_trend = {
            bucket: (n, satisfied)
            for bucket, n, satisfied in responses.order_by()
            .annotate(bucket=trunc("submitted_at", output_field=DateField()))
            .values("bucket")
            .annotate(n=Count("id"), satisfied=Count("id", filter=Q(overall__in=SATISFIED)))
            .values_list("bucket", "n", "satisfied")
        }
        start = period_start(f.start, f.period)
        while start <= f.end:
            buckets.append((start, period_label(start, f.period)))
            n, satisfied = found_trend.get(start, (0, 0))
            values[("trend", start, "n")], values[("trend", start, "satisfied")] = n, satisfied
            start = next_period(start, f.period)
        sums.append(disclosure.Sum(tuple(("trend", b, "n") for b, _ in buckets), total=("total", last)))
        sums.append(
            disclosure.Sum(
                tuple(("trend", b, "satisfied") for b, _ in buckets),
                others=tuple(("overall", a, last) for a in SATISFIED),
            )
        )
    shown = disclosure.protect(values, sums) if suppress else disclosure.no_suppression(values)

    def share(top: Any, bottom: Any) -> str:
        got = shown.rate([top], [bottom])
        return str(got) if isinstance(got, disclosure.Percent) else ""

    trend_rows = [
        TrendRow(
            label=label,
            responses=shown.show(("trend", b, "n")),
            satisfied=shown.show(("trend", b, "satisfied")),
            percent=share(("trend", b, "satisfied"), ("trend", b, "n")),
        )
        for b, label in buckets
    ]
    tables = []
    for name, question, choices in QUESTIONS:
        table = QuestionTable(name=name, question=str(question))
        for value, label in choices.choices:
            cells = [
                Cell(shown.show((name, value, col)), share((name, value, col), ("total", col)))
                for col in columns
            ]
            table.rows.append(AnswerRow(label=str(label), cells=cells))
        table.totals = [shown.show(("total", col)) for col in columns]
        tables.append(table)
    return trend_rows, headers, tables


def comments_count(responses: QuerySet[SurveyResponse]) -> int:
    return responses.exclude(comments="").count()


def figures_tables(
    f: ResultsFilters, trend_rows: list[TrendRow], headers: list[str], tables: list[QuestionTable]
) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The page's figures as tables for a download (reports.exports): the trend, then each
    question by moment. Counts and shares only, as shown on the page: never a victim's words."""
    period = "Quarter" if f.period == QUARTER else "Month"
    trend_table = (
        f"Trend by {period.lower()}",
        [period, "Responses", "Satisfied or very satisfied", "Satisfied or very satisfied (%)"],
        [[r.label, r.responses, r.satisfied, r.percent] for r in trend_rows],
    )
    out = [trend_table]
    for table in tables:
        header = ["Answer"]
        for moment in headers:
            header += [moment, f"{moment} (%)"]
        rows: list[list[Any]] = []
        for row in table.rows:
            values: list[Any] = [row.label]
            for cell in row.cells:
                values += [cell.count, cell.percent]
            rows.append(values)
        totals: list[Any] = ["Everyone who answered"]
        for total in table.totals:
            totals += [total, ""]
        rows.append(totals)
        out.append((table.question, header, rows))
    return out


def survey_comments_shared(user: Any) -> QuerySet[SurveyResponse]:
    """The comments victims agreed to share with the Champions, not yet taken into coding, for
    a Champion of the organisation that holds them (docs/adr/0049). Nothing else may list them."""
    from victimcare.access.capabilities import can_record_engagements

    if not can_record_engagements(user):
        return SurveyResponse.objects.none()
    return SurveyResponse.objects.filter(
        organisation_id=user.organisation_id, comments_to_champions=True, champion_engagement__isnull=True
    ).order_by("submitted_at", "id")
