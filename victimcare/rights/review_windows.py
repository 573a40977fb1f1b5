"""How long a victim has to ask for a review of a decision (the Victims' Right to Review).

These are the victim's windows, not obligations on staff, so they are not entitlements and
are not in the compliance figures. Sources (shared/reference/victims-code-research.md §4):
- police decisions (NPCC scheme): a request within 3 calendar months of being told;
- CPS decisions (CPS VRR guidance, 2021): ideally within 10 working days of being told, and
  at most 3 months.
The window runs from when the victim was told (a `victim_informed` event about the decision);
until then it has not started. Pure: plain data in, plain data out, no clock of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from victimcare.rights.engine import add_months
from victimcare.rights.workdays import WorkingDayCalendar

# Decision event type -> who decided (and so whose review scheme applies).
REVIEWABLE = {
    "suspect_released_no_further_action": "police",
    "cps_decision_not_to_charge": "cps",
    "cps_charges_dropped_or_altered": "cps",
}
CPS_IDEAL_WORKING_DAYS = 10
MONTHS = 3


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
    ideally_by: date | None  # CPS only: the 10-working-day date
    requested_on: date | None

    def state(self, today: date) -> str:
        """requested, not_told, open or closed."""
        if self.requested_on is not None:
            return "requested"
        if self.ask_by is None:
            return "not_told"
        return "open" if today <= self.ask_by else "closed"


def review_windows(entries: list[TimelineEntry], calendar: WorkingDayCalendar) -> list[ReviewWindow]:
    """One window per reviewable decision, in timeline order."""
    return [_window(d, entries, calendar) for d in entries if d.type in REVIEWABLE]


def _window(
    decision: TimelineEntry, entries: list[TimelineEntry], calendar: WorkingDayCalendar
) -> ReviewWindow:
    by = REVIEWABLE[decision.type]
    told = min(
        (e.day for e in entries if e.type == "victim_informed" and e.about_id == decision.id), default=None
    )
    requests = [
        e.day
        for e in entries
        if e.type == "vrr_requested" and e.day >= decision.day and (e.decision_maker or "police") == by
    ]
    return ReviewWindow(
        decision_id=decision.id,
        decision_type=decision.type,
        decided_by=by,
        decided_on=decision.day,
        told_on=told,
        ask_by=add_months(told, MONTHS) if told else None,
        ideally_by=calendar.add_working_days(told, CPS_IDEAL_WORKING_DAYS) if told and by == "cps" else None,
        requested_on=min(requests, default=None),
    )
