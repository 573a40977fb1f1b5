"""The OPCC's administrator sees the retention schedule, starting from the documented defaults,
and changes a period with the reason; bad input is a clear error and changes nothing."""

from __future__ import annotations

import pytest

from victimcare.audit.models import AuditEvent
from victimcare.dataprotection.models import RetentionRule
from victimcare.dataprotection.retention import DEFAULTS

pytestmark = pytest.mark.django_db


def test_it_shows_the_defaults_and_changes_a_period(personas, client_for):
    adam = client_for("adam")
    page = adam.get("/data-protection/retention/schedule/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Default" in body and f"{DEFAULTS['case'].months} months" in body
    r = adam.post(
        "/data-protection/retention/schedule/case/",
        {"months": "120", "reason": "The force keeps serious case records for ten years"},
    )
    assert r.status_code == 302
    rule = RetentionRule.objects.get(record_type="case")
    assert rule.months == 120 and rule.updated_by == personas["adam"]
    assert AuditEvent.objects.filter(
        object_type="retentionrule", detail="retention: schedule changed"
    ).exists()
    assert "120 months" in adam.get("/data-protection/retention/schedule/").content.decode()


@pytest.mark.parametrize(
    ("months", "reason", "error"),
    [
        ("0", "x", "Enter a number of months from 1 to 1200"),
        ("abc", "x", "Enter the number of months as a whole number"),
        ("99999999999999999999", "x", "Enter a number of months from 1 to 1200"),
        ("72", "", "Enter why records of this type are kept this long"),
    ],
)
def test_it_refuses_bad_input_clearly(personas, client_for, months, reason, error):
    r = client_for("adam").post(
        "/data-protection/retention/schedule/message/", {"months": months, "reason": reason}
    )
    assert r.status_code == 200 and error in r.content.decode()
    assert not RetentionRule.objects.exists()


def test_an_unknown_record_type_is_not_found(personas, client_for):
    assert client_for("adam").get("/data-protection/retention/schedule/nothing/").status_code == 404
