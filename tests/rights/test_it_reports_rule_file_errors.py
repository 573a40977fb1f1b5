"""A broken rule file is refused at load, with the file and the field in the message."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from victimcare.rights.loader import RULES_DIR, RuleDataError, load_rule_file, load_rule_sets

Data = dict[str, Any]


def _original() -> Data:
    data: Data = yaml.safe_load((RULES_DIR / "code_2020.yaml").read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, data: Data, name: str = "code_2020.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _rule(i: int, key: str, value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["rules"][i][key] = value

    return mutate


def _drop(i: int, key: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        del data["rules"][i][key]

    return mutate


def _top(key: str, value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data[key] = value

    return mutate


def _window(i: int, key: str, value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["review_windows"][i][key] = value

    return mutate


def _enhanced(i: int, key: str, value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["enhanced_rights"][i][key] = value

    return mutate


CASES = [
    (_rule(3, "limit", {"kind": "working_days", "standard": "five", "enhanced": 1}),
     "code_2020.yaml: rules[3].limit.standard: must be a whole number"),
    (_rule(3, "limit", {"kind": "working_days", "standard": 2.5, "enhanced": 1}),
     "code_2020.yaml: rules[3].limit.standard: must be a whole number"),
    (_rule(3, "limit", {"kind": "working_days", "standard": 0, "enhanced": 1}),
     "code_2020.yaml: rules[3].limit.standard: must be at least 1"),
    (_rule(3, "limit", {"kind": "fortnights", "standard": 1, "enhanced": 1}),
     "code_2020.yaml: rules[3].limit.kind: unknown limit kind 'fortnights'"),
    (_rule(12, "limit", {"kind": "before_event", "event": "offender_jailed"}),
     "code_2020.yaml: rules[12].limit.event: unknown event type 'offender_jailed'"),
    (_rule(0, "triggers", ["crime_reportd"]),
     "code_2020.yaml: rules[0].triggers[0]: unknown event type 'crime_reportd'"),
    (_rule(0, "triggers", []),
     "code_2020.yaml: rules[0].triggers: must be a list of event types (at least one)"),
    (_rule(2, "fulfilled_by", {"types": ["victim_told"], "about_trigger": True}),
     "code_2020.yaml: rules[2].fulfilled_by.types[0]: unknown event type 'victim_told'"),
    (_rule(1, "not_applicable_after", ["referral_refused"]),
     "code_2020.yaml: rules[1].not_applicable_after[0]: unknown event type 'referral_refused'"),
    (_rule(1, "not_applicable_afer", ["referral_declined_by_victim"]),
     "code_2020.yaml: rules[1].not_applicable_afer: unknown field"),
    (_drop(4, "citation"), "code_2020.yaml: rules[4].citation: is required"),
    (_rule(4, "citation", {"title": "A page", "url": "bedfordshire.pcc.police.uk"}),
     "code_2020.yaml: rules[4].citation.url: must be a web address"),
    (_rule(4, "confidence", "high"), "code_2020.yaml: rules[4].confidence: unknown confidence mark 'high'"),
    (_rule(4, "provider", "courts"), "code_2020.yaml: rules[4].provider: unknown provider 'courts'"),
    (_rule(4, "right", 13), 'code_2020.yaml: rules[4].right: must be a right from 1 to 12, or "review"'),
    (_rule(4, "id", "R6_ARREST"), "code_2020.yaml: rules[4].id: R6_ARREST is already used by rules[2]"),
    (_rule(4, "id", "r6-arrest"),
     "code_2020.yaml: rules[4].id: must be upper-case letters, digits and underscores, e.g. R6_ARREST"),
    (_rule(1, "local_target", {"working_days": 5, "note": "x"}),
     "code_2020.yaml: rules[1].local_target: only a rule with limit: null may have a local target"),
    (_rule(20, "trigger_condition", {"field": "custody_months", "at_least": 12}),
     "code_2020.yaml: rules[20].trigger_condition.field: unknown payload field 'custody_months'"),
    (_rule(20, "trigger_condition", {"field": "hospital_order", "equals": 1}),
     "code_2020.yaml: rules[20].trigger_condition.equals: must be a true or false value"),
    (_rule(20, "trigger_condition", {"any_of": [{"field": "custodial_months", "at_least": "12"}]}),
     "code_2020.yaml: rules[20].trigger_condition.any_of[0].at_least: must be a number"),
    (_enhanced(0, "victim_flag", "grieving"),
     "code_2020.yaml: enhanced_rights[0].victim_flag: unknown victim flag 'grieving'"),
    (_enhanced(1, "victim_flag", "bereaved"),
     "code_2020.yaml: enhanced_rights[1]: needs exactly one of victim_flag, crime_flag or under_age_at_offence"),
    (_top("in_force_from", "1 April 2021"), "code_2020.yaml: in_force_from: must be a date (YYYY-MM-DD)"),
    (_top("in_force_until", "2020-01-01"), "code_2020.yaml: in_force_until: must be after in_force_from"),
    (_top("rules", []), "code_2020.yaml: rules: must be a list of rules"),
    (_window(1, "ask_promptly_working_days", "ten"),
     "code_2020.yaml: review_windows[1].ask_promptly_working_days: must be a whole number"),
    (_window(0, "ask_within_months", 0), "code_2020.yaml: review_windows[0].ask_within_months: must be at least 1"),
    (_window(0, "decided_by", "court"), "code_2020.yaml: review_windows[0].decided_by: unknown decision maker 'court'"),
    (_window(2, "decision", "cps_decision_not_to_charge"),
     "code_2020.yaml: review_windows[2].decision: cps_decision_not_to_charge already has a window at review_windows[1]"),
    (_window(0, "decision", "suspect_let_off"), "code_2020.yaml: review_windows[0].decision: unknown event type 'suspect_let_off'"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "message"), CASES, ids=[message for _, message in CASES])
def test_it_names_the_file_and_the_field(
    tmp_path: Path, mutate: Callable[[Data], None], message: str
) -> None:
    data = _original()
    mutate(data)
    with pytest.raises(RuleDataError, match=f"^{re.escape(message)}$"):
        load_rule_file(_write(tmp_path, data))


def test_it_reports_where_the_yaml_is_broken(tmp_path: Path) -> None:
    path = tmp_path / "code_2020.yaml"
    path.write_text("version: '2020'\nrules:\n  - id: [R4\n", encoding="utf-8")
    with pytest.raises(
        RuleDataError, match=r"^code_2020\.yaml: not valid YAML \(.* at line \d+, column \d+\)$"
    ):
        load_rule_file(path)


def test_it_refuses_overlapping_versions(tmp_path: Path) -> None:
    _write(tmp_path, _original())
    _write(tmp_path, {**_original(), "version": "2026", "in_force_from": "2026-09-01"}, "code_2026.yaml")
    with pytest.raises(RuleDataError, match=r"code_2026\.yaml: in_force_from: overlaps version 2020"):
        load_rule_sets(tmp_path)


def test_it_refuses_a_folder_with_no_rule_files(tmp_path: Path) -> None:
    with pytest.raises(RuleDataError, match=r"no code_\*\.yaml rule files"):
        load_rule_sets(tmp_path)
