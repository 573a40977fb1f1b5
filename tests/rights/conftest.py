"""Shared helpers for the Victims' Code engine tests.

The engine tests use no database: pytest-django refuses any query from a test not marked
with `db`, which is how these tests prove the engine and code_evaluate are pure.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command

from victimcare.rights.workdays import WorkingDayCalendar, default_calendar


@dataclass(frozen=True)
class CommandResult:
    status: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def _run_code_evaluate(document: Any) -> CommandResult:
    """Run `manage.py code_evaluate -` on a JSON document (or raw text) and capture everything."""
    text = document if isinstance(document, str) else json.dumps(document)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("code_evaluate", "-", stdin=io.StringIO(text), stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = int(exc.code or 0)
    return CommandResult(status, out.getvalue(), err.getvalue())


@pytest.fixture
def run_code_evaluate() -> Callable[[Any], CommandResult]:
    """Run `manage.py code_evaluate -` on a JSON document (or raw text); returns status and output."""
    return _run_code_evaluate


@pytest.fixture(scope="session")
def calendar() -> WorkingDayCalendar:
    return default_calendar()


@pytest.fixture
def example_input() -> dict[str, Any]:
    """The input document from VICTIMS-CODE.md, "The evaluation contract"."""
    return {
        "as_of": "2026-04-10T12:00:00+01:00",
        "victim": {"date_of_birth": "2012-06-01", "flags": [], "enhanced_override": None},
        "crime": {"occurred_on": "2026-03-30", "flags": ["domestic_abuse"]},
        "events": [
            {"id": "e1", "type": "crime_reported", "at": "2026-04-01T10:00:00+01:00"},
            {"id": "e2", "type": "suspect_arrested", "at": "2026-04-02T14:00:00+01:00"},
            {"id": "e3", "type": "victim_informed", "at": "2026-04-07T09:00:00+01:00", "about": "e2"},
        ],
    }
