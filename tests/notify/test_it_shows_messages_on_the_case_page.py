"""The case page's messages panel (templates/notify/_case_messages.html, included by the case
page): the latest messages, their statuses and reasons, and a warning when some need attention."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from tests.notify.conftest import record
from victimcare.notify.models import OutboundMessage

pytestmark = pytest.mark.django_db


def test_it_lists_messages_with_reasons_and_warns_about_held_ones(victim_case, personas, tuesday):
    msg = record(victim_case, "suspect_arrested", personas["olly"])
    OutboundMessage.objects.filter(pk=msg.pk).update(
        status="held", hold_reason="The victim does not want letters"
    )
    html = render_to_string("notify/_case_messages.html", {"case": victim_case, "can_write": True})
    assert "Messages to the victim" in html
    assert "1 message could not be sent" in html
    assert "The victim does not want letters" in html and "Send again" in html
    assert f"/messages/cases/{victim_case.id}/preferences/" in html


def test_it_says_when_there_are_no_messages(victim_case):
    html = render_to_string("notify/_case_messages.html", {"case": victim_case, "can_write": False})
    assert "No messages have been written for this case." in html
    assert "preferences" not in html
