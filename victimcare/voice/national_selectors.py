"""Local answers to the national questions beside the national figures (docs/adr/0049).

For each national question: how many answered it (leaving out "this does not apply to me"),
how many gave the answer the national figure counts ("No" to "kept regularly informed", "Yes"
to the others), how many gave another answer, the share with its 95% Wilson interval, and the
checked national figure with its source. The same by a split: whether the case's rights were
met, met late or are overdue (as the case stands today), standard or enhanced rights, crime
type, team, or one protected characteristic. Then one row per agency: how many answered the
agency's question and how many were satisfied or very satisfied.

Small numbers: the existing disclosure control (reports.disclosure, ADR 0037) over every count
on the page, with the sums a reader can do (each row's answer and other answers add up to its
answered; each column's groups add up to the "everyone" row). Analysts see counts of 1 to 4 as
"fewer than 5" and the further counts that would give one away as "not shown"; no share or
interval is shown that uses a hidden count or fewer than 5 answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, CharField, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from victimcare.accounts.models import Team
from victimcare.reports import disclosure
from victimcare.reports.attrition import EQUALITY_SPLITS, NOT_RECORDED
from victimcare.reports.intervals import Proportion, wilson
from victimcare.rights.models import Entitlement, status_on
from victimcare.rights.vocabulary import LATE, MET, OVERDUE
from victimcare.voice.models import National, Satisfaction, SurveyAgencyAnswer, SurveyResponse
from victimcare.voice.national import AGENCY_WORDS, NATIONAL_QUESTIONS, NationalFigure, figures_for

NONE, RIGHTS, ENHANCED, CRIME_TYPE, TEAM = "", "rights", "enhanced", "crime_type", "team"
SPLITS: dict[str, str] = {
    NONE: "No split",
    RIGHTS: "Whether the case's rights were met, late or overdue",
    ENHANCED: "Standard or enhanced rights",
    CRIME_TYPE: "Crime type",
    TEAM: "Victim care team",
    **{k: label for k, (label, _) in EQUALITY_SPLITS.items()},
}
RIGHTS_LABELS = {
    "overdue": "Something owed is overdue",
    "late": "Something was done late",
    "met": "Everything due was done on time",
    "none": "Nothing due yet",
}
ALL = "all"
EXCLUDED = ("", National.NOT_APPLICABLE.value)
SATISFIED = (Satisfaction.VERY_SATISFIED.value, Satisfaction.SATISFIED.value)
ANSWER_WORDS = {"yes": "Yes", "no": "No"}


def measured_answer(key: str) -> str:
    """The answer whose share is compared: the national figures' (all of one question's agree)."""
    figures = figures_for(key)
    return figures[0].answer if figures else "yes"


@dataclass
class FigureRow:
    label: str
    answered: int | str
    counted: int | str
    others: int | str
    share: str = ""
    interval: str = ""
    compared: str = ""  # against the national figure: "lower", "higher" or "no clear difference"


@dataclass
class QuestionFigures:
    key: str
    question: str
    answer_words: str
    national: NationalFigure | None
    unchecked: list[NationalFigure]
    everyone: FigureRow
    groups: list[FigureRow] = field(default_factory=list)


@dataclass
class AgencyRow:
    agency: str
    answered: int | str
    satisfied: int | str
    others: int | str
    share: str = ""
    interval: str = ""


def _rights_of(case_ids: set[int], day: date) -> dict[int, str]:
    """Each case's rights as they stand on `day`: overdue beats late beats met."""
    found: dict[int, set[str]] = defaultdict(set)
    for case_id, status, due in Entitlement.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "status", "due"
    ):
        found[case_id].add(status_on(status, due, day))
    order = (("overdue", OVERDUE), ("late", LATE), ("met", MET))
    return {
        case_id: next((key for key, status in order if status in found.get(case_id, set())), "none")
        for case_id in case_ids
    }


def _grouped(responses: QuerySet[SurveyResponse], by: str) -> list[dict[str, Any]]:
    fields = [q.field for q in NATIONAL_QUESTIONS]
    rows = responses.order_by()
    if by == ENHANCED:
        rows = rows.annotate(
            group=Coalesce(
                F("case__rights__override_enhanced"),
                F("case__rights__enhanced"),
                Value(False),
                output_field=BooleanField(),
            )
        )
    elif by == CRIME_TYPE:
        rows = rows.annotate(group=F("case__crime__crime_type"))
    elif by == TEAM:
        rows = rows.annotate(group=F("case__team_id"))
    elif by in EQUALITY_SPLITS:
        rows = rows.annotate(group=Coalesce(F(f"case__person__{by}"), Value(""), output_field=CharField()))
    else:
        rows = rows.annotate(group=Value(ALL, output_field=CharField()))
    values = list(rows.values("case_id", "group", *fields))
    if by == RIGHTS:
        rights = _rights_of({r["case_id"] for r in values}, timezone.localdate())
        for r in values:
            r["group"] = rights[r["case_id"]]
    for r in values:
        r["group"] = _key(by, r["group"])
    return values


def _key(by: str, value: Any) -> str:
    if by == ENHANCED:
        return "enhanced" if value else "standard"
    if value is None:
        return "none" if by == TEAM else ""
    return str(value)


def group_labels(by: str, keys: list[str]) -> dict[str, str]:
    if by == RIGHTS:
        return {k: RIGHTS_LABELS[k] for k in keys}
    if by == ENHANCED:
        return {"enhanced": "Enhanced rights", "standard": "Standard rights"}
    if by == TEAM:
        ids = [int(k) for k in keys if k.isdigit()]
        return {**{str(t.pk): t.name for t in Team.objects.filter(pk__in=ids)}, "none": "No team"}
    if by in EQUALITY_SPLITS:
        choices = dict(EQUALITY_SPLITS[by][1].choices)
        return {k: str(choices.get(k, k)) if k else NOT_RECORDED for k in keys}
    return {k: k or NOT_RECORDED for k in keys}


def _order(by: str, keys: set[str]) -> list[str]:
    if by == RIGHTS:
        return [k for k in RIGHTS_LABELS if k in keys]
    if by == ENHANCED:
        return [k for k in ("standard", "enhanced") if k in keys]
    if by in EQUALITY_SPLITS:
        order = [v for v, _ in EQUALITY_SPLITS[by][1].choices] + [""]
        return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))
    return sorted(keys, key=lambda k: (k == "" or k == "none", k))


def _counts(rows: list[dict[str, Any]], name: str, answer: str) -> dict[str, tuple[int, int]]:
    """{group: (answered, gave the answer)} for one question."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        value = r[name] or ""
        if value in EXCLUDED:
            continue
        out[r["group"]][0] += 1
        out[r["group"]][1] += value == answer
    return {g: (n, x) for g, (n, x) in out.items()}


def national_figures_page(
    responses: QuerySet[SurveyResponse], *, by: str, suppress: bool
) -> list[QuestionFigures]:
    """Every national question's figures, by the split chosen (see the module docstring)."""
    rows = _grouped(responses, by)
    groups = _order(by, {r["group"] for r in rows}) if by != NONE else []
    labels = group_labels(by, groups) if groups else {}
    values: dict[Any, int] = {}
    sums: list[disclosure.Sum] = []
    per_question: dict[str, dict[str, tuple[int, int]]] = {}
    for q in NATIONAL_QUESTIONS:
        counts = _counts(rows, q.field, measured_answer(q.key))
        per_question[q.key] = counts
        columns = [*groups, ALL]
        n_all = sum(n for n, _ in counts.values())
        x_all = sum(x for _, x in counts.values())
        for g in columns:
            n, x = (n_all, x_all) if g == ALL else counts.get(g, (0, 0))
            values[(q.key, g, "n")], values[(q.key, g, "x")], values[(q.key, g, "y")] = n, x, n - x
            sums.append(disclosure.Sum(((q.key, g, "x"), (q.key, g, "y")), total=(q.key, g, "n")))
        if groups:
            for part in ("n", "x", "y"):
                sums.append(disclosure.Sum(tuple((q.key, g, part) for g in groups), total=(q.key, ALL, part)))
    shown = disclosure.protect(values, sums) if suppress else disclosure.no_suppression(values)
    out = []
    for q in NATIONAL_QUESTIONS:
        figures = figures_for(q.key)
        national = next((f for f in figures if f.verified), None)
        answer = measured_answer(q.key)
        out.append(
            QuestionFigures(
                key=q.key,
                question=q.short,
                answer_words=ANSWER_WORDS.get(answer, answer),
                national=national,
                unchecked=[f for f in figures if not f.verified],
                everyone=_row(shown, q.key, ALL, "Everyone who answered", national),
                groups=[_row(shown, q.key, g, labels.get(g, g), national) for g in groups],
            )
        )
    return out


def _row(
    shown: disclosure.Protection, key: str, group: str, label: str, national: NationalFigure | None
) -> FigureRow:
    n, x = shown.values[(key, group, "n")], shown.values[(key, group, "x")]
    row = FigureRow(
        label=label,
        answered=shown.show((key, group, "n")),
        counted=shown.show((key, group, "x")),
        others=shown.show((key, group, "y")),
    )
    rate = shown.rate([(key, group, "x")], [(key, group, "n")])
    proportion = wilson(x, n)
    if isinstance(rate, disclosure.Percent) and proportion is not None:
        row.share = str(rate)
        row.interval = f"{proportion.low:.0%} to {proportion.high:.0%}"
        row.compared = compare(proportion, national)
    return row


def compare(proportion: Proportion, national: NationalFigure | None) -> str:
    """Whether the local interval lies wholly below or above the national figure."""
    if national is None:
        return ""
    value = national.percent / 100
    if proportion.high < value:
        return "lower"
    if proportion.low > value:
        return "higher"
    return "no clear difference"


def agency_figures(responses: QuerySet[SurveyResponse], *, suppress: bool) -> list[AgencyRow]:
    """One row per agency: answered, satisfied or very satisfied, other answers, share."""
    answers = SurveyAgencyAnswer.objects.filter(response__in=responses.values("id")).values_list(
        "agency", "answer"
    )
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for agency, answer in answers:
        counts[agency][0] += 1
        counts[agency][1] += answer in SATISFIED
    values: dict[Any, int] = {}
    sums: list[disclosure.Sum] = []
    for agency in AGENCY_WORDS:
        n, x = counts.get(agency, [0, 0])
        values[(agency, "n")], values[(agency, "x")], values[(agency, "y")] = n, x, n - x
        sums.append(disclosure.Sum(((agency, "x"), (agency, "y")), total=(agency, "n")))
    shown = disclosure.protect(values, sums) if suppress else disclosure.no_suppression(values)
    out = []
    for agency, words in AGENCY_WORDS.items():
        row = AgencyRow(
            agency=str(words)[0].upper() + str(words)[1:],
            answered=shown.show((agency, "n")),
            satisfied=shown.show((agency, "x")),
            others=shown.show((agency, "y")),
        )
        rate = shown.rate([(agency, "x")], [(agency, "n")])
        proportion = wilson(values[(agency, "x")], values[(agency, "n")])
        if isinstance(rate, disclosure.Percent) and proportion is not None:
            row.share, row.interval = str(rate), f"{proportion.low:.0%} to {proportion.high:.0%}"
        out.append(row)
    return out
