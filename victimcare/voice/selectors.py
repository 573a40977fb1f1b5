"""Reads for the survey: which offer (if any) the portal shows, and the staff results.

Who sees results (the gate for these pages):
- victim care supervisors (a supervisor at an OPCC): responses on the cases they can see;
- analysts: every response their organisation holds, counts under 5 suppressed (the same
  rule and words as the compliance figures, reports.selectors);
- everyone else: nothing (404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from victimcare.accounts.access import cases_visible_to, is_staff_member
from victimcare.accounts.models import Organisation, Role
from victimcare.cases.models import VictimCase
from victimcare.reports.selectors import SUPPRESS_BELOW, SUPPRESSED
from victimcare.voice.models import EVENT_MOMENT, QUESTIONS, Moment, SurveyDismissal, SurveyResponse


def latest_moment(case: VictimCase) -> str | None:
    """The latest key moment the case's timeline has reached (corrections count as the event
    they correct, so they reach nothing new)."""
    event = (
        case.events.filter(type__in=list(EVENT_MOMENT), corrects__isnull=True)
        .order_by("-occurred_at", "-id")
        .values_list("type", flat=True)
        .first()
    )
    return EVENT_MOMENT[event] if event else None


def survey_offer(case: VictimCase) -> str | None:
    """The moment to offer a survey for now, or None. Only the latest moment reached is ever
    offered, and only until it is answered or turned down: no second asking, no backlog."""
    moment = latest_moment(case)
    if moment is None:
        return None
    if SurveyResponse.objects.filter(case=case, moment=moment).exists():
        return None
    if SurveyDismissal.objects.filter(case=case, moment=moment).exists():
        return None
    return moment


def case_responses(case: VictimCase) -> QuerySet[SurveyResponse]:
    return SurveyResponse.objects.filter(case=case).order_by("-submitted_at")


# --- staff results -------------------------------------------------------------------------------


def may_see_results(user: Any) -> bool:
    if not is_staff_member(user) or user.organisation is None:
        return False
    if user.role == Role.ANALYST:
        return True
    return bool(user.role == Role.SUPERVISOR and user.organisation.kind == Organisation.Kind.OPCC)


def suppresses_small_numbers(user: Any) -> bool:
    return bool(getattr(user, "role", None) == Role.ANALYST)


def responses_for(user: Any) -> QuerySet[SurveyResponse]:
    if not may_see_results(user):
        return SurveyResponse.objects.none()
    if user.role == Role.ANALYST:
        return SurveyResponse.objects.filter(organisation_id=user.organisation_id)
    return SurveyResponse.objects.filter(case__in=cases_visible_to(user).values("id"))


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


def _cell(count: int, total: int, suppress: bool) -> Cell:
    if suppress and 0 < count < SUPPRESS_BELOW:
        return Cell(SUPPRESSED, "")
    if total == 0 or (suppress and total < SUPPRESS_BELOW):
        return Cell(count, "")
    return Cell(count, f"{count / total:.0%}")


def results(responses: QuerySet[SurveyResponse], *, suppress: bool) -> tuple[list[str], list[QuestionTable]]:
    """For each question, the count and share of each answer, per moment and for all moments
    together. With `suppress`, counts of 1 to 4 show as "fewer than 5", and no percentage is
    shown where its count is suppressed or its column has fewer than 5 responses."""
    moments = [m.value for m in Moment]
    columns = [*moments, "all"]
    headers = [str(Moment(m).label) for m in moments] + ["All moments"]
    per_moment = dict(
        responses.order_by().values("moment").annotate(n=Count("id")).values_list("moment", "n")
    )
    totals = {**{m: per_moment.get(m, 0) for m in moments}, "all": sum(per_moment.values())}
    tables = []
    for name, question, choices in QUESTIONS:
        counts: dict[tuple[str, str], int] = {}
        for moment, answer, n in (
            responses.order_by()
            .values("moment", name)
            .annotate(n=Count("id"))
            .values_list("moment", name, "n")
        ):
            counts[(moment, answer)] = n
            counts[("all", answer)] = counts.get(("all", answer), 0) + n
        table = QuestionTable(name=name, question=str(question))
        for value, label in choices.choices:
            cells = [_cell(counts.get((col, value), 0), totals[col], suppress) for col in columns]
            table.rows.append(AnswerRow(label=str(label), cells=cells))
        table.totals = [
            SUPPRESSED if suppress and 0 < totals[col] < SUPPRESS_BELOW else totals[col] for col in columns
        ]
        tables.append(table)
    return headers, tables


def comments_count(responses: QuerySet[SurveyResponse]) -> int:
    return responses.exclude(comments="").count()


def show_count(value: int, suppress: bool) -> int | str:
    return SUPPRESSED if suppress and 0 < value < SUPPRESS_BELOW else value
