"""Where victims drop out of the criminal justice system, and for which groups (docs/adr/0037).

The population is the victims' cases opened in the chosen period (UK local days, both
included) that the user's figures count (access.gate.cases_counted_for). Each step is a
yes/no per case, from the timeline events and the support records; a case counts at a step if
it has ever reached it, whatever the order. Rates are of everyone in the group (the cases
opened), not of those at the step before, so the steps of two groups compare directly.

Three GROUP BY queries per page, grouped by the split chosen (crime type, month or quarter, team,
area, or one protected characteristic), each reading its table once: the cases, the events (one
COUNT(DISTINCT case) FILTER per step) and the referrals (see `groups`). A correlated EXISTS per
step per case was simpler but probed the events index nine times per case: 8 to 11 times slower
than a hand-written single pass at 2,000 victims (bench/bench_attrition.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, CharField, Count, DateField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncMonth, TruncQuarter

from victimcare.access.gate import cases_counted_for
from victimcare.accounts.models import Team
from victimcare.cases.models import Event, VictimCase
from victimcare.people.models import PREFER_NOT_TO_SAY, Ethnicity, Religion, Sex, SexualOrientation, YesNo
from victimcare.reports import disclosure, selectors
from victimcare.reports.intervals import Ratio, ratio_of_proportions
from victimcare.reports.selectors import MONTH, QUARTER, period_label
from victimcare.support.models import Referral

NOT_RECORDED = "Not recorded"
MIN_TO_PUBLISH = 10  # fewer victims than this in the selection: no rates at all
WITHDREW_OUTCOMES = (14, 16)  # Home Office outcome types: victim does not support / withdrew


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    definition: str
    events: tuple[str, ...] = ()  # the step is reached when any of these is on the timeline


STEPS: tuple[Step, ...] = (
    Step("reported", "Reported", "Every victim whose case was opened in the period."),
    Step(
        "assessed",
        "Needs assessed",
        "A needs assessment was completed (the 'Needs assessment completed' event).",
        ("needs_assessment_completed",),
    ),
    Step(
        "referred",
        "Referred to support",
        "Referred to a support service (the 'Referred to victim support services' event).",
        ("referred_to_support",),
    ),
    Step(
        "engaged",
        "Engaged with support",
        "A service recorded that the victim engaged with it (a referral marked 'Victim engaged').",
    ),
    Step(
        "suspect",
        "Suspect identified",
        "A suspect was arrested, interviewed under caution, bailed, released under investigation "
        "or with no further action, charged, or given an out of court disposal.",
        (
            "suspect_arrested",
            "suspect_interviewed_under_caution",
            "suspect_bailed",
            "suspect_released_under_investigation",
            "suspect_released_no_further_action",
            "suspect_charged",
            "out_of_court_disposal",
        ),
    ),
    Step(
        "charged",
        "Charged or summonsed",
        "The 'Suspect charged' event, or the crime's Home Office outcome is 1 (charged or summonsed).",
        ("suspect_charged",),  # and CHARGED_BY_OUTCOME
    ),
    Step(
        "hearing",
        "First hearing",
        "A court hearing was listed ('Court hearing listed').",
        ("hearing_listed",),
    ),
    Step(
        "trial",
        "Trial",
        "The victim was required to give evidence at trial ('Victim required to give evidence').",
        ("witness_required",),
    ),
    Step(
        "outcome",
        "Court outcome",
        "The outcome of the case at court was received ('Case outcome received' or 'Sentence received').",
        ("case_outcome_received", "sentence_received"),
    ),
)
STEP_KEYS = [s.key for s in STEPS]
WITHDREW_DEFINITION = (
    "Of the victims whose crime has a Home Office outcome recorded, the share with outcome 14 "
    "(evidential difficulties: suspect not identified, the victim does not support further action) "
    "or 16 (evidential difficulties: suspect identified, the victim does not support or has "
    "withdrawn support from police action)."
)

# --- the splits ---------------------------------------------------------------------------------

CRIME_TYPE, PERIOD, TEAM, AREA, AGE = "crime_type", "period", "team", "area", "age"
EQUALITY_SPLITS: dict[str, tuple[str, Any]] = {
    "sex": ("Sex", Sex),
    "gender_identity_same_as_sex": ("Gender identity the same as sex registered at birth", YesNo),
    "ethnicity": ("Ethnicity", Ethnicity),
    "disability": ("Disability", YesNo),
    "religion": ("Religion or belief", Religion),
    "sexual_orientation": ("Sexual orientation", SexualOrientation),
}
SPLITS: dict[str, str] = {
    CRIME_TYPE: "Crime type",
    PERIOD: "Month or quarter the case was opened",
    TEAM: "Victim care team",
    AREA: "Area (local authority of the crime)",
    AGE: "Age band",
    **{k: label for k, (label, _) in EQUALITY_SPLITS.items()},
}
AGE_BANDS = ((0, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, None))
NO_TEAM = "none"


@dataclass(frozen=True)
class AttritionFilters:
    start: date
    end: date
    by: str = CRIME_TYPE
    crime_type: str = ""
    team: int | None = None

    @property
    def period(self) -> str:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return QUARTER if months > 12 else MONTH


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age_band(end: date, prefix: str = "") -> Case:
    """The age band on the last day of the period, from the date of birth."""
    born = f"{prefix}person__date_of_birth"
    whens = [When(**{f"{born}__isnull": True}, then=Value(""))]
    for low, high in AGE_BANDS:
        label = f"{low} to {high}" if high is not None else f"{low} and over"
        born_after = _years_before(end, (high or 200) + 1)
        whens.append(When(**{f"{born}__gt": born_after}, then=Value(label)))
    return Case(*whens, default=Value(""), output_field=CharField())


def group_expression(f: AttritionFilters, prefix: str = "") -> Any:
    """The split's value for a case (`prefix` "case__" from a row that points at the case)."""
    if f.by == CRIME_TYPE:
        return F(f"{prefix}crime__crime_type")
    if f.by == PERIOD:
        trunc = TruncQuarter if f.period == QUARTER else TruncMonth
        return trunc(f"{prefix}opened_at", output_field=DateField())
    if f.by == TEAM:
        return F(f"{prefix}team_id")
    if f.by == AREA:
        return F(f"{prefix}crime__lsoa_name")
    if f.by == AGE:
        return _age_band(f.end, prefix)
    if f.by in EQUALITY_SPLITS:
        return Coalesce(F(f"{prefix}person__{f.by}"), Value(""), output_field=CharField())
    raise ValueError(f.by)


def cases_in(user: Any, f: AttritionFilters) -> QuerySet[VictimCase]:
    rows = cases_counted_for(user).filter(
        opened_at__gte=selectors.local_midnight(f.start),
        opened_at__lt=selectors.local_midnight(f.end + timedelta(days=1)),
    )
    if f.crime_type:
        rows = rows.filter(crime__crime_type=f.crime_type)
    if f.team is not None:
        rows = rows.filter(team_id=f.team)
    return rows


# --- the figures --------------------------------------------------------------------------------


@dataclass
class Group:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)  # step key -> victims; "outcomes", "withdrew"


COLUMNS = [*STEP_KEYS, "outcomes", "withdrew"]
CHARGED_BY_OUTCOME = Q(crime__outcome_type=1) & Q(
    ~Exists(Event.objects.filter(case_id=OuterRef("pk"), type="suspect_charged", corrects__isnull=True))
)


def groups(user: Any, f: AttritionFilters) -> list[Group]:
    """One row per value of the split, from three aggregate queries that each read their
    table once (plus one for team names): the cases (victims, outcomes, withdrawals, and those
    charged by their crime's outcome with no charge event); the events, counting distinct
    cases per step; and the referrals, counting distinct cases engaged with support."""
    cases = cases_in(user, f)
    found: list[tuple[Any, dict[str, int]]] = []
    per_case: Any = (
        cases.annotate(group=group_expression(f))
        .values("group")
        .annotate(
            reported=Count("id"),
            outcomes=Count("id", filter=Q(crime__outcome_type__isnull=False)),
            withdrew=Count("id", filter=Q(crime__outcome_type__in=WITHDREW_OUTCOMES)),
            charged=Count("id", filter=CHARGED_BY_OUTCOME),
        )
        .order_by()
    )
    found += [(row.pop("group"), row) for row in per_case]
    steps = [s for s in STEPS if s.events]
    every = sorted({t for s in steps for t in s.events})
    per_event: Any = (
        Event.objects.filter(case__in=cases.values("id"), type__in=every, corrects__isnull=True)
        .annotate(group=group_expression(f, "case__"))
        .values("group")
        .annotate(**{s.key: Count("case_id", distinct=True, filter=Q(type__in=s.events)) for s in steps})
        .order_by()
    )
    found += [(row.pop("group"), row) for row in per_event]
    engaged: Any = (
        Referral.objects.filter(case__in=cases.values("id"), engaged_at__isnull=False)
        .annotate(group=group_expression(f, "case__"))
        .values("group")
        .annotate(engaged=Count("case_id", distinct=True))
        .order_by()
    )
    found += [(row.pop("group"), row) for row in engaged]
    merged: dict[str, Group] = {}
    for value, counts in found:
        key = group_key(f, value)
        g = merged.setdefault(key, Group(key, "", dict.fromkeys(COLUMNS, 0)))
        for column, n in counts.items():
            g.counts[column] += n
    out = list(merged.values())
    labels = group_labels(f, [g.key for g in out])
    for g in out:
        g.label = labels.get(g.key, g.key)
    if f.by == PERIOD:
        return _every_period(f, out)
    order = group_order(f)
    out.sort(key=lambda g: (order.get(g.key, len(order)), g.key in ("", NOT_RECORDED), g.label))
    return out


def _every_period(f: AttritionFilters, found: list[Group]) -> list[Group]:
    by_key = {g.key: g for g in found}
    out = []
    start = selectors.period_start(f.start, f.period)
    while start <= f.end:
        key = start.isoformat()
        out.append(by_key.get(key) or Group(key, period_label(start, f.period), dict.fromkeys(COLUMNS, 0)))
        start = selectors.next_period(start, f.period)
    return out


def group_key(f: AttritionFilters, value: Any) -> str:
    if f.by == AREA:
        return local_authority(value or "")
    if f.by == TEAM:
        return NO_TEAM if value is None else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


def local_authority(lsoa_name: str) -> str:
    """'County Durham 001A' -> 'County Durham' (an LSOA's name is its local authority and a code)."""
    head, _, tail = lsoa_name.strip().rpartition(" ")
    return head if head and tail[:3].isdigit() else lsoa_name.strip()


def group_labels(f: AttritionFilters, keys: Sequence[str]) -> dict[str, str]:
    if f.by == TEAM:
        ids = [int(k) for k in keys if k.isdigit()]
        names = {str(t.id): t.name for t in Team.objects.filter(id__in=ids)} if ids else {}
        return {**names, NO_TEAM: "No team"}
    if f.by == PERIOD:
        return {k: period_label(date.fromisoformat(k), f.period) for k in keys}
    if f.by in EQUALITY_SPLITS:
        choices = dict(EQUALITY_SPLITS[f.by][1].choices)
        return {k: str(choices.get(k, k)) if k else NOT_RECORDED for k in keys}
    return {k: k or NOT_RECORDED for k in keys}


def group_order(f: AttritionFilters) -> dict[str, int]:
    """Choices in their listed order ("prefer not to say" and "not recorded" last)."""
    if f.by in EQUALITY_SPLITS:
        values = [v for v, _ in EQUALITY_SPLITS[f.by][1].choices]
        values.remove(PREFER_NOT_TO_SAY[0])
        return {v: i for i, v in enumerate([*values, PREFER_NOT_TO_SAY[0], ""])}
    if f.by == AGE:
        labels = [f"{lo} to {hi}" if hi is not None else f"{lo} and over" for lo, hi in AGE_BANDS]
        return {v: i for i, v in enumerate([*labels, ""])}
    return {}


# --- what the page shows ------------------------------------------------------------------------


@dataclass
class StepFigure:
    label: str
    definition: str
    count: int | str
    rate: disclosure.Percent | str
    ratio: Ratio | None
    note: str  # why there is no ratio, or "" when there is one

    @property
    def flag(self) -> str:
        if self.ratio is None or not self.ratio.excludes_one:
            return ""
        return f"Differs from everyone else: {self.ratio.direction}"


@dataclass
class GroupFigures:
    key: str
    label: str
    victims: int | str
    steps: list[StepFigure]
    withdrew: StepFigure


def protection(rows: Sequence[Group], total: Group, suppress: bool) -> disclosure.Protection:
    """Every count on the page: the groups of one split add up to everyone, step by step."""
    values: dict[Any, int] = {(g.key, c): g.counts[c] for g in [*rows, total] for c in COLUMNS}
    if not suppress:
        return disclosure.no_suppression(values)
    sums = [disclosure.Sum(tuple((g.key, c) for g in rows), total=(total.key, c)) for c in COLUMNS]
    return disclosure.protect(values, sums)


TOTAL_KEY = "__everyone__"


def figures(rows: Sequence[Group], shown: disclosure.Protection) -> tuple[GroupFigures, list[GroupFigures]]:
    """Everyone, then each group: the count and rate at each step, and the group's ratio to
    everyone else with its 95% interval (none where a count is hidden or a side has fewer
    than 5 victims), and the share of outcomes where the victim withdrew."""
    total = _total(rows)
    return _figures_for(total, total, shown, compare=False), [
        _figures_for(g, total, shown, compare=True) for g in rows
    ]


def _total(rows: Sequence[Group]) -> Group:
    counts = {c: sum(g.counts[c] for g in rows) for c in COLUMNS}
    return Group(TOTAL_KEY, "Everyone", counts)


def _figure(
    g: Group,
    total: Group,
    shown: disclosure.Protection,
    top: str,
    bottom: str,
    label: str,
    definition: str,
    *,
    compare: bool,
) -> StepFigure:
    rate = shown.rate([(g.key, top)], [(g.key, bottom)], withheld="Not shown")
    ratio, note = None, ""
    if compare:
        x1, n1 = g.counts[top], g.counts[bottom]
        x0, n0 = total.counts[top] - x1, total.counts[bottom] - n1
        cells = [(g.key, top), (g.key, bottom), (total.key, top), (total.key, bottom)]
        if shown.any_hidden(cells):
            note = "Not shown: it would reveal a hidden count"
        elif min(n1, n0) < disclosure.SMALL:
            note = "Too few victims to compare"
        else:
            ratio = ratio_of_proportions(x1, n1, x0, n0)
            if ratio is None:
                note = "No ratio: none in this group or in everyone else reached this step"
    return StepFigure(label, definition, shown.show((g.key, top)), rate, ratio, note)


def _figures_for(g: Group, total: Group, shown: disclosure.Protection, *, compare: bool) -> GroupFigures:
    steps = [
        _figure(g, total, shown, s.key, "reported", s.label, s.definition, compare=compare) for s in STEPS
    ]
    withdrew = _figure(
        g,
        total,
        shown,
        "withdrew",
        "outcomes",
        "Outcomes where the victim did not support or withdrew from action",
        WITHDREW_DEFINITION,
        compare=compare,
    )
    return GroupFigures(g.key, g.label, shown.show((g.key, "reported")), steps, withdrew)


def report(
    user: Any, f: AttritionFilters, *, suppress: bool
) -> tuple[int, GroupFigures | None, list[GroupFigures]]:
    """(victims matching, everyone, each group). Below MIN_TO_PUBLISH victims nothing is
    worked out: the page says why."""
    rows = groups(user, f)
    total = _total(rows)
    victims = total.counts["reported"]
    if victims < MIN_TO_PUBLISH:
        return victims, None, []
    shown = protection(rows, total, suppress)
    everyone, each = figures(rows, shown)
    return victims, everyone, each
