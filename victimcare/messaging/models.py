"""Secure messages between a victim (or their parent or spokesperson) and the staff on their case.

One thread per case. A message is never edited once sent: only the other side's read time is
ever written after it is created (`Message.save` refuses anything else), and messages are never
deleted by the application. The body is special category data: staff reads are audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from victimcare.accounts.models import Organisation, Team
from victimcare.cases.models import VictimCase
from victimcare.fieldcrypt import EncryptedTextField

BODY_MAX_LENGTH = 2000


class Sender(models.TextChoices):
    VICTIM = "victim", "Victim"
    STAFF = "staff", "Staff"


class MessageEditError(RuntimeError):
    pass


class UrgentReason(models.TextChoices):
    """Why a victim's message was marked urgent when it came in (docs/adr/0043)."""

    WORDS = "words", "Words of danger or fear"
    YOUNG = "young", "Young victim"


class ReplyTarget(models.Model):
    """How soon a service answers a victim's message: a team's own target, or its
    organisation's (team empty); with neither, settings.MESSAGE_REPLY_WORKING_DAYS and
    MESSAGE_URGENT_REPLY_HOURS. An ordinary message is answered by the end of the Nth working
    day after the day it came; an urgent one within so many hours, weekends included."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    working_days = models.PositiveSmallIntegerField(
        help_text="Reply to an ordinary message by the end of this many working days after it came"
    )
    urgent_hours = models.PositiveSmallIntegerField(
        help_text="Reply to an urgent message within this many hours (weekends and nights count)"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "team"], name="reply_target_one_per_team"),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(team__isnull=True),
                name="reply_target_one_per_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1, working_days__lte=20),
                name="reply_target_working_days_1_to_20",
            ),
            models.CheckConstraint(
                condition=models.Q(urgent_hours__gte=1, urgent_hours__lte=72),
                name="reply_target_urgent_hours_1_to_72",
            ),
        ]

    def __str__(self) -> str:
        return f"Reply target of organisation {self.organisation_id}, team {self.team_id}"

    def clean(self) -> None:
        if self.team is not None and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": "Choose a team of this organisation"})


class Message(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="portal_messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    # Staff messages: who wrote it. Victim messages: None, with the portal account's label.
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sender_label = models.CharField(max_length=200)
    body = EncryptedTextField(max_length=BODY_MAX_LENGTH)  # encrypted (docs/adr/0060)
    sent_at = models.DateTimeField()
    # When the other side first read it: staff for a victim's message, the victim for staff's.
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Triage, decided once when a victim's message is created (never edited after): whether it
    # is urgent and why (the words of the configured list it contained, or the victim's age),
    # and when staff should have replied by. Empty on staff messages.
    urgent = models.BooleanField(default=False)
    urgent_reason = models.CharField(max_length=10, choices=UrgentReason.choices, blank=True)
    urgent_words = models.JSONField(default=list, blank=True)
    reply_by = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["case", "sent_at"], name="message_case_time_idx"),
            # The staff inbox: unread victim messages, found by a partial index.
            models.Index(
                fields=["case"],
                name="message_unread_victim_idx",
                condition=models.Q(sender="victim", read_at__isnull=True),
            ),
            # The scan for victims' messages past their reply-by (messaging.triage).
            models.Index(
                fields=["reply_by"], name="message_reply_by_idx", condition=models.Q(sender="victim")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sender="victim", sender_user__isnull=True)
                | models.Q(sender="staff", sender_user__isnull=False),
                name="message_sender_matches_user",
            ),
            models.CheckConstraint(
                condition=~models.Q(body=""),
                name="message_body_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(urgent=False, urgent_reason="")
                | models.Q(urgent=True) & ~models.Q(urgent_reason=""),
                name="message_urgent_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} on case {self.case_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            fields = set(kwargs.get("update_fields") or ())
            if not fields or not fields <= {"read_at", "read_by"}:
                raise MessageEditError("A sent message is never edited; only its read time is recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise MessageEditError("Messages are kept: they cannot be deleted.")

    @property
    def from_victim(self) -> bool:
        return self.sender == Sender.VICTIM
