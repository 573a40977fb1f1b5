"""On review a case may be kept for longer, to a date and with the reason: it leaves the queue
until that date and comes back after it. A date in the past is refused with a clear error."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.dataprotection.retention_support import later
from tests.factories import local
from victimcare.dataprotection.models import Decision, RetentionDecision

pytestmark = pytest.mark.django_db

URL = "/data-protection/retention/cases/{}/"


def _keep(client, case_id, day: date, reason="The family asked us to wait for the appeal"):
    return client.post(
        URL.format(case_id),
        {
            "action": "decide",
            "decide-decision": "keep",
            "decide-keep_until_day": day.day,
            "decide-keep_until_month": day.month,
            "decide-keep_until_year": day.year,
            "decide-reason": reason,
        },
    )


def test_it_keeps_a_case_until_a_later_date(personas, seeded, client_for):
    ref = seeded.crime.crime_reference
    with later():
        adam = client_for("adam")
        assert _keep(adam, seeded.id, date(2034, 1, 1)).status_code == 302
        assert ref not in adam.get("/data-protection/retention/").content.decode()
    decision = RetentionDecision.objects.get(case=seeded)
    assert decision.decision == Decision.KEEP and decision.decided_by == personas["adam"]
    with time_machine.travel(local(2034, 1, 2, 9, 0), tick=False):
        assert ref in client_for("adam").get("/data-protection/retention/").content.decode()


def test_it_refuses_to_keep_until_a_past_date(personas, seeded, client_for):
    with later():
        r = _keep(client_for("adam"), seeded.id, date(2030, 1, 1))
        assert r.status_code == 200
        assert "Enter a date in the future" in r.content.decode()
        r = client_for("adam").post(
            URL.format(seeded.id),
            {
                "action": "decide",
                "decide-decision": "keep",
                "decide-keep_until_day": "99999999999",
                "decide-keep_until_month": "1",
                "decide-keep_until_year": "2034",
                "decide-reason": "x",
            },
        )
        assert r.status_code == 200
    assert not RetentionDecision.objects.exists()
