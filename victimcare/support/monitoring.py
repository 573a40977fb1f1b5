"""Contract monitoring: how quickly each provider accepts referrals and first contacts victims.

Times are working days (the Victims' Code calendar of victimcare/rights: Monday to Friday except
England and Wales bank holidays) from the local date the referral was sent to the local date of
the step; a step on the day it was sent is 0. Median and 90th percentile by nearest rank (a
value that actually occurred). Supervisors see the referrals on the cases they can see; analysts
see their organisation's, with counts of 1 to 4 shown as "fewer than 5" and no times worked out
from fewer than 5 referrals (as the compliance dashboard does, docs/adr/0014).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.access.gate import referrals_visible_to
from victimcare.reports import disclosure
from victimcare.reports.selectors import SUPPRESS_BELOW
from victimcare.rights.services import stored_calendar
from victimcare.rights.workdays import WorkingDayCalendar, local_date
from victimcare.support.models import Referral, ReferralStatus


@dataclass
class ProviderTimes:
    key: str
    label: str
    external: bool
    sent: int = 0
    accepted: int = 0
    declined: int = 0
    waiting: int = 0  # sent, no answer yet
    to_accept: list[int] = field(default_factory=list)
    to_contact: list[int] = field(default_factory=list)


def percentile(values: list[int], p: float) -> int | None:
    """The nearest-rank percentile (p in 0-100) of `values`; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def _scope(user: Any) -> QuerySet[Referral]:
    if can(user, Capability.AGGREGATES_ONLY):
        return Referral.objects.filter(organisation_id=user.organisation_id)
    return referrals_visible_to(user)


def response_times(user: Any, *, months: int = 12, now: datetime | None = None) -> list[ProviderTimes]:
    """One row per provider (a service of ours: its organisation; an external service: itself)."""
    now = now or timezone.now()
    rows = _scope(user).filter(sent_at__isnull=False)
    if months:
        rows = rows.filter(sent_at__gte=now - timedelta(days=round(months * 30.44)))
    values = rows.values_list(
        "status", "sent_at", "accepted_at", "declined_at", "first_contact_at",
        "service_id", "service__name", "provider_id", "provider__name",
    )  # fmt: skip
    calendar = stored_calendar()
    table: dict[str, ProviderTimes] = {}
    for (
        status,
        sent,
        accepted,
        declined,
        contact,
        service_id,
        service_name,
        provider_id,
        provider_name,
    ) in values:
        if sent is None:  # excluded by the query; this tells the type checker
            continue
        key = f"p{provider_id}" if provider_id else f"s{service_id}"
        row = table.get(key)
        if row is None:
            label = provider_name if provider_id else f"{service_name} (external)"
            row = table[key] = ProviderTimes(key, label, external=provider_id is None)
        _count(row, calendar, status, sent, accepted, declined, contact)
    return sorted(table.values(), key=lambda r: (r.external, r.label.lower()))


def _count(
    row: ProviderTimes,
    calendar: WorkingDayCalendar,
    status: str,
    sent: datetime,
    accepted: datetime | None,
    declined: datetime | None,
    contact: datetime | None,
) -> None:
    row.sent += 1
    start = local_date(sent)
    if accepted is not None:
        row.accepted += 1
        row.to_accept.append(calendar.working_days_between(start, local_date(accepted)))
    if declined is not None:
        row.declined += 1
    if status == ReferralStatus.SENT:
        row.waiting += 1
    if contact is not None:
        row.to_contact.append(calendar.working_days_between(start, local_date(contact)))


def _time_text(values: list[int], p: float, suppress: bool) -> str:
    if not values:
        return "No figure"
    if suppress and len(values) < SUPPRESS_BELOW:
        return "Not shown (fewer than 5)"
    got = percentile(values, p)
    return f"{got} working day{'s' if got != 1 else ''}"


COUNTS = ("sent", "accepted", "declined", "waiting", "contacted")


def _counts(row: ProviderTimes) -> dict[str, int]:
    return {
        "sent": row.sent,
        "accepted": row.accepted,
        "declined": row.declined,
        "waiting": row.waiting,
        "contacted": len(row.to_contact),
    }


def displayed_rows(rows: list[ProviderTimes], suppress: bool) -> list[dict[str, Any]]:
    """The rows as the page shows them. For analysts, small numbers are hidden
    (reports.disclosure): each provider's referrals sent are those waiting, accepted, declined
    and the rest (withdrawn before an answer, which is not shown), so hiding one of those may
    hide another."""
    values: dict[Any, int] = {}
    sums: list[disclosure.Sum] = []
    unprinted = []
    for row in rows:
        counts = _counts(row)
        values.update({(row.key, k): v for k, v in counts.items()})
        rest = row.sent - row.waiting - row.accepted - row.declined
        if rest >= 0:
            values[(row.key, "rest")] = rest
            unprinted.append((row.key, "rest"))
            parts = tuple((row.key, k) for k in ("waiting", "accepted", "declined", "rest"))
            sums.append(disclosure.Sum(parts, total=(row.key, "sent")))
    shown = (
        disclosure.protect(values, sums, unprinted=unprinted)
        if suppress
        else disclosure.no_suppression(values)
    )
    out = []
    for row in rows:
        line: dict[str, Any] = {"label": row.label, **{k: shown.show((row.key, k)) for k in COUNTS}}
        line.update(
            {
                "accept_median": _time_text(row.to_accept, 50, suppress),
                "accept_p90": _time_text(row.to_accept, 90, suppress),
                "contact_median": _time_text(row.to_contact, 50, suppress),
                "contact_p90": _time_text(row.to_contact, 90, suppress),
            }
        )
        out.append(line)
    return out
