"""How long a victim has to ask for a review of a decision (the Victims' Right to Review).

These are the victim's windows, not obligations on staff, so they are not entitlements and
are not in the compliance figures. The windows are rule data (rules/code_*.yaml,
`review_windows`), read here and by the words the victim reads (notify messages, the portal),
so the two cannot drift apart (docs/adr/0059). Today's rules:
- police decisions (NPCC scheme): a request within 3 calendar months of being told;
- CPS decisions (CPS VRR guidance, 2021): ideally within 10 working days of being told, and
  at most 3 months.
The window runs from when the victim was told (a `victim_informed` event about the decision);
until then it has not started. Each decision uses the version of the rules in force on its
date; a decision before every version has no window. Pure: plain data in, plain data out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from victimcare.rights.engine import add_months
from victimcare.rights.loader import NoCodeVersionError, ReviewWindowRule, RuleSets, default_rule_sets
from victimcare.rights.workdays import WorkingDayCalendar


def reviewable_decisions(rule_sets: RuleSets | None = None) -> dict[str, str]:
    """Decision event type -> who decided (and so whose scheme applies), in any version."""
    found: dict[str, str] = {}
    for rule_set in (rule_sets or default_rule_sets()).versions:
        for window in rule_set.review_windows:
            found.setdefault(window.decision, window.decided_by)
    return found


def window_rule(decision: str, day: date, rule_sets: RuleSets | None = None) -> ReviewWindowRule | None:
    """The window rule for a decision of this type made on `day` (None if it is not reviewable
    then, or no version of the rules was in force)."""
    try:
        rule_set = (rule_sets or default_rule_sets()).rule_set_for(day)
    except NoCodeVersionError:
        return None
    return rule_set.review_window(decision)


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    type: str
    day: date  # local date
    about_id: int | None = None
    decision_maker: str | None = None  # vrr_requested payload


@dataclass(frozen=True)
class ReviewWindow:
    decision_id: int
    decision_type: str
    decided_by: str  # "police" or "cps"
    decided_on: date
    told_on: date | None
    ask_by: date | None  # the latest date to ask (None until the victim is told)
    ideally_by: date | None  # where the scheme asks for a prompt request (CPS: 10 working days)
    requested_on: date | None
    ask_within_months: int = 3
    ask_promptly_working_days: int | None = None

    def state(self, today: date) -> str:
        """requested, not_told, open or closed."""
        if self.requested_on is not None:
            return "requested"
        if self.ask_by is None:
            return "not_told"
        return "open" if today <= self.ask_by else "closed"


def review_windows(
    entries: list[TimelineEntry], calendar: WorkingDayCalendar, rule_sets: RuleSets | None = None
) -> list[ReviewWindow]:
    """One window per reviewable decision, in timeline order."""
    windows = []
    for entry in entries:
        rule = window_rule(entry.type, entry.day, rule_sets)
        if rule is not None:
            windows.append(_window(entry, rule, entries, calendar))
    return windows


def _window(
    decision: TimelineEntry,
    rule: ReviewWindowRule,
    entries: list[TimelineEntry],
    calendar: WorkingDayCalendar,
) -> ReviewWindow:
    by = rule.decided_by
    told = min(
        (e.day for e in entries if e.type == "victim_informed" and e.about_id == decision.id), default=None
    )
    requests = [
        e.day
        for e in entries
        if e.type == "vrr_requested" and e.day >= decision.day and (e.decision_maker or "police") == by
    ]
    prompt = rule.ask_promptly_working_days
    return ReviewWindow(
        decision_id=decision.id,
        decision_type=decision.type,
        decided_by=by,
        decided_on=decision.day,
        told_on=told,
        ask_by=add_months(told, rule.ask_within_months) if told else None,
        ideally_by=calendar.add_working_days(told, prompt) if told and prompt else None,
        requested_on=min(requests, default=None),
        ask_within_months=rule.ask_within_months,
        ask_promptly_working_days=prompt,
    )
