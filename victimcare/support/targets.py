"""A provider's response targets and the staff mail about a referral (docs/adr/0061).

Each service of ours in the directory has two targets, in working days from the day a referral
is sent (as the Victims' Code engine counts them: Monday to Friday, not bank holidays, the day
sent never counts): accept it within `accept_within_days`, make first contact within
`first_contact_within_days`. Both due dates are fixed on the referral when it is sent, so a
later change to the service's targets moves no referral already sent.

Staff mail only, and it carries nothing about the victim: a reference (the referral's number)
and a link the provider opens after signing in, where the access gate decides what they see.
The caseworker's mail names the crime reference, which they already hold.

- When a referral arrives, the provider is told: its referral inbox (the service's referral
  email address, if set) and each of its staff told of new referrals (TOLD_OF_NEW_REFERRALS).
- When a target is missed, the provider and the referring caseworker are told, once per
  referral per target: a conditional update claims the referral's alert column, so a second
  scan, or a second scheduler, alerts no one twice (settings.SCHEDULED_SCANS runs the scan).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from victimcare.access.capabilities import Capability, holders
from victimcare.accounts.models import User
from victimcare.notify.messages import format_date
from victimcare.notify.models import Audience, MessageChannel
from victimcare.notify.services import message_write
from victimcare.rights.services import stored_calendar
from victimcare.rights.workdays import WorkingDayCalendar, local_date
from victimcare.support.models import Referral, ReferralStatus, Service

S = ReferralStatus
ACCEPT, FIRST_CONTACT = "accept", "first_contact"
TARGET_WORDS = {ACCEPT: "accept the referral", FIRST_CONTACT: "make first contact with the victim"}
# The statuses in which each target is still to be met.
WAITING_FOR = {ACCEPT: (S.SENT,), FIRST_CONTACT: (S.SENT, S.ACCEPTED)}
_DUE_FIELD = {ACCEPT: "accept_by", FIRST_CONTACT: "first_contact_by"}
_ALERT_FIELD = {ACCEPT: "accept_missed_alerted_at", FIRST_CONTACT: "first_contact_missed_alerted_at"}


def due_dates(
    service: Service, sent_at: datetime, calendar: WorkingDayCalendar | None = None
) -> tuple[date, date]:
    """(accept by, first contact by) for a referral to `service` sent at `sent_at`."""
    calendar = calendar or stored_calendar()
    day = local_date(sent_at)
    return (
        calendar.add_working_days(day, service.accept_within_days),
        calendar.add_working_days(day, service.first_contact_within_days),
    )


@dataclass(frozen=True)
class TargetState:
    """The next target a referral has to meet, as the provider's pages show it."""

    target: str  # ACCEPT or FIRST_CONTACT
    due: date
    overdue_days: int  # working days past `due` (0: not overdue)

    @property
    def label(self) -> str:
        verb = "Accept" if self.target == ACCEPT else "Make first contact"
        return f"{verb} by {format_date(self.due, 'en')}"

    @property
    def overdue_label(self) -> str:
        if not self.overdue_days:
            return ""
        days = "working day" if self.overdue_days == 1 else "working days"
        return f"Overdue by {self.overdue_days} {days}"


def next_target(referral: Referral, today: date, calendar: WorkingDayCalendar) -> TargetState | None:
    """The first target the referral has still to meet, or None (met, finished, or a referral
    sent before targets were kept)."""
    for target in (ACCEPT, FIRST_CONTACT):
        due = getattr(referral, _DUE_FIELD[target])
        if referral.status in WAITING_FOR[target] and due is not None:
            return TargetState(target, due, calendar.working_days_between(due, today))
    return None


# --- who is told -----------------------------------------------------------------------------------


def provider_staff(referral: Referral) -> list[User]:
    """The provider's staff told of its referrals (none for an external service)."""
    if referral.provider_id is None:
        return []
    return list(
        User.objects.filter(
            holders(Capability.TOLD_OF_NEW_REFERRALS), organisation_id=referral.provider_id, is_active=True
        ).order_by("last_name", "first_name", "id")
    )


def _provider_mail(referral: Referral, template: str, context: dict[str, object], key: str) -> int:
    """The same mail to the service's referral inbox (if any) and to each of the provider's
    staff told of referrals, once each (an inbox that is also someone's address, once)."""
    written, seen = 0, set()
    inbox = referral.service.referral_email.strip()
    for user in provider_staff(referral):
        seen.add(user.email.casefold())
        written += _write(referral, template, context, f"{key}:user:{user.pk}", user=user)
    if inbox and inbox.casefold() not in seen:
        written += _write(referral, template, context, f"{key}:inbox", inbox=inbox)
    return written


def _write(
    referral: Referral,
    template: str,
    context: dict[str, object],
    key: str,
    *,
    user: User | None = None,
    inbox: str = "",
) -> int:
    msg = message_write(
        audience=Audience.STAFF,
        organisation_id=referral.organisation_id,
        user=user,
        inbox=inbox,
        case=referral.case,
        channel=MessageChannel.EMAIL,
        template=template,
        context=context,
        dedupe_key=key,
    )
    return int(msg is not None)


def _provider_context(referral: Referral) -> dict[str, object]:
    path = reverse("support:provider_referral", args=[referral.pk])
    return {
        "reference": f"Referral {referral.pk}",
        "service": referral.service.name,
        "referral_url": f"{settings.NOTIFY_SITE_URL}{path}",
        "list_url": f"{settings.NOTIFY_SITE_URL}{reverse('support:provider_list')}",
        "accept_by": format_date(referral.accept_by, "en") if referral.accept_by else "",
        "contact_by": format_date(referral.first_contact_by, "en") if referral.first_contact_by else "",
    }


def referral_arrived_notify(referral: Referral) -> int:
    """Tell the provider a referral has arrived (in the sending transaction: the mail commits
    with the referral or not at all). Returns how many messages were written."""
    return _provider_mail(
        referral, "referral_arrived", _provider_context(referral), f"referral-arrived:{referral.pk}"
    )


# --- missed targets -----------------------------------------------------------------------------


def _caseworker(referral: Referral) -> User | None:
    """The caseworker who made the referral, else the case's caseworker (if still active)."""
    for user in (referral.created_by, referral.case.caseworker):
        if user is not None and user.is_active:
            return user
    return None


def last_working_day(today: date, calendar: WorkingDayCalendar) -> date:
    """Today if it is a working day, else the working day before it."""
    day = today
    while not calendar.is_working_day(day):
        day = date.fromordinal(day.toordinal() - 1)
    return day


def _missed(target: str, today: date, calendar: WorkingDayCalendar) -> Q:
    """Still waiting for the target, not yet alerted, and a whole working day past its due date
    (a target due on a Friday is missed on Monday, not at the weekend)."""
    due = _DUE_FIELD[target]
    return Q(
        status__in=WAITING_FOR[target],
        **{f"{due}__lt": last_working_day(today, calendar), f"{_ALERT_FIELD[target]}__isnull": True},
    )


def missed_targets_alert(*, now: datetime | None = None) -> int:
    """Tell the provider and the referring caseworker of each referral that has missed a target
    (accepting it, first contact) and has not been alerted for that target. Returns how many
    emails it wrote."""
    now = now or timezone.now()
    today = local_date(now)
    calendar = stored_calendar()
    written = 0
    for target in (ACCEPT, FIRST_CONTACT):
        late = (
            Referral.objects.filter(_missed(target, today, calendar))
            .values_list("id", flat=True)
            .order_by("id")
        )
        for referral_id in list(late):
            written += _alert(referral_id, target, now, today, calendar)
    return written


@transaction.atomic
def _alert(referral_id: int, target: str, now: datetime, today: date, calendar: WorkingDayCalendar) -> int:
    # The claim: only the scan whose update changes the row writes the alerts.
    won = Referral.objects.filter(_missed(target, today, calendar), pk=referral_id).update(
        **{_ALERT_FIELD[target]: now}
    )
    if not won:
        return 0
    referral = Referral.objects.select_related(
        "service", "case__crime", "case__caseworker", "created_by"
    ).get(pk=referral_id)
    due: date = getattr(referral, _DUE_FIELD[target])
    days = calendar.working_days_between(due, today)
    context = {
        **_provider_context(referral),
        "target": TARGET_WORDS[target],
        "due": format_date(due, "en"),
        "overdue": f"{days} working day{'s' if days != 1 else ''}",
    }
    key = f"referral-missed:{target}:{referral.pk}"
    written = _provider_mail(referral, "referral_target_missed", context, key)
    caseworker = _caseworker(referral)
    if caseworker is not None:
        case_path = reverse("support:referral_detail", args=[referral.pk])
        written += _write(
            referral,
            "referral_target_missed_caseworker",
            {
                **context,
                "crime_reference": referral.case.crime.crime_reference,
                "referral_url": f"{settings.NOTIFY_SITE_URL}{case_path}",
            },
            f"{key}:caseworker:{caseworker.pk}",
            user=caseworker,
        )
    return written
