"""Commissioning evidence: what victims need, what the commissioned services take and do, and who
is missed (issue 13, item 4; docs/adr/0050).

`commissioning_figures(user, filters)` is the one entry point: the page, its download and the
Police and Crime Panel pack read the same `CommissioningFigures`. It is pure over the querysets
the gate gives (access.gate.cases_counted_for: supervisors their cases, analysts their
organisation's as aggregates), narrowed by the filters (team, crime type, local authority area),
and writes nothing (the views audit the look).

Every count is a cell of one `disclosure.protect` over the whole page, with the sums a reader
can use (columns to their everyone row, a row's parts to its whole, and the three tables of
needs to the same everyone), so the page and the download hide the same counts; a section
with fewer than MIN_TO_PUBLISH in its population shows no figures and says why.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.db.models import Min, QuerySet
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.gate import cases_counted_for
from victimcare.cases.events import VICTIM_DECLINE_REASONS
from victimcare.cases.models import Event, VictimCase
from victimcare.justice import workflow
from victimcare.justice.models import RestorativeJustice, RestorativeJusticeStep
from victimcare.reports import attrition, charts, disclosure, selectors
from victimcare.reports.selectors import MONTH, QUARTER, period_label
from victimcare.rights.services import stored_calendar
from victimcare.rights.workdays import local_date
from victimcare.safeguarding import marac
from victimcare.safeguarding.facts import marac_facts_for
from victimcare.safeguarding.models import MaracReferral, OrderType, ProtectiveOrder
from victimcare.support.models import (
    NeedArea,
    NeedLevel,
    NeedsAssessment,
    NeedsAssessmentArea,
    Referral,
    ReferralOutcome,
)

MIN_TO_PUBLISH = 10
EVERYONE = "__everyone__"
NOT_RECORDED = "Not recorded"
YOUNG_BELOW = 18
NOT_SHOWN = "Not shown"
# The splits offered for "needs met by group": where victims live is its own table.
GROUP_SPLITS = {k: v for k, v in attrition.SPLITS.items() if k not in (attrition.PERIOD, attrition.AREA)}
DEFAULT_BY = attrition.AGE


@dataclass(frozen=True)
class CommissioningFilters:
    start: date
    end: date
    team: int | None = None
    crime_type: str = ""
    area: str = ""  # a local authority, from the crime's LSOA name
    by: str = DEFAULT_BY  # the split for "needs met by group"

    @property
    def period(self) -> str:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return QUARTER if months > 12 else MONTH

    @property
    def months(self) -> int:
        """Calendar months the period touches: a service's capacity is per month."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


@dataclass
class Chart:
    chart_id: str
    title: str
    points: list[charts.Point]
    what: str  # "share of capacity used": the summary's words
    scale: int | None = None  # None: shares from 0 to 100%; else counts or days up to this

    @property
    def summary(self) -> str:
        return charts.summary(self.points, self.what)

    def svg(self) -> str:
        desc = f"Bar chart. {self.summary}"
        return charts.bar_chart(self.chart_id, self.title, desc, self.points, scale=self.scale)


@dataclass
class Section:
    """One table of the page (and one sheet of the download): its rows as shown (counts as
    ints, rates as disclosure.Percent, hidden counts and withheld figures as words)."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    population: int = 0
    population_words: str = "cases"
    charts: list[Chart] = field(default_factory=list)
    intro: str = ""

    @property
    def sheet(self) -> str:
        """Its short name: the download's table and worksheet."""
        return SHEETS[self.key]

    @property
    def state(self) -> str:
        if self.population == 0:
            return "nothing"
        return "too_few" if self.population < MIN_TO_PUBLISH else "shown"

    @property
    def message(self) -> str:
        if self.state == "nothing":
            return f"No {self.population_words} match these filters. Try a longer period or fewer filters."
        if self.state == "too_few":
            return (
                f"Fewer than {MIN_TO_PUBLISH} {self.population_words} match these filters. That is too few "
                "to publish: a rate from so few would be unreliable, and could identify someone. Try a "
                "longer period or fewer filters."
            )
        return ""


@dataclass
class CommissioningFigures:
    filters: CommissioningFilters
    suppress: bool
    sections: list[Section]
    as_on: date

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def empty(self) -> bool:
        return all(s.state == "nothing" for s in self.sections)


SHEETS = {
    "services": "Services",
    "outcomes": "Outcomes",
    "needs_by_need": "Needs by need",
    "needs_by_area": "Needs by area",
    "needs_by_group": "Needs by group",
    "declines": "Declines",
    "rj": "Restorative justice",
    "orders": "Protective orders",
    "marac": "MARAC",
    "young": "Young victims",
}
DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Referrals against capacity",
        "Referrals sent in the period to each service, against its capacity: the new referrals a "
        "month it says it can take (the services directory) times the calendar months in the period.",
    ),
    (
        "Waiting times",
        "Working days (Monday to Friday, not bank holidays) from the day a referral was sent to the "
        "day the service accepted it, and to the day it first made contact with the victim; the "
        "median of the referrals that reached that step.",
    ),
    (
        "Acceptance and engagement",
        "Acceptance: referrals accepted of those sent. Engagement: referrals where the victim "
        "engaged with the service, of those accepted.",
    ),
    (
        "How referrals ended",
        "Referrals closed in the period, by the outcome the service recorded when closing: needs "
        "met, partly met, not met, or the victim stopped taking part (with why). 'No outcome "
        "recorded' counts those closed before outcomes were asked for, or closed by a provider's "
        "system with words only.",
    ),
    (
        "Needs met",
        "Each need (low, medium or high) in the latest needs assessment completed in the period is "
        "met when the victim engaged with a service, on that case, whose directory entry says it "
        "meets that need; otherwise it is not met. Counted by need, by the local authority of the "
        "crime, and by group, so services can see whom they do not reach.",
    ),
    (
        "Why victims decline support",
        "Each time in the period a victim said they did not want a referral or support, with the "
        "reason recorded ('Not recorded' where none was, as before reasons were asked for).",
    ),
    (
        "Restorative justice",
        "Offers made in the period, and how many reached each step since: accepted, declined, "
        "assessed, took part (a conference or indirect communication), an outcome agreement, "
        "followed up, withdrawn by either side.",
    ),
    ("Protective orders", "Orders made (their start date) in the period, by type and by month or quarter."),
    (
        "MARAC criteria met but not referred",
        "Domestic abuse cases opened in the period whose victim meets a MARAC criterion today "
        "(visible high risk, professional judgement, potential escalation or repeat MARAC) and "
        "whose case has no MARAC referral.",
    ),
    (
        "Young victims' time to first contact",
        "Victims under 18 on the day their case was opened in the period: how many a support "
        "service has contacted, and the median working days from the case opened to the first "
        "contact, beside victims aged 18 and over.",
    ),
)


# --- the population ----------------------------------------------------------------------------


def _between(f: CommissioningFilters) -> tuple[datetime, datetime]:
    return selectors.local_midnight(f.start), selectors.local_midnight(f.end + timedelta(days=1))


def counted_cases(user: Any, f: CommissioningFilters) -> QuerySet[VictimCase]:
    """The cases whose figures count: the gate's, narrowed by team, crime type and area."""
    cases = cases_counted_for(user)
    if f.team is not None:
        cases = cases.filter(team_id=f.team)
    if f.crime_type:
        cases = cases.filter(crime__crime_type=f.crime_type)
    if f.area:
        cases = cases.filter(crime__lsoa_name__startswith=f"{f.area} ")
    return cases


def areas_for(user: Any) -> list[str]:
    """The local authorities of the crimes the user's figures count (the area filter's choices)."""
    names = cases_counted_for(user).exclude(crime__lsoa_name="").values_list("crime__lsoa_name", flat=True)
    return sorted({attrition.local_authority(n) for n in names.distinct()})


def _opened_in(cases: QuerySet[VictimCase], f: CommissioningFilters) -> QuerySet[VictimCase]:
    start, end = _between(f)
    return cases.filter(opened_at__gte=start, opened_at__lt=end)


# --- one page of cells --------------------------------------------------------------------------


class _Cells:
    """The page's counts and sums, gathered section by section, protected once."""

    def __init__(self) -> None:
        self.values: dict[Any, int] = {}
        self.sums: list[disclosure.Sum] = []
        self.unprinted: list[Any] = []

    def add(self, cell: Any, n: int) -> Any:
        self.values[cell] = n
        return cell

    def columns(
        self, section: str, rows: Sequence[str], columns: Sequence[str], total: str = EVERYONE
    ) -> None:
        for c in columns:
            self.sums.append(disclosure.Sum(tuple((section, r, c) for r in rows), total=(section, total, c)))

    def whole(self, parts: Sequence[Any], total: Any) -> None:
        self.sums.append(disclosure.Sum(tuple(parts), total=total))


def _cell(section: str, row: str, column: str) -> tuple[str, str, str]:
    return (section, row, column)


def _median(days: list[int], shown: disclosure.Protection, cell: Any) -> int | str:
    if not days:
        return "No figure"
    if shown.suppressing and (len(days) < disclosure.SMALL or shown.hidden(cell)):
        return "Not shown (fewer than 5)"
    return round(statistics.median(days))


def _days(a: datetime, b: datetime, calendar: Any) -> int:
    return max(0, int(calendar.working_days_between(local_date(a), local_date(b))))


# --- referrals against capacity, waiting times, acceptance and engagement -----------------------

SERVICE_COLUMNS = ("sent", "waiting", "accepted", "declined", "contacted", "engaged")


@dataclass
class _ServiceRow:
    key: str
    label: str
    capacity: int | None
    counts: Counter[str] = field(default_factory=Counter)
    to_accept: list[int] = field(default_factory=list)
    to_contact: list[int] = field(default_factory=list)


def _service_rows(cases: QuerySet[VictimCase], f: CommissioningFilters) -> list[_ServiceRow]:
    start, end = _between(f)
    rows = Referral.objects.filter(case__in=cases.values("id"), sent_at__gte=start, sent_at__lt=end)
    found: dict[str, _ServiceRow] = {}
    calendar = stored_calendar()
    for service_id, name, capacity, status, sent, accepted, declined, contact, engaged in rows.values_list(
        "service_id",
        "service__name",
        "service__capacity",
        "status",
        "sent_at",
        "accepted_at",
        "declined_at",
        "first_contact_at",
        "engaged_at",
    ).iterator(chunk_size=5000):
        if sent is None:  # excluded by the query; this tells the type checker
            continue
        row = found.setdefault(str(service_id), _ServiceRow(str(service_id), name, capacity))
        row.counts["sent"] += 1
        row.counts["waiting"] += int(status == "sent")
        row.counts["declined"] += int(declined is not None)
        row.counts["engaged"] += int(engaged is not None)
        if accepted is not None:
            row.counts["accepted"] += 1
            row.to_accept.append(_days(sent, accepted, calendar))
        if contact is not None:
            row.counts["contacted"] += 1
            row.to_contact.append(_days(sent, contact, calendar))
    return sorted(found.values(), key=lambda r: (-r.counts["sent"], r.label))


def _services_cells(rows: list[_ServiceRow], cells: _Cells) -> _ServiceRow:
    everyone = _ServiceRow(EVERYONE, "Every service", None)
    for r in rows:
        everyone.counts.update(r.counts)
        everyone.to_accept += r.to_accept
        everyone.to_contact += r.to_contact
    for r in [everyone, *rows]:
        for c in SERVICE_COLUMNS:
            cells.add(("services", r.key, c), r.counts[c])
        rest = r.counts["sent"] - r.counts["waiting"] - r.counts["accepted"] - r.counts["declined"]
        cells.unprinted.append(cells.add(("services", r.key, "rest"), max(rest, 0)))
        parts = [("services", r.key, c) for c in ("waiting", "accepted", "declined", "rest")]
        cells.whole(parts, ("services", r.key, "sent"))
    cells.columns("services", [r.key for r in rows], [*SERVICE_COLUMNS, "rest"])
    return everyone


def _capacity_share(r: _ServiceRow, f: CommissioningFilters, shown: disclosure.Protection) -> Any:
    if not r.capacity:
        return "No capacity given"
    if shown.hidden(("services", r.key, "sent")):
        return NOT_SHOWN  # capacity is public: the share would give the count away
    return disclosure.Percent(r.counts["sent"] / (r.capacity * f.months))


def _services_section(
    rows: list[_ServiceRow], everyone: _ServiceRow, f: CommissioningFilters, shown: disclosure.Protection
) -> Section:
    s = Section(
        "services",
        "Referrals against each service's capacity, acceptance, engagement and waiting times",
        [
            "Service",
            "Referrals sent",
            "Capacity for the period",
            "Share of capacity used",
            "Waiting for an answer",
            "Accepted",
            "Declined by the service",
            "First contact made",
            "Victim engaged",
            "Acceptance rate",
            "Engagement rate",
            "Median working days to accept",
            "Median working days to first contact",
        ],
        population=everyone.counts["sent"],
        population_words="referrals sent",
    )
    if s.state != "shown":
        return s
    for r in [everyone, *rows]:
        cell = partial(_cell, "services", r.key)
        s.rows.append(
            [
                r.label,
                shown.show(cell("sent")),
                "" if r.key == EVERYONE else (r.capacity * f.months if r.capacity else "No capacity given"),
                _capacity_share(r, f, shown) if r.key != EVERYONE else "",
                shown.show(cell("waiting")),
                shown.show(cell("accepted")),
                shown.show(cell("declined")),
                shown.show(cell("contacted")),
                shown.show(cell("engaged")),
                shown.rate([cell("accepted")], [cell("sent")], withheld=NOT_SHOWN),
                shown.rate([cell("engaged")], [cell("accepted")], withheld=NOT_SHOWN),
                _median(r.to_accept, shown, cell("accepted")),
                _median(r.to_contact, shown, cell("contacted")),
            ]
        )
    services = s.rows[1:]
    s.charts = [
        Chart(
            "chart-capacity",
            "Share of each service's capacity used",
            [charts.point(line[0], line[3]) for line in services if line[2] != "No capacity given"],
            "share of capacity used",
        ),
        Chart(
            "chart-acceptance",
            "Acceptance rate, by service",
            [charts.point(line[0], line[9]) for line in services],
            "acceptance rate",
        ),
    ]
    points, high = charts.count_points([(line[0], line[12]) for line in s.rows])
    s.charts.append(
        Chart(
            "chart-waiting",
            "Median working days from referral to first contact",
            points,
            "median wait for first contact",
            scale=high,
        )
    )
    return s


# --- how referrals ended -------------------------------------------------------------------------

OUTCOME_COLUMNS = (*ReferralOutcome.values, "")  # "" : no outcome recorded


def _outcome_rows(
    cases: QuerySet[VictimCase], f: CommissioningFilters, cells: _Cells
) -> list[tuple[str, str]]:
    """Referrals closed in the period, by service and by outcome (cells `outcomes`, service,
    outcome; and `closed`, the whole of each row)."""
    start, end = _between(f)
    found: dict[tuple[str, str], int] = Counter()
    names: dict[str, str] = {}
    rows = Referral.objects.filter(
        case__in=cases.values("id"), status="closed", closed_at__gte=start, closed_at__lt=end
    ).values_list("service_id", "service__name", "outcome_code")
    for service_id, name, code in rows.iterator(chunk_size=5000):
        names[str(service_id)] = name
        found[(str(service_id), code)] += 1
    services = sorted(names, key=lambda k: (-sum(found[(k, c)] for c in OUTCOME_COLUMNS), names[k]))
    for key in [EVERYONE, *services]:
        for code in OUTCOME_COLUMNS:
            n = sum(found[(k, code)] for k in services) if key == EVERYONE else found[(key, code)]
            cells.add(("outcomes", key, code or "none"), n)
        cells.add(
            ("outcomes", key, "closed"),
            sum(cells.values[("outcomes", key, c or "none")] for c in OUTCOME_COLUMNS),
        )
        cells.whole([("outcomes", key, c or "none") for c in OUTCOME_COLUMNS], ("outcomes", key, "closed"))
    cells.columns("outcomes", services, [*(c or "none" for c in OUTCOME_COLUMNS), "closed"])
    return [(k, names[k]) for k in services]


def _outcomes_section(services: list[tuple[str, str]], shown: disclosure.Protection) -> Section:
    total = shown.values[("outcomes", EVERYONE, "closed")]
    s = Section(
        "outcomes",
        "How referrals ended: needs met, partly met, not met, or the victim stopped taking part",
        [
            "Service",
            "Referrals closed",
            *(str(o.label) for o in ReferralOutcome),
            "No outcome recorded",
            "Needs met or partly met",
        ],
        population=total,
        population_words="referrals closed",
    )
    if s.state != "shown":
        return s
    for key, label in [(EVERYONE, "Every service"), *services]:
        cell = partial(_cell, "outcomes", key)
        s.rows.append(
            [
                label,
                shown.show(cell("closed")),
                *(shown.show(cell(c or "none")) for c in OUTCOME_COLUMNS),
                shown.rate(
                    [cell(ReferralOutcome.NEEDS_MET), cell(ReferralOutcome.PARTLY_MET)],
                    [cell("closed")],
                    withheld=NOT_SHOWN,
                ),
            ]
        )
    s.charts = [
        Chart(
            "chart-outcomes",
            "Share of closed referrals whose needs were met or partly met, by service",
            [charts.point(line[0], line[-1]) for line in s.rows[1:]],
            "share met or partly met",
        )
    ]
    return s


# --- needs met and not met ------------------------------------------------------------------------

NEED_COLUMNS = ("needs", "met", "unmet")


@dataclass
class _Need:
    case_id: int
    area: str
    met: bool


def _needs(cases: QuerySet[VictimCase], f: CommissioningFilters) -> list[_Need]:
    """Each need in the latest assessment completed in the period on each case, met or not."""
    start, end = _between(f)
    latest: dict[int, int] = {}
    for case_id, assessment_id in (
        NeedsAssessment.objects.filter(
            case__in=cases.values("id"),
            status=NeedsAssessment.Status.COMPLETE,
            completed_at__gte=start,
            completed_at__lt=end,
        )
        .order_by("case_id", "-completed_at", "-id")
        .values_list("case_id", "id")
    ):
        latest.setdefault(case_id, assessment_id)
    areas = NeedsAssessmentArea.objects.filter(assessment_id__in=latest.values()).exclude(
        level=NeedLevel.NONE
    )
    met: dict[int, set[str]] = defaultdict(set)
    for case_id, needs_met in Referral.objects.filter(
        case_id__in=latest.keys(), engaged_at__isnull=False
    ).values_list("case_id", "service__needs_met"):
        met[case_id].update(needs_met or [])
    return [
        _Need(case_id, area, area in met[case_id])
        for case_id, area in areas.values_list("assessment__case_id", "area").order_by(
            "assessment__case_id", "id"
        )
    ]


def _group_of(
    cases: QuerySet[VictimCase], ids: set[int], split: str, f: CommissioningFilters
) -> dict[int, str]:
    af = attrition.AttritionFilters(start=f.start, end=f.end, by=split)
    rows = cases.filter(id__in=ids).annotate(group=attrition.group_expression(af)).values_list("id", "group")
    return {case_id: attrition.group_key(af, value) for case_id, value in rows}


def _split_labels(split: str, keys: list[str], f: CommissioningFilters) -> list[tuple[str, str]]:
    af = attrition.AttritionFilters(start=f.start, end=f.end, by=split)
    labels = attrition.group_labels(af, keys)
    order = attrition.group_order(af)
    keys = sorted(
        keys, key=lambda k: (order.get(k, len(order)), k in ("", attrition.NOT_RECORDED), labels.get(k, k))
    )
    return [(k, labels.get(k, k) or NOT_RECORDED) for k in keys]


def _needs_tables(
    needs: list[_Need], cases: QuerySet[VictimCase], f: CommissioningFilters, cells: _Cells
) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """Three tables of the same needs: by need, by area and by group, each adding up to the
    same everyone cells. Returns (table key, title, first header, rows) for each."""
    ids = {n.case_id for n in needs}
    by_area = _group_of(cases, ids, attrition.AREA, f) if ids else {}
    by_group = _group_of(cases, ids, f.by, f) if ids else {}
    of_need: dict[str, Callable[[_Need], str]] = {
        "needs_by_need": lambda n: n.area,
        "needs_by_area": lambda n: by_area.get(n.case_id, ""),
        "needs_by_group": lambda n: by_group.get(n.case_id, ""),
    }
    tables = [
        ("needs_by_need", "Needs met, by need", "Need"),
        ("needs_by_area", "Needs met, by area", "Area"),
        ("needs_by_group", f"Needs met, by {GROUP_SPLITS[f.by].lower()}", GROUP_SPLITS[f.by]),
    ]
    everyone = Counter({"needs": len(needs), "met": sum(n.met for n in needs)})
    everyone["unmet"] = everyone["needs"] - everyone["met"]
    for c in NEED_COLUMNS:
        cells.add(("needs", EVERYONE, c), everyone[c])
    cells.whole([("needs", EVERYONE, "met"), ("needs", EVERYONE, "unmet")], ("needs", EVERYONE, "needs"))
    out = []
    for key, title, header in tables:
        of = of_need[key]
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for n in needs:
            row = counts[of(n)]
            row["needs"] += 1
            row["met"] += int(n.met)
            row["unmet"] += int(not n.met)
        if key == "needs_by_need":
            rows = [(a.value, str(a.label)) for a in NeedArea if a.value in counts]
        elif key == "needs_by_area":
            rows = sorted(((k, k or NOT_RECORDED) for k in counts), key=lambda kv: (kv[0] == "", kv[1]))
        else:
            rows = _split_labels(f.by, list(counts), f)
        for r, _ in rows:
            for c in NEED_COLUMNS:
                cells.add((key, r, c), counts[r][c])
            cells.whole([(key, r, "met"), (key, r, "unmet")], (key, r, "needs"))
        for c in NEED_COLUMNS:
            cells.sums.append(
                disclosure.Sum(tuple((key, r, c) for r, _ in rows), total=("needs", EVERYONE, c))
            )
        out.append((key, title, header, rows))
    return out


def _needs_sections(
    tables: list[tuple[str, str, str, list[tuple[str, str]]]], total: int, shown: disclosure.Protection
) -> list[Section]:
    out = []
    for key, title, header, rows in tables:
        s = Section(
            key,
            title,
            [header, "Needs", "Met", "Not met", "Share met"],
            population=total,
            population_words="needs from completed assessments",
        )
        if s.state == "shown":
            for r, label in [(EVERYONE, "Every need"), *rows]:
                table = "needs" if r == EVERYONE else key
                cell = partial(_cell, table, r)
                s.rows.append(
                    [
                        label,
                        *(shown.show(cell(c)) for c in NEED_COLUMNS),
                        shown.rate([cell("met")], [cell("needs")], withheld=NOT_SHOWN),
                    ]
                )
            s.charts = [
                Chart(
                    f"chart-{key}",
                    f"Share of needs met, {title.split(', ', 1)[1]}",
                    [charts.point(line[0], line[4]) for line in s.rows[1:]],
                    "share of needs met",
                )
            ]
        out.append(s)
    return out


# --- why victims decline support ---------------------------------------------------------------


def _declines(cases: QuerySet[VictimCase], f: CommissioningFilters, cells: _Cells) -> list[tuple[str, str]]:
    start, end = _between(f)
    found: Counter[str] = Counter()
    for payload in Event.objects.filter(
        case__in=cases.values("id"),
        type="referral_declined_by_victim",
        corrects__isnull=True,
        occurred_at__gte=start,
        occurred_at__lt=end,
    ).values_list("payload", flat=True):
        found[str((payload or {}).get("reason", ""))] += 1
    rows = [*VICTIM_DECLINE_REASONS, ("", NOT_RECORDED)]
    for code, _ in rows:
        cells.add(("declines", code, "n"), found[code])
    cells.add(("declines", EVERYONE, "n"), sum(found.values()))
    cells.columns("declines", [code for code, _ in rows], ["n"])
    return rows


def _declines_section(rows: list[tuple[str, str]], shown: disclosure.Protection) -> Section:
    total = shown.values[("declines", EVERYONE, "n")]
    s = Section(
        "declines",
        "Why victims decline support",
        ["Reason", "Times", "Share"],
        population=total,
        population_words="times a victim declined support",
    )
    if s.state == "shown":
        for code, label in [(EVERYONE, "Every reason"), *rows]:
            cell = ("declines", code, "n")
            s.rows.append(
                [
                    label,
                    shown.show(cell),
                    shown.rate([cell], [("declines", EVERYONE, "n")], withheld=NOT_SHOWN),
                ]
            )
        s.charts = [
            Chart(
                "chart-declines",
                "Why victims decline support",
                [charts.point(line[0], line[2]) for line in s.rows[1:]],
                "reason's share",
            )
        ]
    return s


# --- restorative justice --------------------------------------------------------------------------

RJ_ROWS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("offered", "Offered", frozenset({workflow.OFFERED})),
    ("accepted", "Accepted by the victim (take-up)", frozenset({workflow.ACCEPTED})),
    ("declined", "Declined by the victim", frozenset({workflow.DECLINED})),
    ("awaiting", "Waiting for the victim's answer", frozenset()),
    ("assessed", "Suitability and risk assessed", frozenset({workflow.ASSESSED})),
    (
        "took_part",
        "Took part (conference or indirect communication)",
        frozenset({workflow.CONFERENCE_HELD, workflow.INDIRECT_COMMUNICATION}),
    ),
    ("outcome", "Outcome agreement made", frozenset({workflow.OUTCOME_AGREED})),
    ("followed_up", "Followed up", frozenset({workflow.FOLLOWED_UP})),
    ("victim_withdrew", "Victim withdrew", frozenset({workflow.WITHDRAWN_BY_VICTIM})),
    ("offender_withdrew", "Offender withdrew", frozenset({workflow.WITHDRAWN_BY_OFFENDER})),
)


def _rj(cases: QuerySet[VictimCase], f: CommissioningFilters, cells: _Cells) -> None:
    start, end = _between(f)
    offered = RestorativeJusticeStep.objects.filter(
        record__case__in=cases.values("id"),
        step=workflow.OFFERED,
        occurred_at__gte=start,
        occurred_at__lt=end,
    ).values("record_id")
    steps: dict[int, set[str]] = defaultdict(set)
    for record_id, step in RestorativeJusticeStep.objects.filter(record_id__in=offered).values_list(
        "record_id", "step"
    ):
        steps[record_id].add(step)
    status = dict(RestorativeJustice.objects.filter(id__in=steps.keys()).values_list("id", "status"))
    counts: Counter[str] = Counter()
    for record_id, reached in steps.items():
        for key, _, of in RJ_ROWS:
            counts[key] += int(bool(reached & of))
        counts["awaiting"] += int(status.get(record_id) == workflow.OFFERED)
    for key, _, _ in RJ_ROWS:
        cells.add(("rj", key, "n"), counts[key])
    rest = counts["offered"] - counts["accepted"] - counts["declined"] - counts["awaiting"]
    cells.unprinted.append(cells.add(("rj", "rest", "n"), max(rest, 0)))
    cells.whole(
        [("rj", k, "n") for k in ("accepted", "declined", "awaiting", "rest")], ("rj", "offered", "n")
    )


def _rj_section(shown: disclosure.Protection) -> Section:
    s = Section(
        "rj",
        "Restorative justice: offers, take-up and outcomes",
        ["Step", "Offers", "Share of offers"],
        population=shown.values[("rj", "offered", "n")],
        population_words="restorative justice offers",
    )
    if s.state == "shown":
        for key, label, _ in RJ_ROWS:
            cell = ("rj", key, "n")
            s.rows.append(
                [label, shown.show(cell), shown.rate([cell], [("rj", "offered", "n")], withheld=NOT_SHOWN)]
            )
        s.charts = [
            Chart(
                "chart-rj",
                "Restorative justice: share of offers reaching each step",
                [charts.point(line[0], line[2]) for line in s.rows[1:]],
                "share of offers",
            )
        ]
    return s


# --- protective orders ----------------------------------------------------------------------------


def _periods(f: CommissioningFilters) -> list[date]:
    out, start = [], selectors.period_start(f.start, f.period)
    while start <= f.end:
        out.append(start)
        start = selectors.next_period(start, f.period)
    return out


def _orders(cases: QuerySet[VictimCase], f: CommissioningFilters, cells: _Cells) -> list[date]:
    periods = _periods(f)
    found: Counter[tuple[str, str]] = Counter()
    for kind, starts in ProtectiveOrder.objects.filter(
        case__in=cases.values("id"), starts_on__gte=f.start, starts_on__lte=f.end
    ).values_list("order_type", "starts_on"):
        found[(selectors.period_start(starts, f.period).isoformat(), kind)] += 1
    types = [t.value for t in OrderType]
    for p in [*(d.isoformat() for d in periods), EVERYONE]:
        for t in types:
            n = found[(p, t)] if p != EVERYONE else sum(v for (_, k), v in found.items() if k == t)
            cells.add(("orders", p, t), n)
        cells.add(("orders", p, "all"), sum(cells.values[("orders", p, t)] for t in types))
        cells.whole([("orders", p, t) for t in types], ("orders", p, "all"))
    cells.columns("orders", [d.isoformat() for d in periods], [*types, "all"])
    return periods


def _orders_section(periods: list[date], f: CommissioningFilters, shown: disclosure.Protection) -> Section:
    types = list(OrderType)
    label = "Quarter" if f.period == QUARTER else "Month"
    s = Section(
        "orders",
        f"Protective orders made, by type and {label.lower()}",
        [label, *(str(t.label) for t in types), "All orders"],
        population=shown.values[("orders", EVERYONE, "all")],
        population_words="protective orders made",
    )
    if s.state == "shown":
        for key, name in [
            (EVERYONE, "Whole period"),
            *((d.isoformat(), period_label(d, f.period)) for d in periods),
        ]:
            s.rows.append(
                [
                    name,
                    *(shown.show(("orders", key, t.value)) for t in types),
                    shown.show(("orders", key, "all")),
                ]
            )
        by_type, top = charts.count_points([(str(t.label), s.rows[0][i + 1]) for i, t in enumerate(types)])
        trend, high = charts.count_points([(line[0], line[-1]) for line in s.rows[1:]])
        s.charts = [
            Chart(
                "chart-orders-type", "Protective orders made, by type", by_type, "number of orders", scale=top
            ),
            Chart(
                "chart-orders-trend",
                f"Protective orders made, by {label.lower()}",
                trend,
                "number of orders",
                scale=high,
            ),
        ]
    return s


# --- MARAC criteria met but not referred -----------------------------------------------------------

MARAC_ROWS = (
    ("cases", "Domestic abuse cases opened"),
    ("meets", "Victim meets a MARAC criterion"),
    ("referred", "Meets a criterion and referred to MARAC"),
    ("not_referred", "Meets a criterion but not referred"),
)


def _marac(cases: QuerySet[VictimCase], f: CommissioningFilters, today: date, cells: _Cells) -> None:
    abuse = list(_opened_in(cases, f).filter(crime__domestic_abuse=True).only("id", "person_id"))
    facts = marac_facts_for(abuse, today) if abuse else {}
    meets = {c.pk for c in abuse if marac.met_codes(facts[c.pk])}
    referred = set(MaracReferral.objects.filter(case_id__in=meets).values_list("case_id", flat=True))
    counts = {
        "cases": len(abuse),
        "meets": len(meets),
        "referred": len(referred),
        "not_referred": len(meets - referred),
    }
    for key, _ in MARAC_ROWS:
        cells.add(("marac", key, "n"), counts[key])
    cells.whole([("marac", "referred", "n"), ("marac", "not_referred", "n")], ("marac", "meets", "n"))


def _marac_section(shown: disclosure.Protection) -> Section:
    s = Section(
        "marac",
        "MARAC: victims who meet the criteria but were not referred",
        ["Domestic abuse cases", "Cases", "Share of those meeting a criterion"],
        population=shown.values[("marac", "cases", "n")],
        population_words="domestic abuse cases",
    )
    if s.state == "shown":
        for key, label in MARAC_ROWS:
            cell = ("marac", key, "n")
            rate = (
                shown.rate([cell], [("marac", "meets", "n")], withheld=NOT_SHOWN)
                if key in ("referred", "not_referred")
                else ""
            )
            s.rows.append([label, shown.show(cell), rate])
        s.charts = [
            Chart(
                "chart-marac",
                "Of the victims who meet a MARAC criterion, referred or not",
                [charts.point(line[0], line[2]) for line in s.rows[2:]],
                "share",
            )
        ]
    return s


# --- young victims' time to first contact -----------------------------------------------------------

AGE_ROWS = (("young", "Under 18"), ("adult", "18 and over"), ("unknown", "Age not recorded"))


def _age_on(born: date | None, day: date) -> str:
    if born is None:
        return "unknown"
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return "young" if years < YOUNG_BELOW else "adult"


def _young(cases: QuerySet[VictimCase], f: CommissioningFilters, cells: _Cells) -> dict[str, list[int]]:
    opened = _opened_in(cases, f)
    first = dict(
        Referral.objects.filter(case__in=opened.values("id"), first_contact_at__isnull=False)
        .values("case_id")
        .annotate(first=Min("first_contact_at"))
        .values_list("case_id", "first")
    )
    calendar = stored_calendar()
    counts: Counter[str] = Counter()
    days: dict[str, list[int]] = defaultdict(list)
    for case_id, born, at in opened.values_list("id", "person__date_of_birth", "opened_at"):
        group = _age_on(born, timezone.localdate(at))
        counts[group] += 1
        if case_id in first:
            counts[f"{group}_contacted"] += 1
            days[group].append(_days(at, first[case_id], calendar))
    for key, _ in AGE_ROWS:
        cells.add(("young", key, "victims"), counts[key])
        cells.add(("young", key, "contacted"), counts[f"{key}_contacted"])
    return days


def _young_section(days: dict[str, list[int]], shown: disclosure.Protection) -> Section:
    s = Section(
        "young",
        "Young victims' time to first contact",
        [
            "Age when the case was opened",
            "Victims",
            "Contacted by a support service",
            "Share contacted",
            "Median working days from the case opened to first contact",
        ],
        population=shown.values[("young", "young", "victims")],
        population_words="victims under 18",
    )
    if s.state == "shown":
        for key, label in AGE_ROWS:
            cell = partial(_cell, "young", key)
            s.rows.append(
                [
                    label,
                    shown.show(cell("victims")),
                    shown.show(cell("contacted")),
                    shown.rate([cell("contacted")], [cell("victims")], withheld=NOT_SHOWN),
                    _median(days.get(key, []), shown, cell("contacted")),
                ]
            )
        points, high = charts.count_points([(line[0], line[4]) for line in s.rows])
        s.charts = [
            Chart(
                "chart-young",
                "Median working days from the case opened to first contact, by age",
                points,
                "median wait",
                scale=high,
            )
        ]
    return s


# --- all of it ------------------------------------------------------------------------------------


def commissioning_figures(
    user: Any, filters: CommissioningFilters, *, suppress: bool | None = None, today: date | None = None
) -> CommissioningFigures:
    """Every figure of the commissioning evidence page for this user and these filters, with
    small numbers hidden across the whole page at once (`suppress`; by default, as the user
    must see them: analysts, AGGREGATES_ONLY)."""
    if suppress is None:
        suppress = can(user, Capability.AGGREGATES_ONLY)
    today = today or timezone.localdate()
    f = filters
    cases = counted_cases(user, f)
    cells = _Cells()
    services = _service_rows(cases, f)
    everyone = _services_cells(services, cells)
    outcomes = _outcome_rows(cases, f, cells)
    needs = _needs(cases, f)
    need_tables = _needs_tables(needs, cases, f, cells)
    declines = _declines(cases, f, cells)
    _rj(cases, f, cells)
    periods = _orders(cases, f, cells)
    _marac(cases, f, today, cells)
    young_days = _young(cases, f, cells)
    shown = (
        disclosure.protect(cells.values, cells.sums, unprinted=cells.unprinted)
        if suppress
        else disclosure.no_suppression(cells.values)
    )
    sections = [
        _services_section(services, everyone, f, shown),
        _outcomes_section(outcomes, shown),
        *_needs_sections(need_tables, len(needs), shown),
        _declines_section(declines, shown),
        _rj_section(shown),
        _orders_section(periods, f, shown),
        _marac_section(shown),
        _young_section(young_days, shown),
    ]
    return CommissioningFigures(f, suppress, sections, today)
