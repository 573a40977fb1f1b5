"""The Victims' Code engine: a pure function from case facts to timed obligations.

evaluate(victim, crime, events, as_of, calendar) reads no database and no clock (as_of is an
argument), so stored entitlements are a cache of it and can be recomputed at any time
(VICTIMS-CODE.md, "Principles"). Its decisions, each documented where it is made:

- An event's date is its Europe/London local date. Events after `as_of` are ignored, so a case
  can be evaluated as it stood on any past day.
- Corrections: an event with `corrects` replaces the event it names, which is dropped; an `about`
  naming a replaced event is read as naming its replacement (docs/adr/0007).
- Each trigger uses the version of the Code in force on its local date; a trigger before every
  version raises NoCodeVersionError naming the event.
- A victim_informed rule is fulfilled by the first victim_informed whose `about` is the trigger.
  Other rules take the first event of a fulfilling type at or after the trigger (or any time,
  for rules marked from: case_start) that has no `about` or names this trigger; an event
  without `about` fulfils one trigger only, the earliest still open (first in, first out).
- An exemption (e.g. victim_opted_out_of_updates for Right 6) makes an obligation
  not_applicable when it comes before any fulfilment and no later than the due date: a breach
  that had already happened stays on the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime

from victimcare.rights.facts import Crime, EnhancedOverride, Event, Victim
from victimcare.rights.loader import NoCodeVersionError, Rule, RuleSet, RuleSets, default_rule_sets
from victimcare.rights.outcomes import Evaluation, LocalTargetResult, Obligation
from victimcare.rights.rule_data import BEFORE_EVENT, CALENDAR_MONTHS, Limit
from victimcare.rights.vocabulary import DONE, LATE, MET, NOT_APPLICABLE, NOT_DONE, OVERDUE, PENDING
from victimcare.rights.workdays import LONDON, WorkingDayCalendar

__all__ = [
    "Crime",
    "EnhancedOverride",
    "Evaluation",
    "Event",
    "LocalTargetResult",
    "NoCodeVersionError",
    "Obligation",
    "Victim",
    "compliance_rate",
    "count_statuses",
    "evaluate",
]


class _Fact:
    """An event placed on the timeline: its position, UTC instant, local date, resolved `about`."""

    __slots__ = ("about", "at", "day", "event", "id", "position", "type")

    def __init__(self, position: int, event: Event, at: datetime, about: str | None) -> None:
        self.position = position
        self.event = event
        self.id = event.id
        self.type = event.type
        self.at = at  # in UTC: comparing datetimes that share a tzinfo is fast and, in UTC, exact
        # Inlined local_day_of_utc (hot path): London is UTC+0 or UTC+1, so only instants from
        # 23:00 UTC can fall on the next local day.
        self.day = at.date() if at.hour < 23 else at.astimezone(LONDON).date()
        self.about = about


class _Case:
    """The timeline of one case, indexed for the look-ups the rules make."""

    __slots__ = ("as_of_day", "by_about", "by_type", "calendar", "claimed", "enhanced", "exemptions", "facts")

    def __init__(self, facts: list[_Fact], as_of: datetime, enhanced: bool, calendar: WorkingDayCalendar):
        self.facts = facts
        self.as_of_day = as_of.astimezone(LONDON).date()
        self.enhanced = enhanced
        self.calendar = calendar
        self.claimed: set[tuple[str, int]] = set()
        self.exemptions: dict[frozenset[str], _Fact | None] = {}
        self.by_type: dict[str, list[_Fact]] = {}
        self.by_about: dict[str, list[_Fact]] = {}
        for fact in facts:
            self.by_type.setdefault(fact.type, []).append(fact)
            if fact.about is not None:
                self.by_about.setdefault(fact.about, []).append(fact)

    def first_of(self, types: frozenset[str]) -> _Fact | None:
        """The earliest event of any of these types (memoised: many rules share exemptions)."""
        if types not in self.exemptions:
            found = [self.by_type[t][0] for t in types if t in self.by_type]
            self.exemptions[types] = min(found, key=_position) if found else None
        return self.exemptions[types]

    def of_types(self, types: frozenset[str]) -> list[_Fact]:
        if len(types) == 1:
            return self.by_type.get(next(iter(types)), [])
        return sorted((f for t in types for f in self.by_type.get(t, ())), key=_position)


def _position(fact: _Fact) -> int:
    return fact.position


def evaluate(
    victim: Victim,
    crime: Crime,
    events: Sequence[Event],
    as_of: datetime,
    calendar: WorkingDayCalendar,
    rule_sets: RuleSets | None = None,
) -> Evaluation:
    """Evaluate one victim's case under the Victims' Code as it stood at `as_of` (aware).

    Returns the code version, the enhanced-rights result with every reason, and the timed
    obligations in trigger order then rule id (VICTIMS-CODE.md, "The evaluation contract").
    Raises NoCodeVersionError when a trigger (or, with no trigger, as_of) falls before every
    version of the Code, and CalendarRangeError outside the calendar's years.
    """
    rule_sets = rule_sets or default_rule_sets()
    facts = _timeline(events, as_of)
    triggers = _triggers(facts, rule_sets)
    # The case's version (and so its enhanced-rights tests) is the first trigger's.
    case_rules = triggers[0][1] if triggers else rule_sets.rule_set_for(as_of.astimezone(LONDON).date())
    result = case_rules.enhanced.evaluate(victim, crime)
    case = _Case(facts, as_of, result.enhanced, calendar)
    obligations = []
    for fact, rule_set in triggers:
        for rule in rule_set.by_trigger.get(fact.type, ()):
            condition = rule.trigger_condition
            if condition is None or condition.holds(fact.event.payload):
                obligations.append(_obligation(rule, fact, rule_set.version, case))
    return Evaluation(
        case_rules.version, result.enhanced, result.reasons, result.override_reason, tuple(obligations)
    )


def _timeline(events: Sequence[Event], as_of: datetime) -> list[_Fact]:
    """Events at or before as_of, corrections applied, in time order (input order on ties)."""
    replaced_by = {e.corrects: e.id for e in events if e.corrects is not None}
    limit = _utc(as_of)
    stamped = []
    for i, event in enumerate(events):
        at = event.at
        if at.tzinfo is not UTC:  # most stored datetimes are already UTC: skip the conversion
            at = _utc(at)
        if at <= limit and event.id not in replaced_by:
            stamped.append((at, i, event))
    stamped.sort()  # by instant, then input position (unique), so events are never compared
    if not replaced_by:
        return [_Fact(p, e, at, e.about) for p, (at, _, e) in enumerate(stamped)]
    return [_Fact(p, e, at, _latest(e.about, replaced_by)) for p, (at, _, e) in enumerate(stamped)]


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no UTC offset; the engine needs aware datetimes")
    return moment.astimezone(UTC)


def _latest(event_id: str | None, replaced_by: Mapping[str, str]) -> str | None:
    """Follow a chain of corrections to the event that now stands for `event_id`."""
    while event_id is not None and event_id in replaced_by:
        event_id = replaced_by[event_id]
    return event_id


def _triggers(facts: list[_Fact], rule_sets: RuleSets) -> list[tuple[_Fact, RuleSet]]:
    """Each trigger event with the version of the Code in force on its local date."""
    found: list[tuple[_Fact, RuleSet]] = []
    current: RuleSet | None = None
    for fact in facts:
        if fact.type in rule_sets.trigger_types:
            if current is None or not current.in_force_on(fact.day):
                current = rule_sets.rule_set_for(fact.day, fact.id)
            found.append((fact, current))
    return found


def _obligation(rule: Rule, trigger: _Fact, version: str, case: _Case) -> Obligation:
    """Judge one obligation: due date, status and the fulfilling event."""
    done = _fulfilment(rule, trigger, case)
    limit = rule.limit
    if limit is None:
        return _unclocked(rule, trigger, done, version, case)
    if limit.kind == BEFORE_EVENT:
        return _before_event(rule, limit, trigger, done, version, case)
    due = _due(limit, trigger.day, case)
    exemption = _exemption(rule, done, case)
    if exemption is not None and exemption.day <= due:
        return Obligation(rule.id, rule.right, rule.provider, trigger.id, due, NOT_APPLICABLE, None, version)
    if done is None:
        status = PENDING if case.as_of_day <= due else OVERDUE
        return Obligation(rule.id, rule.right, rule.provider, trigger.id, due, status, None, version)
    status = MET if done.day <= due else LATE
    return Obligation(rule.id, rule.right, rule.provider, trigger.id, due, status, done.id, version)


def _due(limit: Limit, day: date, case: _Case) -> date:
    """The due date: the Nth working day after `day`, or N calendar months on."""
    amount = limit.enhanced if case.enhanced else limit.standard
    assert amount is not None  # guaranteed by the loader for clocked limits
    if limit.kind == CALENDAR_MONTHS:
        return add_months(day, amount)
    return case.calendar.add_working_days(day, amount)


def _clock_status(due: date, done: _Fact | None, as_of_day: date) -> str:
    if done is not None:
        return MET if done.day <= due else LATE
    return PENDING if as_of_day <= due else OVERDUE


def _before_event(
    rule: Rule, limit: Limit, trigger: _Fact, done: _Fact | None, version: str, case: _Case
) -> Obligation:
    """A "before event Y" limit is breached when Y is recorded first (e.g. R7: VPS offered
    before the offender is sentenced). The first Y at or after the trigger is the deadline."""
    assert limit.event is not None
    deadline = next((f for f in case.by_type.get(limit.event, ()) if f.at >= trigger.at), None)
    exemption = _exemption(rule, done, case)
    if exemption is not None and (deadline is None or exemption.position < deadline.position):
        status, done = NOT_APPLICABLE, None
    elif done is not None:
        status = MET if deadline is None or done.position < deadline.position else LATE
    else:
        status = PENDING if deadline is None else OVERDUE
    fulfilled_by = None if done is None else done.id
    return Obligation(rule.id, rule.right, rule.provider, trigger.id, None, status, fulfilled_by, version)


def _unclocked(rule: Rule, trigger: _Fact, done: _Fact | None, version: str, case: _Case) -> Obligation:
    """No clock in the Code: done / not done. A local target is judged apart (VICTIMS-CODE.md,
    "Principles": never mixed into the statutory figure)."""
    if _exemption(rule, done, case) is not None:
        return Obligation(rule.id, rule.right, rule.provider, trigger.id, None, NOT_APPLICABLE, None, version)
    target = None
    if rule.local_target is not None:
        days = rule.local_target.working_days
        target_due = case.calendar.add_working_days(trigger.day, days)
        target = LocalTargetResult(days, target_due, _clock_status(target_due, done, case.as_of_day))
    status, fulfilled_by = (NOT_DONE, None) if done is None else (DONE, done.id)
    return Obligation(
        rule.id, rule.right, rule.provider, trigger.id, None, status, fulfilled_by, version, target
    )


def _exemption(rule: Rule, done: _Fact | None, case: _Case) -> _Fact | None:
    """The exemption event (e.g. an opt-out) if one came before any fulfilment; the caller
    checks it came in time (see module doc)."""
    if not rule.not_applicable_after:
        return None
    exemption = case.first_of(rule.not_applicable_after)
    if exemption is None or (done is not None and done.position < exemption.position):
        return None
    return exemption


def _fulfilment(rule: Rule, trigger: _Fact, case: _Case) -> _Fact | None:
    """The event that fulfils this obligation, if any (see module doc for the matching rule)."""
    types = rule.fulfilment.types
    if rule.fulfilment.about_trigger:
        for fact in case.by_about.get(trigger.id, ()):
            if fact.type in types:
                return fact
        return None
    for fact in case.of_types(types):
        if _claimable(rule, trigger, fact, case):
            case.claimed.add((rule.id, fact.position))
            return fact
    return None


def _claimable(rule: Rule, trigger: _Fact, fact: _Fact, case: _Case) -> bool:
    if fact.about is not None:
        return fact.about == trigger.id
    if (rule.id, fact.position) in case.claimed:
        return False
    return rule.fulfilment.from_case_start or fact.at >= trigger.at


def add_months(day: date, months: int) -> date:
    """`months` calendar months after `day`; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has at least 28 days")


def count_statuses(obligations: Iterable[Obligation]) -> dict[str, int]:
    """How many obligations have each status (only statuses that occur appear)."""
    counts: dict[str, int] = {}
    for obligation in obligations:
        counts[obligation.status] = counts.get(obligation.status, 0) + 1
    return counts


def compliance_rate(counts: Mapping[str, int]) -> float | None:
    """met / (met + late + overdue), or None when nothing has yet fallen due or been met.

    Pending, not_applicable, done and not_done are outside the statutory figure; always show
    the counts beside the rate (VICTIMS-CODE.md, "Statuses").
    """
    met = counts.get(MET, 0)
    denominator = met + counts.get(LATE, 0) + counts.get(OVERDUE, 0)
    return None if denominator == 0 else met / denominator
