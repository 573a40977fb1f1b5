"""The CPS review's clocks are local targets the area sets (settings LOCAL_TARGETS): never a Code
limit, never in the statutory figure, and a mistake in them is refused naming the rule
(docs/adr/0059). code_evaluate reads them too, and still needs no secret."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from victimcare.rights.engine import compliance_rate, count_statuses, evaluate
from victimcare.rights.facts import Crime, Event, Victim
from victimcare.rights.loader import (
    RuleDataError,
    default_rule_sets,
    load_rule_sets,
    parse_local_targets,
    with_local_targets,
)
from victimcare.rights.workdays import LONDON, WorkingDayCalendar

REPO = Path(__file__).resolve().parents[2]


def test_it_reads_the_areas_targets():
    assert parse_local_targets("VRR_CPS_ACK=10, VRR_CPS_DECISION=none") == {
        "VRR_CPS_ACK": 10,
        "VRR_CPS_DECISION": None,
    }
    assert parse_local_targets("") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("VRR_CPS_ACK", "LOCAL_TARGETS: VRR_CPS_ACK: must be RULE=working days, e.g. VRR_CPS_ACK=10"),
        (
            "VRR_CPS_ACK=ten",
            "LOCAL_TARGETS: VRR_CPS_ACK=ten: the working days must be a whole number of at least 1, or none",
        ),
        (
            "VRR_CPS_ACK=0",
            "LOCAL_TARGETS: VRR_CPS_ACK=0: the working days must be a whole number of at least 1, or none",
        ),
    ],
)
def test_it_refuses_a_malformed_target_naming_it(text, message):
    with pytest.raises(RuleDataError, match=f"^{message}$"):
        parse_local_targets(text)


def test_it_refuses_a_target_for_an_unknown_rule_or_one_with_a_code_clock():
    rules = load_rule_sets()
    with pytest.raises(RuleDataError, match=r"^LOCAL_TARGETS: VRR_CPS_ACKK: no such rule$"):
        with_local_targets(rules, {"VRR_CPS_ACKK": 10})
    with pytest.raises(RuleDataError, match="R4_REFERRAL: has a Code time limit"):
        with_local_targets(rules, {"R4_REFERRAL": 1})


def test_it_judges_the_cps_review_against_the_areas_targets_apart_from_the_code(calendar: WorkingDayCalendar):
    rules = with_local_targets(load_rule_sets(), {"VRR_CPS_ACK": 5, "VRR_CPS_DECISION": 20})
    events = [
        Event(
            "e1", "vrr_requested", datetime(2026, 6, 1, 10, tzinfo=LONDON), payload={"decision_maker": "cps"}
        ),
        Event("e2", "vrr_acknowledged", datetime(2026, 6, 10, 10, tzinfo=LONDON), about="e1"),
    ]
    result = evaluate(
        Victim(), Crime(date(2026, 5, 30)), events, datetime(2026, 7, 20, tzinfo=LONDON), calendar, rules
    )
    ack, decision = result.obligations
    assert (ack.rule, ack.due, ack.status) == ("VRR_CPS_ACK", None, "done")
    assert ack.local_target is not None and (ack.local_target.due.isoformat(), ack.local_target.status) == (
        "2026-06-08",
        "late",
    )
    assert decision.local_target is not None and decision.local_target.working_days == 20
    assert decision.local_target.status == "overdue"
    # Done / not done: nothing here is in the statutory rate.
    assert compliance_rate(count_statuses(result.obligations)) is None
    notes = {
        r.local_target.note for r in rules.versions[0].rules if r.id.startswith("VRR_CPS") and r.local_target
    }
    assert notes == {"Local target set by the area, not statutory"}


def _run(env: dict[str, str], document: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "code_evaluate", "-"],
        cwd=REPO,
        input=json.dumps(document),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_it_gives_code_evaluate_rights_1_2_5_and_the_areas_targets_without_a_secret_key():
    document = {
        "as_of": "2026-07-20T12:00:00+01:00",
        "victim": {"date_of_birth": None, "flags": [], "enhanced_override": None},
        "crime": {"occurred_on": "2026-05-30", "flags": []},
        "events": [
            {"id": "e1", "type": "crime_reported", "at": "2026-06-01T10:00:00+01:00"},
            {"id": "e2", "type": "communication_need_identified", "at": "2026-06-01T11:00:00+01:00",
             "payload": {"need": "interpreter"}},
            {"id": "e3", "type": "vrr_requested", "at": "2026-06-01T12:00:00+01:00",
             "payload": {"decision_maker": "cps"}},
        ],
    }  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    env["LOCAL_TARGETS"] = "VRR_CPS_ACK=10"
    done = _run(env, document)
    assert done.returncode == 0, done.stderr
    rows = {row["rule"]: row for row in json.loads(done.stdout)["obligations"]}
    assert {"R1_COMMUNICATION", "R2_CRIME_RECORDED", "R5_COMPENSATION_INFO"} <= set(rows)
    assert rows["R2_CRIME_RECORDED"]["local_target"]["working_days"] == 1
    assert rows["VRR_CPS_ACK"]["due"] is None and rows["VRR_CPS_ACK"]["local_target"]["working_days"] == 10
    env["LOCAL_TARGETS"] = "VRR_CPS_ACK=soon"
    refused = _run(env, document)
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr == (
        "error: LOCAL_TARGETS: VRR_CPS_ACK=soon: the working days must be a whole number of at least 1, or none\n"
    )


def test_it_stops_the_service_at_start_on_a_bad_target(settings):
    from victimcare.rights.apps import check_rule_data
    from victimcare.rights.loader import default_rule_sets

    settings.LOCAL_TARGETS = "R4_REFERRAL=3"
    try:
        (error,) = check_rule_data()
        assert error.id == "rights.E001" and "R4_REFERRAL: has a Code time limit" in error.msg
    finally:
        settings.LOCAL_TARGETS = ""
        default_rule_sets.cache_clear()
    assert check_rule_data() == []


def test_it_ships_the_cps_decisions_usual_aim_and_no_acknowledgement_time():
    decision = default_rule_sets().versions[0].rule("VRR_CPS_DECISION")
    assert decision.local_target is not None and decision.local_target.working_days == 30
    assert default_rule_sets().versions[0].rule("VRR_CPS_ACK").local_target is None
