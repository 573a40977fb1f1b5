"""Transports by name, and which one an organisation uses (settings: NOTIFY_TRANSPORT,
NOTIFY_ORGANISATION_TRANSPORTS, NOTIFY_EXTRA_TRANSPORTS)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from victimcare.notify.channels.base import (
    Outgoing,
    PermanentFailure,
    SendResult,
    TemporaryFailure,
    Transport,
    TransportError,
)
from victimcare.notify.channels.mailbox import MailboxTransport
from victimcare.notify.channels.notify import NotifyTransport
from victimcare.notify.channels.smtp import SmtpTransport

__all__ = [
    "Outgoing",
    "PermanentFailure",
    "SendResult",
    "TemporaryFailure",
    "Transport",
    "TransportError",
    "transport_for",
    "transport_name_for",
]

BUILT_IN: dict[str, Callable[[], Transport]] = {
    "mailbox": MailboxTransport,
    "smtp": SmtpTransport,
    "notify": NotifyTransport,
}


def transport_name_for(organisation_id: int) -> str:
    return str(settings.NOTIFY_ORGANISATION_TRANSPORTS.get(organisation_id, settings.NOTIFY_TRANSPORT))


def transport_by_name(name: str) -> Transport:
    if name in settings.NOTIFY_EXTRA_TRANSPORTS:
        extra: Transport = import_string(settings.NOTIFY_EXTRA_TRANSPORTS[name])()
        return extra
    if name not in BUILT_IN:
        raise PermanentFailure(f"No transport called {name!r} is set up")
    return BUILT_IN[name]()


def transport_for(organisation_id: int) -> Transport:
    return transport_by_name(transport_name_for(organisation_id))


def mailbox_in_use() -> bool:
    """True if any organisation's messages go to the demo mailbox (shows its page in the menu)."""
    names = {settings.NOTIFY_TRANSPORT, *settings.NOTIFY_ORGANISATION_TRANSPORTS.values()}
    return "mailbox" in names
