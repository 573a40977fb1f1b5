"""A sent message is never changed or deleted: only the other side's read time is recorded."""

from __future__ import annotations

import pytest

from victimcare.messaging.models import Message, MessageEditError
from victimcare.messaging.services import message_send_from_staff

pytestmark = pytest.mark.django_db


def test_it_refuses_to_change_or_delete_a_message(victim_case, personas):
    message = message_send_from_staff(actor=personas["cara"], case=victim_case, body="Hello")
    message.body = "Something else"
    with pytest.raises(MessageEditError):
        message.save()
    with pytest.raises(MessageEditError):
        message.save(update_fields=["body"])
    with pytest.raises(MessageEditError):
        message.delete()
    assert Message.objects.get().body == "Hello"


def test_it_records_when_a_message_is_read(victim_case, personas):
    from django.utils import timezone

    message = message_send_from_staff(actor=personas["cara"], case=victim_case, body="Hello")
    message.read_at = timezone.now()
    message.save(update_fields=["read_at"])
    assert Message.objects.get().read_at is not None
