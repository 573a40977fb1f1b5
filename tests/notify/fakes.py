"""A transport that counts what it sends, in a file shared between processes and threads
(one line per send, appended atomically), and can remember earlier sends like Notify does."""

from __future__ import annotations

import os
import time

from victimcare.notify.channels.base import Outgoing, SendResult

COUNT_FILE_ENV = "NOTIFY_COUNT_FILE"


class CountingTransport:
    name = "counting"
    channels = frozenset({"email", "sms", "letter"})
    delay = float(os.environ.get("NOTIFY_COUNT_DELAY", "0.002"))  # widens the race window

    def send(self, message: Outgoing) -> SendResult:
        time.sleep(self.delay)
        with open(os.environ[COUNT_FILE_ENV], "a", encoding="utf-8") as handle:
            handle.write(f"{message.message_id}\n")
        return SendResult(provider_reference=f"count-{message.message_id}", delivered=True)

    def find_previous(self, message: Outgoing) -> SendResult | None:
        return None  # like SMTP: cannot tell (the crash tests use the mailbox for exactly-once)


def sends(path: str) -> list[int]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return [int(line) for line in handle if line.strip()]


class ScriptedTransport:
    """Fails as scripted: each send pops the next item of `script` ("temporary", "permanent" or
    "ok"); tests set the script on the class."""

    name = "scripted"
    channels = frozenset({"email", "sms", "letter"})
    script: list[str] = []
    sent: list[int] = []

    def send(self, message: Outgoing) -> SendResult:
        from victimcare.notify.channels.base import PermanentFailure, TemporaryFailure

        step = self.script.pop(0) if self.script else "ok"
        if step == "temporary":
            raise TemporaryFailure("The provider is not answering (test)")
        if step == "permanent":
            raise PermanentFailure("GOV.UK Notify said 400: phone_number Not a UK mobile number")
        self.sent.append(message.message_id)
        return SendResult(provider_reference=f"scripted-{message.message_id}", delivered=True)

    def find_previous(self, message: Outgoing) -> SendResult | None:
        return None


class MailboxThenHang:
    """Stores the message in the mailbox like the demo transport, notes it, then hangs, so a
    test can SIGKILL the worker after the send and before the row is marked sent."""

    name = "mailbox-then-hang"
    channels = frozenset({"email", "sms", "letter"})

    def send(self, message: Outgoing) -> SendResult:
        from victimcare.notify.channels.mailbox import MailboxTransport

        result = MailboxTransport().send(message)
        with open(os.environ[COUNT_FILE_ENV], "a", encoding="utf-8") as handle:
            handle.write(f"{message.message_id}\n")
        time.sleep(float(os.environ.get("NOTIFY_HANG_SECONDS", "60")))
        return result

    def find_previous(self, message: Outgoing) -> SendResult | None:
        from victimcare.notify.channels.mailbox import MailboxTransport

        return MailboxTransport().find_previous(message)
