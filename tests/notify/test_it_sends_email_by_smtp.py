"""The SMTP transport against a real local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.notify.conftest import record
from victimcare.notify import services
from victimcare.notify.channels.smtp import message_id_for
from victimcare.notify.models import Status

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.received: list[Envelope] = []
        self.refuse: str = ""

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.received.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.NOTIFY_TRANSPORT = "smtp"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", controller.port, False
    settings.NOTIFY_FROM_EMAIL = "victim-care@durham-opcc.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    yield inbox
    controller.stop()


def test_it_sends_the_update_by_smtp_with_a_message_id_from_the_outbox_row(
    smtp_server, victim_case, personas, tuesday
):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.DELIVERED and msg.transport == "smtp"
    (envelope,) = smtp_server.received
    assert envelope.rcpt_tos == ["jane@example.com"]
    email = message_from_bytes(envelope.original_content)
    assert email["Message-ID"] == message_id_for(msg.id) == f"<outbox-{msg.id}@durham-opcc.example>"
    assert email["From"] == "Victim Care and Advice Service <victim-care@durham-opcc.example>"
    assert email["Subject"] == "An update about your crime report DU/00100/26"
    assert "The police have arrested someone" in email.get_payload(decode=True).decode()
    assert msg.provider_reference == message_id_for(msg.id)


def test_it_records_a_refused_address_as_a_permanent_failure(smtp_server, victim_case, personas, tuesday):
    smtp_server.refuse = "550 5.1.1 No such mailbox"
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.FAILED
    assert msg.last_error == "The mail server refused the address: 550 5.1.1 No such mailbox"


def test_it_retries_when_the_server_says_try_later(smtp_server, victim_case, personas, tuesday):
    smtp_server.refuse = "451 4.3.0 Try again later"
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.QUEUED and msg.attempts == 1
    assert "451" in msg.last_error


def test_it_retries_when_the_server_is_down(settings, victim_case, personas, tuesday):
    settings.NOTIFY_TRANSPORT = "smtp"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens here
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.QUEUED and msg.last_error.startswith("Could not reach the mail server")


def test_it_cannot_send_a_text_message_by_smtp(smtp_server, victim_case_factory, personas, tuesday):
    vcase = victim_case_factory(reference="DU/00400/26", preferred="sms")
    msg = record(vcase, "suspect_arrested", personas["olly"])
    services.outbox_drain()
    msg.refresh_from_db()
    assert msg.status == Status.FAILED and "cannot send a text message" in msg.last_error
