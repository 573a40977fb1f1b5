"""Secure messages between a victim (or their parent or spokesperson) and the staff on their case.

One thread per case. A message is never edited once sent: only the other side's read time is
ever written after it is created (`Message.save` refuses anything else), and messages are never
deleted by the application. The body is special category data: staff reads are audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from victimcare.accounts.models import Organisation
from victimcare.cases.models import VictimCase

BODY_MAX_LENGTH = 2000


class Sender(models.TextChoices):
    VICTIM = "victim", "Victim"
    STAFF = "staff", "Staff"


class MessageEditError(RuntimeError):
    pass


class Message(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="portal_messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    # Staff messages: who wrote it. Victim messages: None, with the portal account's label.
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sender_label = models.CharField(max_length=200)
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    sent_at = models.DateTimeField()
    # When the other side first read it: staff for a victim's message, the victim for staff's.
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

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
