"""code_evaluate prints the contract's one JSON document, from a file or standard input, and
touches no database (these tests are not marked `db`, so pytest-django would fail any query)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]

# The two rows printed in VICTIMS-CODE.md's example output (it leaves out the Right 3 row).
CONTRACT_ROWS = [
    {
        "rule": "R4_REFERRAL",
        "right": 4,
        "provider": "police",
        "trigger": "e1",
        "due": "2026-04-07",
        "status": "overdue",
        "fulfilled_by": None,
    },
    {
        "rule": "R6_ARREST",
        "right": 6,
        "provider": "police",
        "trigger": "e2",
        "due": "2026-04-07",
        "status": "met",
        "fulfilled_by": "e3",
    },
]


def rows_with_a_clock(output: dict[str, Any]) -> list[dict[str, Any]]:
    """The contract's example shows the obligations with a Code clock; Rights 2, 3 and 5 (done /
    not done, VICTIMS-CODE.md's second table) are left out of it."""
    return [row for row in output["obligations"] if row["due"] is not None]


def test_it_prints_the_contract_example(example_input: dict[str, Any], run_code_evaluate: Any) -> None:
    result = run_code_evaluate(example_input)
    assert (result.status, result.stderr) == (0, "")
    output = result.json()
    assert list(output) == ["code_version", "enhanced", "enhanced_reasons", "obligations"]
    assert output["code_version"] == "2020"
    assert output["enhanced"] is True
    assert output["enhanced_reasons"] == [
        "most_serious_crime:domestic_abuse",
        "vulnerable:under_18",
        "intimidated:domestic_abuse",
    ]
    assert rows_with_a_clock(output) == CONTRACT_ROWS


def test_it_reads_a_file_as_well_as_standard_input(
    example_input: dict[str, Any], run_code_evaluate: Any, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(example_input), encoding="utf-8")
    call_command("code_evaluate", str(path))
    assert json.loads(capsys.readouterr().out) == run_code_evaluate(example_input).json()


def test_it_exits_with_status_2_from_the_command_line(example_input: dict[str, Any], tmp_path: Path) -> None:
    example_input["events"][2]["about"] = "e9"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(example_input), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "manage.py", "code_evaluate", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"SECRET_KEY": "code-evaluate-test", **os.environ},
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == 'error: events[2].about: names no event ("e9")\n'


def test_it_prints_json_from_the_command_line(example_input: dict[str, Any]) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "code_evaluate", "-"],
        cwd=REPO,
        input=json.dumps(example_input),
        capture_output=True,
        text=True,
        env={"SECRET_KEY": "code-evaluate-test", **os.environ},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert rows_with_a_clock(json.loads(done.stdout)) == CONTRACT_ROWS


def test_it_runs_without_a_secret_key(example_input: dict[str, Any]) -> None:
    """The contract: the engine alone "needs no secret or settings of a deployment"."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    done = subprocess.run(
        [sys.executable, "manage.py", "code_evaluate", "-"],
        cwd=REPO,
        input=json.dumps(example_input),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert rows_with_a_clock(json.loads(done.stdout)) == CONTRACT_ROWS


def test_it_still_needs_a_secret_key_for_other_commands() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode != 0 and "SECRET_KEY" in done.stderr
