"""The one small interface every transport implements.

A transport takes an `Outgoing` (plain data: never a model, so a transport cannot reach past
what it is given) and either returns a `SendResult` or raises `TemporaryFailure` (the worker
retries later, with backoff) or `PermanentFailure` (the message is marked failed and shown to
staff). `find_previous` lets the worker ask, after a crash, whether an earlier attempt of the
same message already got through (docs/adr/0013); a transport that cannot tell returns None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Outgoing:
    message_id: int
    organisation_id: int
    channel: str  # email, sms, letter
    to_address: str  # email address, phone number, or the postal address lines
    sender_name: str
    subject: str
    body: str


@dataclass(frozen=True)
class SendResult:
    provider_reference: str = ""
    # True when handing over is delivery as far as we will ever know (the mailbox stored it;
    # an SMTP relay accepted it). False when the provider will call back (Notify).
    delivered: bool = False


class TransportError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TemporaryFailure(TransportError):
    """Try again later: the provider is down, slow or rate-limiting."""


class PermanentFailure(TransportError):
    """Trying again will not help: a bad address, a refused recipient, a rejected request."""


class Transport(Protocol):
    name: str
    channels: frozenset[str]

    def send(self, message: Outgoing) -> SendResult: ...

    def find_previous(self, message: Outgoing) -> SendResult | None: ...
