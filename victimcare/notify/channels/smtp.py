"""Email through an SMTP relay (the organisation's own mail server).

At least once: the Message-ID is derived from the outbox row, so a message re-sent after a
crash between the relay accepting it and the row being marked carries the same Message-ID,
which mail clients and many relays use to drop the duplicate (docs/adr/0013)."""

from __future__ import annotations

import smtplib
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from victimcare.notify.channels.base import Outgoing, PermanentFailure, SendResult, TemporaryFailure


def message_id_for(message_id: int) -> str:
    domain = settings.NOTIFY_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<outbox-{message_id}@{domain}>"


class SmtpTransport:
    name = "smtp"
    channels = frozenset({"email"})

    def send(self, message: Outgoing) -> SendResult:
        mid = message_id_for(message.message_id)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=formataddr((message.sender_name, settings.NOTIFY_FROM_EMAIL)),
            to=[message.to_address],
            headers={"Message-ID": mid},
            connection=get_connection(
                "django.core.mail.backends.smtp.EmailBackend", timeout=settings.EMAIL_TIMEOUT
            ),
        )
        try:
            email.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as err:
            text = f"The mail server refused the address: {_first(err)}"
            if all(400 <= code < 500 for code, _ in err.recipients.values()):
                raise TemporaryFailure(text) from err  # greylisting, a full mailbox: try later
            raise PermanentFailure(text) from err
        except smtplib.SMTPResponseException as err:
            text = f"The mail server said {err.smtp_code}: {_text(err.smtp_error)}"
            if 400 <= err.smtp_code < 500:
                raise TemporaryFailure(text) from err
            raise PermanentFailure(text) from err
        except (TimeoutError, smtplib.SMTPException, OSError) as err:
            raise TemporaryFailure(f"Could not reach the mail server: {err}") from err
        return SendResult(provider_reference=mid, delivered=True)

    def find_previous(self, message: Outgoing) -> SendResult | None:
        return None  # SMTP cannot say whether an earlier attempt got through


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _first(err: smtplib.SMTPRecipientsRefused) -> str:
    for code, reason in err.recipients.values():
        return f"{code} {_text(reason)}"
    return "no reason given"
