"""What needs doing on a case, for the top of its page (issue 15, docs/adr/0057).

One short list, overdue first and then soonest due: what the Victims' Code still owes the
victim (the same `rights.owed` query the work queue and the reminders use, so the three
agree), the next step of each referral not yet finished, a needs or risk assessment left as a
draft, and MARAC criteria met with no referral made. Each task says what to do, who owes it,
by when, and links to where it is done. The list reads only what the case page's own panels
read, through the same gate: a user who may not work on safeguarding sees no risk task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from victimcare.access.capabilities import Capability, can
from victimcare.cases.models import VictimCase
from victimcare.rights.owed import owed
from victimcare.rights.vocabulary import OVERDUE
from victimcare.safeguarding.facts import RiskFlags
from victimcare.safeguarding.models import RiskAssessment
from victimcare.support.models import NeedsAssessment, Referral, ReferralStatus

# The next step of a referral, by its status, as "who does what".
REFERRAL_NEXT: dict[str, str] = {
    ReferralStatus.DRAFT: "Send the referral to {service}",
    ReferralStatus.SENT: "{service} to accept or decline the referral",
    ReferralStatus.ACCEPTED: "{service} to make first contact with the victim",
    ReferralStatus.FIRST_CONTACT: "{service} to agree support with the victim",
    ReferralStatus.ENGAGED: "{service} is supporting the victim: close the referral when support ends",
}


@dataclass(frozen=True)
class Task:
    what: str  # what to do, in words
    owner: str  # who does it ("Police", "Victim care service", a service's name)
    due: date | None
    overdue: bool
    href: str  # where it is done
    link: str  # the link's words

    @property
    def sort_key(self) -> tuple[int, date, str]:
        return (0 if self.overdue else 1, self.due or date.max, self.what)


def case_tasks(user: Any, case: VictimCase, today: date, risk: RiskFlags | None = None) -> list[Task]:
    """The tasks on a case the user may see (the caller has passed it through the gate).
    `risk` is the case header's RiskFlags (cases.selectors.risk_flags), so that the MARAC
    criteria are not worked out twice for one page."""
    writes = can(user, Capability.WORK_CASES)
    tasks = [*_owed(case, today, writes), *_referrals(case, writes), *_needs(case, writes)]
    if can(user, Capability.SAFEGUARD):
        tasks += _risk(case, risk or RiskFlags(), writes)
    return sorted(tasks, key=lambda t: t.sort_key)


def _owed(case: VictimCase, today: date, writes: bool) -> list[Task]:
    rows = owed(cases=[case.pk]).select_related("trigger").order_by("due", "id")
    tasks = []
    for row in rows:
        due = row.due or row.local_due
        overdue = row.status_on(today) == OVERDUE or (
            row.due is None and row.local_status_on(today) == OVERDUE
        )
        tasks.append(
            Task(
                what=f"{row.title} ({row.right_label})",
                owner=row.provider_label,
                due=due,
                overdue=overdue,
                href=row.record_url if writes else "#rights-heading",
                link="Record it" if writes else "See the rights",
            )
        )
    return tasks


def _referrals(case: VictimCase, writes: bool) -> list[Task]:
    rows = Referral.objects.filter(case=case, status__in=list(REFERRAL_NEXT)).select_related("service")
    tasks = []
    for referral in rows.order_by("created_at", "id"):
        draft = referral.status == ReferralStatus.DRAFT
        tasks.append(
            Task(
                what=REFERRAL_NEXT[referral.status].format(service=referral.service.name),
                owner="Victim care service" if draft else referral.service.name,
                due=None,
                overdue=False,
                href=reverse("support:referral_detail", args=[referral.pk]),
                link="Open the referral",
            )
        )
    return tasks


def _needs(case: VictimCase, writes: bool) -> list[Task]:
    if (
        not writes
        or not NeedsAssessment.objects.filter(case=case, status=NeedsAssessment.Status.DRAFT).exists()
    ):
        return []
    return [
        Task(
            what="Finish the needs assessment left as a draft",
            owner="Victim care service",
            due=None,
            overdue=False,
            href=reverse("support:needs_edit", args=[case.pk]),
            link="Continue the assessment",
        )
    ]


def _risk(case: VictimCase, risk: RiskFlags, writes: bool) -> list[Task]:
    tasks = []
    draft = RiskAssessment.objects.filter(case=case, status=RiskAssessment.Status.DRAFT).only("id").first()
    if draft is not None:
        tasks.append(
            Task(
                what="Finish the DASH risk assessment left as a draft",
                owner="Victim care service",
                due=None,
                overdue=False,
                href=reverse("safeguarding:risk_detail", args=[case.pk, draft.pk]),
                link="Continue the risk assessment",
            )
        )
    if risk.marac and not case.marac_referrals.exists():
        tasks.append(
            Task(
                what="Consider a MARAC referral: the victim meets its criteria (see Safeguarding)",
                owner="Victim care service",
                due=None,
                overdue=False,
                href=reverse("safeguarding:marac_refer", args=[case.pk])
                if writes
                else "#safeguarding-heading",
                link="Refer to MARAC" if writes else "See safeguarding",
            )
        )
    return tasks
