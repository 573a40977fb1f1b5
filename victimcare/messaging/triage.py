"""Triage of a victim's portal message (docs/adr/0043): is it urgent, by when should staff
reply, who is told now, and who is told when nobody has replied in time.

Urgent is decided once, when the message is created, from two things only: words of danger or
fear from a short configured list (settings.MESSAGE_URGENT_WORDS, whole words, any case), and
the victim's age on the day they wrote (under settings.MESSAGE_YOUNG_AGE is always urgent). The
list is a prompt for a person to read the message first; it is not a judgement of risk, and a
message without those words may be just as urgent (the ADR says what it misses).

The reply-by target is the service's: the case team's ReplyTarget, else its organisation's,
else the settings' defaults. An unanswered message past its reply-by is escalated by a scheduled
scan (settings.SCHEDULED_SCANS) to the team's supervisors, once per unanswered run of messages:
the outbox's unique dedupe key holds the first unanswered message and the supervisor, so a
second scan, or a second scheduler, tells no one twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from victimcare.access.capabilities import Capability, holders
from victimcare.accounts.models import User
from victimcare.cases.models import VictimCase
from victimcare.messaging.models import Message, ReplyTarget, Sender, UrgentReason
from victimcare.notify.messages import format_date
from victimcare.notify.models import Audience, MessageChannel
from victimcare.notify.services import message_write
from victimcare.people.models import Person
from victimcare.rights.workdays import LONDON, default_calendar, local_date

# --- urgent --------------------------------------------------------------------------------------


@cache
def _patterns(terms: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each configured word or phrase as a pattern: whole words only (so "kill" is not found in
    "skills"), any case, any run of spaces or a line break between a phrase's words."""
    compiled = []
    for term in terms:
        words = term.split()
        if not words:
            continue
        body = r"\s+".join(re.escape(w) for w in words)
        compiled.append((" ".join(words).casefold(), re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)))
    return tuple(compiled)


def urgent_words_in(text: str, terms: Iterable[str] | None = None) -> list[str]:
    """The configured words of danger or fear found in the text, in the list's order."""
    listed = tuple(settings.MESSAGE_URGENT_WORDS if terms is None else terms)
    return [term for term, pattern in _patterns(listed) if pattern.search(text)]


def is_young(person: Person, day: date) -> bool:
    """Under MESSAGE_YOUNG_AGE on `day` (an unknown date of birth is not taken to be young)."""
    age = person.age_on(day)
    return age is not None and age < settings.MESSAGE_YOUNG_AGE


@dataclass(frozen=True)
class Triage:
    urgent: bool
    reason: str  # an UrgentReason, or "" when not urgent
    words: list[str] = field(default_factory=list)
    reply_by: datetime | None = None


def triage(case: VictimCase, body: str, sent_at: datetime) -> Triage:
    """How a victim's message on `case`, sent at `sent_at`, is to be treated. A young victim's
    age is the reason given even when the words were found too (it is the rule that always
    applies); the words are kept either way, for the thread page."""
    words = urgent_words_in(body)
    young = is_young(case.person, local_date(sent_at))
    reason = UrgentReason.YOUNG if young else UrgentReason.WORDS if words else ""
    return Triage(
        urgent=bool(reason), reason=reason, words=words, reply_by=reply_by(case, sent_at, bool(reason))
    )


# --- reply by ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    working_days: int
    urgent_hours: int


def reply_target(case: VictimCase) -> Target:
    """The target of the case's service: its team's, else the team's organisation's (the
    case's own with no team), else the default."""
    service = case.team.organisation_id if case.team is not None else case.organisation_id
    rows = ReplyTarget.objects.filter(
        Q(team_id=case.team_id, team__isnull=False) | Q(team__isnull=True, organisation_id=service)
    )
    found = sorted(rows, key=lambda r: r.team_id is None)  # the team's own first
    if found:
        return Target(working_days=found[0].working_days, urgent_hours=found[0].urgent_hours)
    return Target(
        working_days=settings.MESSAGE_REPLY_WORKING_DAYS, urgent_hours=settings.MESSAGE_URGENT_REPLY_HOURS
    )


def reply_by(case: VictimCase, sent_at: datetime, urgent: bool) -> datetime:
    """Urgent: within the target's hours of the message, nights and weekends included (danger
    does not wait for Monday). Otherwise by the end (23:59, London) of the Nth working day
    after the day it came, counted as the Victims' Code engine counts working days."""
    target = reply_target(case)
    if urgent:
        return sent_at + timedelta(hours=target.urgent_hours)
    due = default_calendar().add_working_days(local_date(sent_at), target.working_days)
    return datetime.combine(due, time(23, 59), tzinfo=LONDON)


# --- who is told -----------------------------------------------------------------------------------


def _active(users: QuerySet[User]) -> list[User]:
    return list(users.filter(is_active=True).order_by("last_name", "first_name", "id"))


def alert_recipients(case: VictimCase) -> list[User]:
    """Who is told at once of an urgent message: the caseworker; with none (or one no longer
    active), everyone on the case's team who works cases; with no team either, the supervisors
    of the case's organisation. Never the victim: these are staff accounts."""
    if case.caseworker is not None and case.caseworker.is_active:
        return [case.caseworker]
    if case.team_id is not None:
        team = _active(User.objects.filter(holders(Capability.WORK_CASES), teams=case.team_id))
        if team:
            return team
    return _supervisors_of_organisation(case)


def escalation_recipients(case: VictimCase) -> list[User]:
    """Who is told when a message is unanswered past its reply-by: the supervisors on the
    case's team; with none, those of the team's (or the case's) organisation; with none of
    those either, whoever would have been alerted of an urgent message."""
    if case.team_id is not None:
        team = _active(
            User.objects.filter(holders(Capability.TOLD_OF_UNANSWERED_MESSAGES), teams=case.team_id)
        )
        if team:
            return team
    return _supervisors_of_organisation(case) or alert_recipients(case)


def _supervisors_of_organisation(case: VictimCase) -> list[User]:
    organisation_id = case.team.organisation_id if case.team is not None else case.organisation_id
    return _active(
        User.objects.filter(holders(Capability.TOLD_OF_UNANSWERED_MESSAGES), organisation_id=organisation_id)
    )


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {format_date(local.date(), 'en')}"


REASON_WORDS = {
    UrgentReason.WORDS: "it has words of danger or fear in it",
    UrgentReason.YOUNG: "the victim is under 18",
}


def _links(case: VictimCase) -> dict[str, str]:
    return {
        "crime_reference": case.crime.crime_reference,
        "thread_url": f"{settings.NOTIFY_SITE_URL}{reverse('messaging:case_thread', args=[case.pk])}",
        "inbox_url": f"{settings.NOTIFY_SITE_URL}{reverse('messaging:inbox')}",
    }


def urgent_alerts_write(case: VictimCase, message: Message) -> int:
    """Email each person alert_recipients names that an urgent message is waiting (why, and
    the reply-by; never its words). Runs in the sending service's transaction."""
    assert message.urgent and message.reply_by is not None
    assigned = case.caseworker is not None and case.caseworker.is_active
    written = 0
    for user in alert_recipients(case):
        written += bool(
            message_write(
                audience=Audience.STAFF,
                organisation_id=case.organisation_id,
                user=user,
                case=case,
                channel=MessageChannel.EMAIL,
                template="victim_message_urgent",
                context={
                    **_links(case),
                    "reason": REASON_WORDS[UrgentReason(message.urgent_reason)],
                    "reply_by": _when(message.reply_by),
                    "unassigned": not assigned,
                },
                dedupe_key=f"victim-message-urgent:{message.pk}:{user.pk}",
            )
        )
    return written


# --- escalation ------------------------------------------------------------------------------------


def _answered() -> Exists:
    return Exists(
        Message.objects.filter(
            case_id=OuterRef("case_id"), sender=Sender.STAFF, sent_at__gte=OuterRef("sent_at")
        )
    )


def unanswered_messages_escalate(*, now: datetime | None = None) -> int:
    """Tell the supervisors of each case with a victim's message past its reply-by that no
    member of staff has answered since (reading it is not answering it). Once per unanswered
    run of messages: the run's first message is in the dedupe key, so a later message in the
    same run escalates nothing new, and a reply starts a new run. Messages whose reply-by
    passed more than MESSAGE_ESCALATION_LOOKBACK_DAYS ago are left (they escalated then, or
    the scheduler was stopped far longer than any target). Returns how many emails it wrote."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.MESSAGE_ESCALATION_LOOKBACK_DAYS)
    late = (
        Message.objects.filter(sender=Sender.VICTIM, reply_by__lte=now, reply_by__gt=since)
        .exclude(_answered())
        .select_related("case__crime", "case__team", "case__caseworker")
        .order_by("case_id", "reply_by", "id")
    )
    written = 0
    seen: set[int] = set()
    for message in late:
        if message.case_id in seen:
            continue
        seen.add(message.case_id)
        written += _escalate(message.case, message)
    return written


def _first_unanswered(case: VictimCase) -> Message:
    last_reply = Message.objects.filter(case=case, sender=Sender.STAFF).order_by("-sent_at", "-id").first()
    run = Message.objects.filter(case=case, sender=Sender.VICTIM)
    if last_reply is not None:
        run = run.filter(sent_at__gt=last_reply.sent_at)
    first = run.order_by("sent_at", "id").first()
    assert first is not None  # the late message itself is in the run
    return first


def _escalate(case: VictimCase, late: Message) -> int:
    assert late.reply_by is not None
    first = _first_unanswered(case)
    context = {
        **_links(case),
        "sent_on": _when(first.sent_at),
        "reply_by": _when(late.reply_by),
        "urgent": late.urgent,
        "reason": REASON_WORDS[UrgentReason(late.urgent_reason)] if late.urgent else "",
        "caseworker": case.caseworker.display_name if case.caseworker is not None else "",
    }
    written = 0
    for user in escalation_recipients(case):
        try:
            with transaction.atomic():  # a second scheduler may write the same key at the same moment
                msg = message_write(
                    audience=Audience.STAFF,
                    organisation_id=case.organisation_id,
                    user=user,
                    case=case,
                    channel=MessageChannel.EMAIL,
                    template="victim_message_unanswered",
                    context=context,
                    dedupe_key=f"victim-message-unanswered:{first.pk}:{user.pk}",
                )
        except IntegrityError:
            msg = None
        written += msg is not None
    return written
