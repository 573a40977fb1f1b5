"""The demo transport: messages are stored for the mailbox page instead of being sent.

Exactly once: the mailbox row is unique per outbox message, so a message re-sent after a
crash is stored once."""

from __future__ import annotations

from victimcare.notify.channels.base import Outgoing, SendResult


class MailboxTransport:
    name = "mailbox"
    channels = frozenset({"email", "sms", "letter"})

    def send(self, message: Outgoing) -> SendResult:
        from victimcare.notify.models import MailboxItem

        item, _ = MailboxItem.objects.get_or_create(
            message_id=message.message_id,
            defaults={
                "organisation_id": message.organisation_id,
                "channel": message.channel,
                "to_address": message.to_address,
                "sender_name": message.sender_name,
                "subject": message.subject,
                "body": message.body,
            },
        )
        return SendResult(provider_reference=f"mailbox-{item.pk}", delivered=True)

    def find_previous(self, message: Outgoing) -> SendResult | None:
        from victimcare.notify.models import MailboxItem

        item = MailboxItem.objects.filter(message_id=message.message_id).first()
        return SendResult(f"mailbox-{item.pk}", delivered=True) if item else None
