"""Reads for safeguarding. Lists start from the access gate (accounts/access.py); reads about
one case take a case the caller already had from the gate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from victimcare.accounts.access import cases_visible_to
from victimcare.cases.models import VictimCase
from victimcare.safeguarding import dash, marac
from victimcare.safeguarding.models import (
    MaracAction,
    MaracMeeting,
    MaracReferral,
    ProtectiveOrder,
    RiskAssessment,
)


def latest_assessment(case: VictimCase) -> RiskAssessment | None:
    return (
        RiskAssessment.objects.filter(case=case, status=RiskAssessment.Status.COMPLETED)
        .order_by("-completed_at", "-id")
        .first()
    )


def marac_facts(case: VictimCase, today: date) -> marac.Facts:
    """The facts the MARAC criteria need about this case's victim (all of the person's cases)."""
    latest = latest_assessment(case)
    reported = VictimCase.objects.filter(person_id=case.person_id).values_list(
        "crime__reported_at", flat=True
    )
    last = MaracReferral.objects.filter(person_id=case.person_id).order_by("-referred_at").first()
    return marac.Facts(
        today=today,
        dash_score=latest.score if latest else None,
        dash_judged_high=bool(latest and latest.level == dash.HIGH and latest.scored_level != dash.HIGH),
        crime_days=[timezone.localdate(at) for at in reported],
        last_referral_day=timezone.localdate(last.referred_at) if last else None,
        escalation_crimes=settings.SAFEGUARDING_MARAC_ESCALATION_CRIMES,
        escalation_months=settings.SAFEGUARDING_MARAC_ESCALATION_MONTHS,
        repeat_months=settings.SAFEGUARDING_REPEAT_MARAC_MONTHS,
    )


def marac_criteria(case: VictimCase, today: date | None = None) -> list[marac.Criterion]:
    return marac.evaluate(marac_facts(case, today or timezone.localdate()))


def orders_expiring(orders: QuerySet[ProtectiveOrder], *, today: date) -> QuerySet[ProtectiveOrder]:
    """Orders still in force that expire within SAFEGUARDING_ORDER_EXPIRY_DAYS of today."""
    end = today + timedelta(days=settings.SAFEGUARDING_ORDER_EXPIRY_DAYS)
    return orders.filter(expires_on__gte=today, expires_on__lte=end).order_by("expires_on", "id")


def expiring_orders_for(user: Any, *, today: date) -> QuerySet[ProtectiveOrder]:
    visible = cases_visible_to(user).values("id")
    return orders_expiring(ProtectiveOrder.objects.filter(case_id__in=visible), today=today).select_related(
        "case__person", "case__crime", "case__caseworker"
    )


@dataclass(frozen=True)
class OrderRow:
    order: ProtectiveOrder
    state: str  # "in_force", "expiring", "expired"
    days_left: int | None

    @property
    def tag(self) -> tuple[str, str]:
        return {
            "expired": ("govuk-tag--grey", "Expired"),
            "expiring": ("govuk-tag--red", "Expires soon"),
            "in_force": ("govuk-tag--green", "In force"),
        }[self.state]


def order_row(order: ProtectiveOrder, today: date) -> OrderRow:
    if order.expires_on is None:
        return OrderRow(order, "in_force", None)
    left = (order.expires_on - today).days
    if left < 0:
        return OrderRow(order, "expired", left)
    if left <= settings.SAFEGUARDING_ORDER_EXPIRY_DAYS:
        return OrderRow(order, "expiring", left)
    return OrderRow(order, "in_force", left)


@dataclass
class CasePanel:
    draft: RiskAssessment | None
    assessments: list[RiskAssessment]
    criteria: list[marac.Criterion]
    referrals: list[MaracReferral]
    orders: list[OrderRow] = field(default_factory=list)

    @property
    def latest(self) -> RiskAssessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def criteria_met(self) -> list[marac.Criterion]:
        return [c for c in self.criteria if c.met]

    @property
    def expiring(self) -> list[OrderRow]:
        return [row for row in self.orders if row.state == "expiring"]


def case_panel(case: VictimCase, today: date | None = None) -> CasePanel:
    today = today or timezone.localdate()
    assessments = list(case.risk_assessments.all())
    return CasePanel(
        draft=next((a for a in assessments if a.is_draft), None),
        assessments=[a for a in assessments if not a.is_draft],
        criteria=marac_criteria(case, today),
        referrals=list(case.marac_referrals.select_related("meeting")),
        orders=[order_row(o, today) for o in case.protective_orders.all()],
    )


def meeting_agenda(user: Any, meeting: MaracMeeting) -> list[MaracReferral]:
    """The referrals on a meeting's agenda whose cases the user may see, with their actions."""
    visible = cases_visible_to(user).values("id")
    return list(
        meeting.referrals.filter(case_id__in=visible)
        .select_related("case__person", "case__crime")
        .prefetch_related(Prefetch("actions", queryset=MaracAction.objects.select_related("done_by")))
        .order_by("referred_at", "id")
    )


def referrals_awaiting_meeting(user: Any, meeting: MaracMeeting) -> QuerySet[MaracReferral]:
    """Referred cases the user may see, in the meeting's force area, not yet on any agenda."""
    visible = cases_visible_to(user).values("id")
    return (
        MaracReferral.objects.filter(
            meeting__isnull=True, case_id__in=visible, case__crime__force_id=meeting.force_id
        )
        .select_related("case__person", "case__crime")
        .order_by("referred_at", "id")
    )
