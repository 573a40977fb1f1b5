"""manage.py code_evaluate INPUT.json (or - for standard input): the Victims' Code engine alone.

Prints one JSON document (VICTIMS-CODE.md, "The evaluation contract"). It runs no database
query, so policy staff and acceptance tests can use it on any machine. Bad input exits with
status 2 and one line on standard error, "error: <field>: <problem>", and nothing on standard
output: never a partial result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from victimcare.rights.contract import ContractError, evaluate_document
from victimcare.rights.rule_data import RuleDataError
from victimcare.rights.workdays import default_calendar

BAD_INPUT = 2
BAD_RULES = 1  # the rule files or the area's LOCAL_TARGETS are wrong: not the input's fault


class Command(BaseCommand):
    help = "Evaluate one case against the Victims' Code and print the obligations as JSON."
    # No system checks: they may touch the database, and this command must not.
    requires_system_checks: list[str] = []
    stealth_options = ("stdin",)  # call_command(..., stdin=StringIO(...)) in tests

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="path to the input JSON document, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = _read(options["input"], options.get("stdin") or sys.stdin)
            document = evaluate_document(data, default_calendar())
        except ContractError as exc:
            self.stderr.write(f"error: {_one_line(str(exc))}")
            raise SystemExit(BAD_INPUT) from None
        except RuleDataError as exc:
            self.stderr.write(f"error: {_one_line(str(exc))}")
            raise SystemExit(BAD_RULES) from None
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))


def _read(source: str, stdin: Any) -> Any:
    """The decoded JSON document; ContractError for an unreadable file or invalid JSON."""
    try:
        text = stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise ContractError("input", f"cannot read {source} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ContractError("input", f"{source} is not UTF-8 text") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ContractError(
            "input", f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None


def _reject_constant(name: str) -> Any:
    raise ContractError("input", f"not valid JSON ({name} is not a number)")


def _one_line(message: str) -> str:
    return " ".join(message.split())
