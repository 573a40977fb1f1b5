"""The Ministry of Justice's quarterly return on Code compliance: its five areas, mapped to rules.

The five areas are those of the PCC-era quarterly returns
(/work/shared/data/reference/moj_legacy_quarterly_code_compliance_areas.csv). Each is mapped to
the rules that record it; the mapping and its limits are stated on the page and in the file.
An obligation with a due date counts in the quarter its due date falls in; one without (the
written acknowledgement, the Victim Personal Statement offer) in the quarter its triggering
event happened (docs/adr/0014).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, CharField, Q, Value, When

from victimcare.reports import selectors
from victimcare.reports.selectors import QUARTER, UNDATED_STATUSES, Row
from victimcare.rights.selectors import with_status_now


@dataclass(frozen=True)
class Area:
    number: int
    title: str  # what the victim received, in the MoJ's words
    rules: str  # the rules counted, in words
    definition: str
    limits: str
    match: Q


AREAS = (
    Area(
        1,
        "A written acknowledgement in relation to the report of crime",
        "R3_WRITTEN_ACK",
        "Crimes reported in the quarter for which a written acknowledgement was sent (done) or not yet "
        "sent (not done).",
        "The Code sets no time limit, so there is no compliance rate; the local target is reported "
        "on the dashboard, apart from the statutory figures.",
        Q(rule="R3_WRITTEN_ACK"),
    ),
    Area(
        2,
        "Referral to support services",
        "R4_REFERRAL",
        "Referrals to victim support services due in the quarter (2 working days after the crime "
        "report): met on time, late, overdue, still pending, or not applicable because the victim "
        "declined.",
        "Counts the first referral only; a referral the victim declined is not applicable.",
        Q(rule="R4_REFERRAL"),
    ),
    Area(
        3,
        "Updates within the stated time-frames",
        "Every Right 6, 8 and 9 rule (the victim told about each investigation, charging, court and "
        "outcome decision)",
        "Updates due in the quarter: met if the victim was told on or before the due date, late if "
        "after it, overdue if not yet told and the due date has passed.",
        "Measures timeliness only: the MoJ area also asks that updates be of sufficient quality, "
        "which the system does not record.",
        Q(right__in=("6", "8", "9")),
    ),
    Area(
        4,
        "The opportunity to provide a Victim Personal Statement",
        "R7_VPS_OFFER",
        "Charged cases in the quarter whose victim was offered a Victim Personal Statement before "
        "sentencing (met), after it (late), not offered before sentencing (overdue), or not yet "
        "sentenced and not yet offered (pending).",
        "Counted by the date of the charge, as the offer has no due date, only 'before sentencing'.",
        Q(rule="R7_VPS_OFFER"),
    ),
    Area(
        5,
        "Communication regarding the release date of the offender in advance",
        "R11_VCS_REFERRAL and R11_VLO_CONTACT",
        "Eligible victims referred to the Victim Contact Scheme within 10 working days of sentence, "
        "and contacted by a Victim Liaison Officer within 20 working days of the referral.",
        "Measures the route to release information (the scheme referral and first contact), not each "
        "later notice of a release date, which the system does not yet record.",
        Q(rule__in=("R11_VCS_REFERRAL", "R11_VLO_CONTACT")),
    ),
)
STATUSES = UNDATED_STATUSES  # met, late, overdue, pending, not applicable, done, not done


def quarter_rows(user: Any, start: date, day: date) -> list[tuple[Area, Row]]:
    """Each area's counts for the quarter starting `start`, in one query."""
    end = selectors.next_period(start, QUARTER) - timedelta(days=1)
    f = selectors.Filters(start=start, end=end, period=QUARTER)
    in_quarter = Q(due__gte=start, due__lte=end) | Q(
        due__isnull=True,
        trigger__occurred_at__gte=selectors.local_midnight(start),
        trigger__occurred_at__lt=selectors.local_midnight(end + timedelta(days=1)),
    )
    area = Case(
        *[When(a.match, then=Value(str(a.number))) for a in AREAS],
        default=Value(""),
        output_field=CharField(),
    )
    rows = with_status_now(selectors.filtered(user, f).filter(in_quarter), day)
    found = selectors.counted(rows.annotate(area=area).exclude(area=""), "area", STATUSES)
    empty = dict.fromkeys(STATUSES, 0)
    return [(a, Row(str(a.number), a.title, found.get(str(a.number), empty))) for a in AREAS]
