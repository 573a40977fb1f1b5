"""Reads for safeguarding. Lists start from the access gate (access/gate.py); reads about
one case take a case the caller already had from the gate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from victimcare.access.gate import cases_visible_to
from victimcare.cases.models import VictimCase
from victimcare.safeguarding import marac
from victimcare.safeguarding.facts import marac_facts, orders_expiring
from victimcare.safeguarding.models import (
    MaracAction,
    MaracMeeting,
    MaracReferral,
    OrderVariation,
    PoliceIncident,
    ProtectiveOrder,
    RiskAssessment,
)


def marac_criteria(case: VictimCase, today: date | None = None) -> list[marac.Criterion]:
    return marac.evaluate(marac_facts(case, today or timezone.localdate()))


@dataclass(frozen=True)
class CriterionShown:
    """A criterion as one member of staff sees it: the crimes and incidents it counted on cases
    they may open, and only how many more came from the victim's other cases (the count is
    what the criterion's own detail already says; docs/adr/0028)."""

    criterion: marac.Criterion
    shown: list[marac.Occurrence]
    hidden: int

    @property
    def label(self) -> str:
        return self.criterion.label

    @property
    def met(self) -> bool:
        return self.criterion.met

    @property
    def detail(self) -> str:
        return self.criterion.detail


def marac_criteria_for(user: Any, case: VictimCase, today: date | None = None) -> list[CriterionShown]:
    criteria = marac_criteria(case, today)
    ids = {o.case_id for c in criteria for o in c.counted if o.case_id is not None}
    visible = set(cases_visible_to(user).filter(id__in=ids).values_list("id", flat=True)) if ids else set()
    return [
        CriterionShown(
            criterion=c,
            shown=[o for o in c.counted if o.case_id in visible],
            hidden=sum(1 for o in c.counted if o.case_id not in visible),
        )
        for c in criteria
    ]


def expiring_orders_for(user: Any, *, today: date) -> QuerySet[ProtectiveOrder]:
    visible = cases_visible_to(user).values("id")
    return orders_expiring(ProtectiveOrder.objects.filter(case_id__in=visible), today=today).select_related(
        "case__person", "case__crime", "case__caseworker"
    )


@dataclass(frozen=True)
class OrderRow:
    order: ProtectiveOrder
    state: str  # "in_force", "expiring", "expired", "ended"
    days_left: int | None

    @property
    def tag(self) -> tuple[str, str]:
        if self.state == "ended":
            label = "Discharged" if self.order.ending == "discharged" else "Ended early"
            return ("govuk-tag--grey", label)
        return {
            "expired": ("govuk-tag--grey", "Expired"),
            "expiring": ("govuk-tag--red", "Expires soon"),
            "in_force": ("govuk-tag--green", "In force"),
        }[self.state]


def order_row(order: ProtectiveOrder, today: date) -> OrderRow:
    if order.ended_on is not None:
        return OrderRow(order, "ended", None)
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
    incidents: list[PoliceIncident] = field(default_factory=list)

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
        incidents=list(case.police_incidents.all()),
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


@dataclass(frozen=True)
class HistoryEntry:
    """One step of an order's history, as the court left it after that step."""

    day: date
    title: str
    court: str = ""
    conditions: str = ""  # the conditions in force after this step ("" when they did not change)
    expiry: str = ""  # words for the expiry after this step ("" when it did not change)
    note: str = ""
    recorded_by: str = ""


def _expiry_words(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "Until the court says otherwise"


def _who(user: Any) -> str:
    return str(user.display_name) if user is not None else "a member of staff"


def order_history(order: ProtectiveOrder) -> list[HistoryEntry]:
    """The order as made, each variation in order, and its early end if it has one."""
    history = [
        HistoryEntry(
            day=order.starts_on,
            title="Made",
            court=order.court,
            conditions=order.made_conditions,
            expiry=_expiry_words(order.made_expires_on),
            recorded_by=_who(order.recorded_by),
        )
    ]
    variation: OrderVariation
    for variation in order.variations.select_related("recorded_by").order_by("varied_on", "id"):
        history.append(
            HistoryEntry(
                day=variation.varied_on,
                title="Varied",
                court=variation.court,
                conditions=variation.conditions if variation.conditions_changed else "",
                expiry=_expiry_words(variation.expires_on) if variation.expiry_changed else "",
                note=variation.note,
                recorded_by=_who(variation.recorded_by),
            )
        )
    if order.ended_on is not None:
        history.append(
            HistoryEntry(
                day=order.ended_on,
                title=order.get_ending_display(),
                note=order.end_reason,
                recorded_by=_who(order.ended_by),
            )
        )
    return history
