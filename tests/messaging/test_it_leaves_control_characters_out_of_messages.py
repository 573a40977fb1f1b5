"""A NUL byte (which PostgreSQL cannot store) or another control character in a message is left
out, the same on every database and by every way in, rather than a server error on one database
and a stored oddity on the other."""

from __future__ import annotations

import pytest

from victimcare.messaging.models import Message
from victimcare.messaging.services import message_send_from_staff

pytestmark = pytest.mark.django_db


def test_it_leaves_a_nul_byte_out_of_a_staff_reply(client_for, case_a, personas):
    response = client_for("cara").post(f"/cases/{case_a.id}/messages/", {"body": "Call me\x00 after six"})
    assert response.status_code == 302
    message_send_from_staff(actor=personas["cara"], case=case_a, body="\x00\x07Second\tline\n")
    assert list(Message.objects.order_by("id").values_list("body", flat=True)) == [
        "Call me after six",
        "Second\tline",
    ]


def test_a_message_of_nothing_but_control_characters_is_refused_as_empty(client_for, case_a):
    response = client_for("cara").post(f"/cases/{case_a.id}/messages/", {"body": "\x00\x01"})
    assert response.status_code == 200
    assert "Enter your message" in response.content.decode()
    assert not Message.objects.exists()
