"""GOV.UK Notify: email, text message and letter.

Each message uses one Notify template per channel holding ((subject)) and ((body)), so the
wording (English and Welsh) is ours, reviewed in this repository. The outbox row's id is sent
as Notify's `reference`; after a crash the worker asks Notify for that reference before
sending again, so a message Notify already accepted is not sent twice (docs/adr/0013).
Delivery is confirmed later by Notify's delivery-status callback (views.notify_callback).
"""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from victimcare.notify.channels.base import Outgoing, PermanentFailure, SendResult, TemporaryFailure


def reference_for(message_id: int) -> str:
    return f"outbox-{message_id}"


class NotifyTransport:
    name = "notify"
    channels = frozenset({"email", "sms", "letter"})

    def __init__(self, client: NotificationsAPIClient | None = None) -> None:
        self._client = client

    @property
    def client(self) -> NotificationsAPIClient:
        if self._client is None:
            if not settings.NOTIFY_API_KEY:
                raise PermanentFailure("GOV.UK Notify is not set up: NOTIFY_API_KEY is empty")
            self._client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)
        return self._client

    def send(self, message: Outgoing) -> SendResult:
        reference = reference_for(message.message_id)
        personalisation: dict[str, Any] = {"subject": message.subject, "body": message.body}
        try:
            if message.channel == "email":
                response = self.client.send_email_notification(
                    email_address=message.to_address,
                    template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                    personalisation=personalisation,
                    reference=reference,
                )
            elif message.channel == "sms":
                response = self.client.send_sms_notification(
                    phone_number=message.to_address,
                    template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                    personalisation={"body": message.body},
                    reference=reference,
                )
            elif message.channel == "letter":
                response = self.client.send_letter_notification(
                    template_id=settings.NOTIFY_LETTER_TEMPLATE_ID,
                    personalisation={**_address_lines(message.to_address), **personalisation},
                    reference=reference,
                )
            else:
                raise PermanentFailure(f"GOV.UK Notify cannot send a {message.channel}")
        except APIError as err:
            raise _failure(err) from err
        except requests.RequestException as err:
            raise TemporaryFailure(f"Could not reach GOV.UK Notify: {err}") from err
        return SendResult(provider_reference=str(response.get("id", "")), delivered=False)

    def find_previous(self, message: Outgoing) -> SendResult | None:
        try:
            found = self.client.get_all_notifications(reference=reference_for(message.message_id))
        except (APIError, requests.RequestException) as err:
            # Not knowing is not "no": send nothing now and try again later.
            raise TemporaryFailure(f"Could not ask GOV.UK Notify about an earlier attempt: {err}") from err
        for notification in found.get("notifications", []):
            return SendResult(provider_reference=str(notification.get("id", "")), delivered=False)
        return None


def _failure(err: APIError) -> TemporaryFailure | PermanentFailure:
    """Notify: 400 (bad request, e.g. not a valid phone number) and 403 (bad key) will not
    get better by retrying; 429 (rate limit) and 5xx will."""
    text = f"GOV.UK Notify said {err.status_code}: {_message(err.message)}"
    if err.status_code == 429 or err.status_code >= 500:
        return TemporaryFailure(text)
    return PermanentFailure(text)


def _message(message: Any) -> str:
    if isinstance(message, list):
        return "; ".join(str(m.get("message", m)) if isinstance(m, dict) else str(m) for m in message)
    return str(message)


def _address_lines(address: str) -> dict[str, str]:
    """Notify wants address_line_1..7, the last holding the postcode."""
    lines = [line.strip() for line in address.splitlines() if line.strip()][:7]
    return {f"address_line_{i}": line for i, line in enumerate(lines, start=1)}
