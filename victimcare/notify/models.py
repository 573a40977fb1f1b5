"""Outbound messages (the outbox), the demo mailbox, and who wants which messages.

Every message is a row written before it is sent (docs/adr/0012): the worker claims a row,
sends it through the organisation's transport, and records what happened on the same row, so
a crash loses nothing and staff can see every message, its status and any error.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from victimcare.accounts.models import Organisation
from victimcare.cases.models import Event, VictimCase
from victimcare.people.models import Person
from victimcare.transitions import StatusTable


class MessageChannel(models.TextChoices):
    """The ways a message can be sent automatically (a phone call needs a person)."""

    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    HELD = "held", "Held: not sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


# The status table: which status may follow which (checked in services._move).
TRANSITIONS = StatusTable(
    {
        Status.QUEUED: frozenset({Status.SENDING, Status.HELD, Status.CANCELLED}),
        Status.SENDING: frozenset({Status.SENT, Status.DELIVERED, Status.QUEUED, Status.HELD, Status.FAILED}),
        Status.SENT: frozenset({Status.DELIVERED, Status.FAILED, Status.QUEUED}),
        Status.HELD: frozenset({Status.QUEUED, Status.CANCELLED}),
        Status.FAILED: frozenset({Status.QUEUED, Status.CANCELLED}),
        Status.DELIVERED: frozenset(),
        Status.CANCELLED: frozenset(),
    }
)
STATUS_TAGS = {
    Status.QUEUED: "govuk-tag--blue",
    Status.SENDING: "govuk-tag--light-blue",
    Status.SENT: "govuk-tag--turquoise",
    Status.DELIVERED: "govuk-tag--green",
    Status.HELD: "govuk-tag--orange",
    Status.FAILED: "govuk-tag--red",
    Status.CANCELLED: "govuk-tag--grey",
}
# Statuses that need a member of staff to look.
ATTENTION = (Status.HELD, Status.FAILED)


class Audience(models.TextChoices):
    VICTIM = "victim", "Victim"
    STAFF = "staff", "Staff"


class OutboundMessage(models.Model):
    """One message to one recipient through one channel; written before it is sent."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        VictimCase, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=MessageChannel.choices)
    template = models.CharField(max_length=60)
    language = models.CharField(max_length=5, default="en")
    discreet = models.BooleanField(default=False)
    sender_name = models.CharField(max_length=100)
    # The address as it was when the message was written; the worker re-reads the person's
    # details and rechecks the safe-contact rules before every attempt.
    to_address = models.TextField(blank=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    not_before = models.DateTimeField()  # a message outside the victim's safe times waits
    hold_reason = models.TextField(blank=True)  # why it is held or waiting, in staff's words
    transport = models.CharField(max_length=20, blank=True)  # mailbox, smtp, notify
    provider_reference = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)  # every error, oldest first
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # One automatic update per event and channel, one reminder per reminder row: a second
    # insert with the same key is refused by the database, not by a check that could race.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    informed_event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The worker's claim: due queued rows, oldest first; and stale claims of dead workers.
            models.Index(fields=["status", "not_before"], name="outbox_due_idx"),
            models.Index(fields=["status", "claimed_at"], name="outbox_claim_idx"),
            models.Index(fields=["case", "-created_at"], name="outbox_case_idx"),
            models.Index(fields=["organisation", "status", "-created_at"], name="outbox_org_status_idx"),
            models.Index(fields=["provider_reference"], name="outbox_provider_ref_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s for s, _ in Status.choices]), name="outbox_status_known"
            ),
            # A victim, a member of staff, or a staff inbox (a service's referral address,
            # docs/adr/0061): never a message with no one to go to.
            models.CheckConstraint(
                condition=Q(person__isnull=False)
                | Q(user__isnull=False)
                | (Q(audience="staff") & ~Q(to_address="")),
                name="outbox_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} ({self.template}, {self.status})"

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS.get(Status(self.status), "")

    @property
    def template_label(self) -> str:
        from victimcare.notify.messages import template_label

        return template_label(self.template)

    @property
    def waiting(self) -> bool:
        """Queued but not yet due (a safe time, or a retry after backoff)."""
        from django.utils import timezone

        return self.status == Status.QUEUED and self.not_before > timezone.now()

    @property
    def needs_attention(self) -> bool:
        return self.status in ATTENTION

    @property
    def recipient_label(self) -> str:
        if self.user_id is not None and self.user is not None:
            return self.user.display_name
        if self.audience == Audience.STAFF:
            return self.to_address  # a staff inbox (a service's referral address)
        return "The victim"


class MailboxItem(models.Model):
    """What the demo mailbox transport "sent": one row per outbox message (unique), so a
    message re-sent after a crash appears once."""

    message = models.OneToOneField(OutboundMessage, on_delete=models.CASCADE, related_name="mailbox_item")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=MessageChannel.choices)
    to_address = models.TextField()
    sender_name = models.CharField(max_length=100)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "-stored_at"], name="mailbox_org_idx")]

    def __str__(self) -> str:
        return f"Mailbox {self.pk}: {self.subject or self.channel}"


class NotificationPreference(models.Model):
    """How a victim wants automatic updates, beside the contact rules on Person.

    Automatic updates are off until staff record that the victim opted in (Right 6 allows a
    victim to choose how, and whether, to be updated)."""

    person = models.OneToOneField(
        Person, primary_key=True, on_delete=models.CASCADE, related_name="notification_preference"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    automatic_updates = models.BooleanField(default=False)
    opted_in_at = models.DateTimeField(null=True, blank=True)
    preferred_channel = models.CharField(max_length=10, choices=MessageChannel.choices, blank=True)
    # Discreet mode: a neutral sender and wording ("You have a new message"), for a victim
    # whose phone or inbox someone else may see.
    discreet = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notification preferences of person {self.person_id}"


class ReminderMode(models.TextChoices):
    IMMEDIATE = "immediate", "Each reminder as it falls due"
    DIGEST = "digest", "One email a day with everything due"
    OFF = "off", "No reminder emails (I will use the work queue)"


class ReminderPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="reminder_preference",
    )
    mode = models.CharField(max_length=10, choices=ReminderMode.choices, default=ReminderMode.DIGEST)
    days_before = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(days_before__lte=10), name="reminder_days_before_at_most_10"),
        ]

    def __str__(self) -> str:
        return f"Reminder preferences of user {self.user_id}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    CONTACT_DUE = "contact_due", "Update agreed with the victim is due"
    ESCALATED = "escalated", "Still overdue, for a supervisor"


class Reminder(models.Model):
    """One reminder to one member of staff about one obligation. `key` makes the scan
    idempotent: running it twice, or in two processes, reminds once."""

    key = models.CharField(max_length=200, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    # None for a reminder about something that is not a case (a recommendation to a partner
    # agency, voice.reminders): `path` then says where to open it and `rule` names what it is.
    case = models.ForeignKey(VictimCase, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    rule = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    due = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    message = models.ForeignKey(
        OutboundMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders"
    )

    class Meta:
        indexes = [
            # Reminders not yet sent (a small partial index: sent ones drop out of it).
            models.Index(fields=["user"], condition=Q(message__isnull=True), name="reminder_unsent_idx"),
        ]

    def __str__(self) -> str:
        return f"Reminder {self.kind} {self.rule} for user {self.user_id}"


class WorkerLease(models.Model):
    """A running job worker's lease (docs/adr/0058): `manage.py db_worker` renews it every
    NOTIFY_LEASE_RENEW_SECONDS from a thread of its own, even while a job runs. A worker whose
    lease is older than NOTIFY_LEASE_SECONDS is dead (killed, or its machine gone): the jobs it
    left running are queued again and the messages it had claimed are free to send at once,
    instead of waiting out NOTIFY_CLAIM_TIMEOUT_SECONDS."""

    worker_id = models.CharField(max_length=64, unique=True)  # db_worker's --worker-id
    claim_prefix = models.CharField(max_length=60)  # how its outbox claims begin: "host:pid:"
    started_at = models.DateTimeField()
    renewed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Worker {self.worker_id} ({self.claim_prefix}) renewed {self.renewed_at:%H:%M:%S}"
