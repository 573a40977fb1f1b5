"""code_evaluate refuses bad input with exit status 2 and one line naming the field, and prints
nothing on standard output: never a partial result (VICTIMS-CODE.md, "The evaluation contract")."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command

Document = dict[str, Any]
DELETE = object()  # a mutation value meaning "remove the field"


def _set(path: str, value: Any) -> Callable[[Document], None]:
    """A mutation that sets (or, with value=DELETE, removes) a field given as "a.b[2].c"."""

    def mutate(document: Document) -> None:
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        node: Any = document
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is DELETE:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return mutate


BAD_INPUTS = [
    ("events[1].type", "suspect_arested", 'events[1].type: unknown event type "suspect_arested"'),
    ("events[2].about", "e9", 'events[2].about: names no event ("e9")'),
    ("as_of", "10/04/2026", 'as_of: must be a date-time like 2026-04-01T10:00:00+01:00, not "10/04/2026"'),
    (
        "events[0].at",
        "2026-02-30T10:00:00Z",
        'events[0].at: is not a real date-time ("2026-02-30T10:00:00Z")',
    ),
    (
        "events[0].at",
        "2026-04-01T10:00:00",
        'events[0].at: needs a UTC offset, e.g. +01:00 or Z ("2026-04-01T10:00:00")',
    ),
    (
        "events[0].at",
        1775034000,
        "events[0].at: must be a date-time like 2026-04-01T10:00:00+01:00, not 1775034000",
    ),
    (
        "crime.occurred_on",
        "30/03/2026",
        'crime.occurred_on: must be a date like 2026-04-01, not "30/03/2026"',
    ),
    ("victim.date_of_birth", "2012-13-01", 'victim.date_of_birth: is not a real date ("2012-13-01")'),
    ("events[0].at", DELETE, "events[0].at: is missing"),
    ("crime", DELETE, "crime: is missing"),
    ("events", {"e1": {}}, "events: must be a list"),
    ("events[0]", "crime_reported", "events[0]: must be an object"),
    ("events[0].id", 7, "events[0].id: must be a non-empty string"),
    ("events[1].id", "e1", 'events[1].id: "e1" is already used by events[0]'),
    ("events[0].abuot", "e2", "events[0].abuot: unknown field"),
    ("victim.flags", "bereaved", "victim.flags: must be a list"),
    ("victim.flags", ["vulnerable"], 'victim.flags[0]: unknown victim flag "vulnerable"'),
    ("crime.flags", ["domestic-abuse"], 'crime.flags[0]: unknown crime flag "domestic-abuse"'),
    (
        "victim.enhanced_override",
        {"enhanced": "yes", "reason": "x"},
        "victim.enhanced_override.enhanced: must be true or false",
    ),
    ("victim.enhanced_override", {"enhanced": True}, "victim.enhanced_override.reason: is missing"),
    ("events[0].corrects", "e3", 'events[0].corrects: must name an earlier event ("e3")'),
    ("events[2].corrects", "e7", 'events[2].corrects: names no event ("e7")'),
    ("events[1].payload", [], "events[1].payload: must be an object"),
    ("events[1].type", "\nsuspect\narrested", 'events[1].type: unknown event type "\\nsuspect\\narrested"'),
]


def _offender_sentenced(payload: dict[str, Any]) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        document["events"].append(
            {"id": "e4", "type": "offender_sentenced", "at": "2026-09-01T10:00:00+01:00", "payload": payload}
        )

    return mutate


PAYLOADS = [
    ({"custodial_months": "12"}, 'events[3].payload.custodial_months: must be a number, not "12"'),
    ({"custodial_months": True}, "events[3].payload.custodial_months: must be a number, not true"),
    ({"hospital_order": 1}, "events[3].payload.hospital_order: must be true or false, not 1"),
]


def _assert_refused(result: Any, line: str) -> None:
    assert result.status == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {line}\n"


@pytest.mark.parametrize(("path", "value", "line"), BAD_INPUTS, ids=[line for *_, line in BAD_INPUTS])
def test_it_refuses_the_input_and_names_the_field(
    example_input: Document, run_code_evaluate: Any, path: str, value: Any, line: str
) -> None:
    document = copy.deepcopy(example_input)
    _set(path, value)(document)
    _assert_refused(run_code_evaluate(document), line)


@pytest.mark.parametrize(("payload", "line"), PAYLOADS, ids=[line for _, line in PAYLOADS])
def test_it_checks_the_payload_fields_the_rules_read(
    example_input: Document, run_code_evaluate: Any, payload: dict[str, Any], line: str
) -> None:
    _offender_sentenced(payload)(example_input)
    _assert_refused(run_code_evaluate(example_input), line)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{"as_of": ', "input: not valid JSON (Expecting value at line 1 column 11)"),
        ("[]", "input: must be an object"),
        ('{"as_of": NaN}', "input: not valid JSON (NaN is not a number)"),
        ("", "input: not valid JSON (Expecting value at line 1 column 1)"),
    ],
)
def test_it_refuses_a_document_that_is_not_json_or_not_an_object(
    run_code_evaluate: Any, text: str, line: str
) -> None:
    _assert_refused(run_code_evaluate(text), line)


def test_it_refuses_a_file_it_cannot_read(tmp_path: Any, capsys: Any) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(SystemExit) as exit_info:
        call_command("code_evaluate", str(missing))
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"error: input: cannot read {missing} (No such file or directory)\n"


def test_it_refuses_two_corrections_of_the_same_event(
    example_input: Document, run_code_evaluate: Any
) -> None:
    example_input["events"][1]["corrects"] = "e1"
    example_input["events"][2]["corrects"] = "e1"
    _assert_refused(
        run_code_evaluate(example_input), 'events[2].corrects: "e1" is already corrected by events[1]'
    )


def test_it_names_a_review_request_whose_decision_maker_is_not_text(tmp_path):
    from victimcare.rights.contract import ContractError, parse_request

    document = {
        "as_of": "2026-06-03T12:00:00+01:00",
        "victim": {"date_of_birth": None, "flags": []},
        "crime": {"occurred_on": "2026-01-30", "flags": []},
        "events": [
            {
                "id": "e1",
                "type": "vrr_requested",
                "at": "2026-06-01T10:00:00+01:00",
                "payload": {"decision_maker": 3},
            }
        ],
    }
    with pytest.raises(ContractError) as err:
        parse_request(document)
    assert err.value.field == "events[0].payload.decision_maker"
