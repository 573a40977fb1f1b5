"""Every plain-English scenario in scenarios/*.yaml, run through the code_evaluate command.

A scenario file holds one or more YAML documents, each with `name`, `input` (the contract's input
document) and `expected`: either {enhanced, reasons, obligations[, override_reason]} or
{error: "<the one line after 'error: '>"}. Obligation rows give rule, trigger and status; due and
fulfilled_by are null unless given; right, provider and local_target are checked when given.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
ROW_DEFAULTS = {"due": None, "fulfilled_by": None}


def _plain(value: Any) -> Any:
    """YAML turns unquoted dates into date objects; the contract speaks ISO strings."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _scenarios() -> list[Any]:
    params = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            params.append(pytest.param(_plain(document), id=f"{path.stem}: {document['name']}"))
    return params


def _row(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, Any]:
    """The actual row, cut down to the keys the scenario checks."""
    wanted = {**ROW_DEFAULTS, **expected}
    return {key: actual.get(key) for key in wanted}


@pytest.mark.parametrize("scenario", _scenarios())
def test_it_evaluates_the_scenario(scenario: dict[str, Any], run_code_evaluate: Any) -> None:
    result = run_code_evaluate(scenario["input"])
    expected = scenario["expected"]
    if "error" in expected:
        assert (result.status, result.stdout) == (2, "")
        assert result.stderr == f"error: {expected['error']}\n"
        return
    assert result.status == 0, result.stderr
    output = result.json()
    assert output["code_version"] == expected.get("code_version", "2020")
    assert output["enhanced"] == expected["enhanced"]
    assert output["enhanced_reasons"] == expected["reasons"]
    assert output.get("override_reason") == expected.get("override_reason")
    rows = output["obligations"]
    wanted = [{**ROW_DEFAULTS, **row} for row in expected["obligations"]]
    assert [_row(w, a) for w, a in zip(wanted, rows, strict=False)] == wanted
    assert len(rows) == len(wanted), rows[len(wanted) :]


def test_it_has_a_scenario_for_every_rule() -> None:
    from victimcare.rights.loader import default_rule_sets

    covered = set()
    for param in _scenarios():
        expected = param.values[0]["expected"]
        covered |= {row["rule"] for row in expected.get("obligations", [])}
    assert {rule.id for rule in default_rule_sets().versions[0].rules} <= covered
