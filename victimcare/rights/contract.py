"""The code_evaluate JSON contract: validate the input document and render the output document.

VICTIMS-CODE.md, "The evaluation contract". Parsing is strict and all-or-nothing: the first
problem raises ContractError, whose message names the field, e.g.
'events[2].about: names no event ("e9")'. Unknown fields are errors too, so a misspelt `about`
can never quietly turn a met obligation into an overdue one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from victimcare.rights.engine import evaluate
from victimcare.rights.facts import Crime, EnhancedOverride, Event, Victim
from victimcare.rights.loader import NoCodeVersionError, RuleSets
from victimcare.rights.outcomes import Evaluation, Obligation
from victimcare.rights.vocabulary import CRIME_FLAGS, EVENT_TYPES, PAYLOAD_FIELDS, VICTIM_FLAGS
from victimcare.rights.workdays import CalendarRangeError, WorkingDayCalendar

T = TypeVar("T")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


class ContractError(ValueError):
    """Bad input: `field` is the path of the offending field (e.g. "events[2].about")."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


@dataclass(frozen=True, slots=True)
class EvaluationRequest:
    """A validated code_evaluate input, ready for engine.evaluate."""

    as_of: datetime
    victim: Victim
    crime: Crime
    events: tuple[Event, ...]


def parse_request(data: Any) -> EvaluationRequest:
    """Validate a decoded JSON input document; raises ContractError naming the field."""
    document = _object(data, "", {"as_of", "victim", "crime", "events"})
    events = _list(document["events"], "events")
    return EvaluationRequest(
        as_of=_moment(document["as_of"], "as_of"),
        victim=_victim(document["victim"], "victim"),
        crime=_crime(document["crime"], "crime"),
        events=_events(events),
    )


def _object(
    value: Any, at: str, required: set[str], optional: frozenset[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContractError(at or "input", "must be an object")
    for key in value:
        if key not in required and key not in optional:
            raise ContractError(_join(at, key), "unknown field")
    for key in sorted(required):
        if key not in value:
            raise ContractError(_join(at, key), "is missing")
    return value


def _join(at: str, key: str) -> str:
    return f"{at}.{key}" if at else key


def _list(value: Any, at: str) -> list[Any]:
    if not isinstance(value, list):
        raise ContractError(at, "must be a list")
    return value


def _string(value: Any, at: str) -> str:
    if not isinstance(value, str) or not value:
        raise ContractError(at, "must be a non-empty string")
    return value


def _date(value: Any, at: str) -> date:
    if not isinstance(value, str) or not DATE.match(value):
        raise ContractError(at, f"must be a date like 2026-04-01, not {_show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ContractError(at, f"is not a real date ({_show(value)})") from None


def _moment(value: Any, at: str) -> datetime:
    if not isinstance(value, str) or not DATE_TIME.match(value):
        raise ContractError(at, f"must be a date-time like 2026-04-01T10:00:00+01:00, not {_show(value)}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ContractError(at, f"is not a real date-time ({_show(value)})") from None
    if moment.tzinfo is None:
        raise ContractError(at, f"needs a UTC offset, e.g. +01:00 or Z ({_show(value)})")
    return moment


def _show(value: Any) -> str:
    """A short, one-line rendering of a bad value for an error message."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _flags(value: Any, at: str, known: frozenset[str], what: str) -> frozenset[str]:
    flags = _list(value, at)
    for i, flag in enumerate(flags):
        if not isinstance(flag, str) or flag not in known:
            raise ContractError(f"{at}[{i}]", f"unknown {what} {_show(flag)}")
    return frozenset(flags)


def _victim(value: Any, at: str) -> Victim:
    data = _object(value, at, set(), frozenset({"date_of_birth", "flags", "enhanced_override"}))
    born = data.get("date_of_birth")
    override = data.get("enhanced_override")
    return Victim(
        date_of_birth=None if born is None else _date(born, f"{at}.date_of_birth"),
        flags=_flags(data.get("flags", []), f"{at}.flags", VICTIM_FLAGS, "victim flag"),
        enhanced_override=None if override is None else _override(override, f"{at}.enhanced_override"),
    )


def _override(value: Any, at: str) -> EnhancedOverride:
    data = _object(value, at, {"enhanced", "reason"})
    if not isinstance(data["enhanced"], bool):
        raise ContractError(f"{at}.enhanced", "must be true or false")
    return EnhancedOverride(data["enhanced"], _string(data["reason"], f"{at}.reason"))


def _crime(value: Any, at: str) -> Crime:
    data = _object(value, at, {"occurred_on"}, frozenset({"flags"}))
    return Crime(
        occurred_on=_date(data["occurred_on"], f"{at}.occurred_on"),
        flags=_flags(data.get("flags", []), f"{at}.flags", CRIME_FLAGS, "crime flag"),
    )


EVENT_OPTIONAL = frozenset({"about", "corrects", "payload"})


def _events(items: list[Any]) -> tuple[Event, ...]:
    """Each event, then the cross-references: ids unique, `about` and `corrects` resolve."""
    events = tuple(_event(item, f"events[{i}]") for i, item in enumerate(items))
    positions: dict[str, int] = {}
    for i, event in enumerate(events):
        if event.id in positions:
            raise ContractError(
                f"events[{i}].id", f"{_show(event.id)} is already used by events[{positions[event.id]}]"
            )
        positions[event.id] = i
    corrected_by: dict[str, int] = {}
    for i, event in enumerate(events):
        _check_references(i, event, positions, corrected_by)
    return events


def _event(value: Any, at: str) -> Event:
    data = _object(value, at, {"id", "type", "at"}, EVENT_OPTIONAL)
    kind = _string(data["type"], f"{at}.type")
    if kind not in EVENT_TYPES:
        raise ContractError(f"{at}.type", f"unknown event type {_show(kind)}")
    return Event(
        id=_string(data["id"], f"{at}.id"),
        type=kind,
        at=_moment(data["at"], f"{at}.at"),
        about=_optional(data.get("about"), f"{at}.about", _string),
        corrects=_optional(data.get("corrects"), f"{at}.corrects", _string),
        payload=_payload(data.get("payload", {}), f"{at}.payload", kind),
    )


def _optional(value: Any, at: str, parse: Callable[[Any, str], T]) -> T | None:
    return None if value is None else parse(value, at)


def _payload(value: Any, at: str, kind: str) -> dict[str, Any]:
    """Any JSON object; the fields the engine reads (vocabulary.PAYLOAD_FIELDS) are type-checked."""
    if not isinstance(value, dict):
        raise ContractError(at, "must be an object")
    for name, expected in PAYLOAD_FIELDS.get(kind, {}).items():
        if name in value and value[name] is not None and not _is(value[name], expected):
            wanted = {bool: "true or false", str: "text"}.get(expected, "a number")
            raise ContractError(f"{at}.{name}", f"must be {wanted}, not {_show(value[name])}")
    return value


def _is(value: Any, expected: type) -> bool:
    if expected is bool:
        return isinstance(value, bool)
    if expected is str:
        return isinstance(value, str)
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_references(i: int, event: Event, positions: dict[str, int], corrected_by: dict[str, int]) -> None:
    """`about` names an event; `corrects` names an earlier one not already corrected (ADR 0007)."""
    if event.about is not None and event.about not in positions:
        raise ContractError(f"events[{i}].about", f"names no event ({_show(event.about)})")
    if event.corrects is None:
        return
    field, target = f"events[{i}].corrects", positions.get(event.corrects)
    if target is None:
        raise ContractError(field, f"names no event ({_show(event.corrects)})")
    if target >= i:
        raise ContractError(field, f"must name an earlier event ({_show(event.corrects)})")
    if event.corrects in corrected_by:
        earlier = corrected_by[event.corrects]
        raise ContractError(field, f"{_show(event.corrects)} is already corrected by events[{earlier}]")
    corrected_by[event.corrects] = i


def evaluate_document(
    data: Any, calendar: WorkingDayCalendar, rule_sets: RuleSets | None = None
) -> dict[str, Any]:
    """The whole contract: validate `data`, evaluate, render. Raises ContractError (never a
    partial result), including for a trigger dated before every version of the Code."""
    request = parse_request(data)
    try:
        evaluation = evaluate(
            request.victim, request.crime, request.events, request.as_of, calendar, rule_sets
        )
    except NoCodeVersionError as exc:
        raise ContractError(_field_of(exc.event_id, request.events), str(exc)) from None
    except CalendarRangeError as exc:
        raise ContractError("events", str(exc)) from None
    return render(evaluation)


def _field_of(event_id: str | None, events: tuple[Event, ...]) -> str:
    for i, event in enumerate(events):
        if event.id == event_id:
            return f"events[{i}].at"
    return "as_of"


def render(evaluation: Evaluation) -> dict[str, Any]:
    """The output document; override_reason appears only when an override decided the result."""
    document: dict[str, Any] = {
        "code_version": evaluation.code_version,
        "enhanced": evaluation.enhanced,
        "enhanced_reasons": list(evaluation.enhanced_reasons),
    }
    if evaluation.override_reason is not None:
        document["override_reason"] = evaluation.override_reason
    document["obligations"] = [_render_obligation(o) for o in evaluation.obligations]
    return document


def _render_obligation(obligation: Obligation) -> dict[str, Any]:
    row: dict[str, Any] = {
        "rule": obligation.rule,
        "right": obligation.right,
        "provider": obligation.provider,
        "trigger": obligation.trigger,
        "due": None if obligation.due is None else obligation.due.isoformat(),
        "status": obligation.status,
        "fulfilled_by": obligation.fulfilled_by,
    }
    target = obligation.local_target
    if target is not None:
        row["local_target"] = {
            "working_days": target.working_days,
            "due": target.due.isoformat(),
            "status": target.status,
        }
    return row
