"""Validate the YAML of one rule file and build its frozen rule data.

Every check raises RuleDataError with "<file>: <field path>: <what is wrong>", so whoever edits
the rules can find the mistake without reading Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from victimcare.rights.rule_data import (
    BEFORE_EVENT,
    LIMIT_KINDS,
    REVIEW,
    Citation,
    Condition,
    EnhancedTest,
    Fulfilment,
    Limit,
    LocalTarget,
    ReviewWindowRule,
    Rule,
    RuleDataError,
)
from victimcare.rights.vocabulary import (
    CONFIDENCE_MARKS,
    CRIME_FLAGS,
    EVENT_TYPES,
    PAYLOAD_FIELDS,
    PROVIDERS,
    VICTIM_FLAGS,
)

RULE_ID = re.compile(r"[A-Z][A-Z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class At:
    """A position in a rule file, used to name the field in error messages."""

    file: str
    path: str = ""

    def child(self, key: str | int) -> At:
        if isinstance(key, int):
            return At(self.file, f"{self.path}[{key}]")
        return At(self.file, f"{self.path}.{key}" if self.path else key)

    def error(self, message: str) -> RuleDataError:
        return RuleDataError(
            f"{self.file}: {self.path}: {message}" if self.path else f"{self.file}: {message}"
        )


def mapping(value: Any, at: At, required: set[str], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A mapping with exactly the required keys and perhaps some optional ones."""
    if not isinstance(value, dict):
        raise at.error("must be a mapping")
    unknown = sorted(set(value) - required - optional, key=str)
    if unknown:
        raise at.child(str(unknown[0])).error("unknown field")
    missing = sorted(required - set(value))
    if missing:
        raise at.child(missing[0]).error("is required")
    return value


def text(value: Any, at: At) -> str:
    if not isinstance(value, str) or not value.strip():
        raise at.error("must be some text")
    return value


def whole(value: Any, at: At, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise at.error("must be a whole number")
    if value < minimum:
        raise at.error(f"must be at least {minimum}")
    return value


def day(value: Any, at: At) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise at.error("must be a date (YYYY-MM-DD)")


def choice(value: Any, at: At, allowed: frozenset[str], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise at.error(f"unknown {what} {value!r}")
    return value


def event_types(value: Any, at: At, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or (not value and not allow_empty):
        raise at.error("must be a list of event types" + ("" if allow_empty else " (at least one)"))
    return tuple(choice(v, at.child(i), EVENT_TYPES, "event type") for i, v in enumerate(value))


def citation(value: Any, at: At) -> Citation:
    data = mapping(value, at, {"title", "url"}, frozenset({"section"}))
    url = text(data["url"], at.child("url"))
    if not url.startswith(("https://", "http://")):
        raise at.child("url").error("must be a web address")
    section = data.get("section")
    return Citation(
        text(data["title"], at.child("title")), url, text(section, at.child("section")) if section else None
    )


TOP_KEYS = {"version", "title", "in_force_from", "in_force_until", "citation", "confidence"}


def parse_rule_file_body(document: Any, at: At) -> dict[str, Any]:
    """The RuleSet fields (except `source`) from one parsed YAML document."""
    data = mapping(
        document, at, TOP_KEYS | {"enhanced_rights", "rules"}, frozenset({"citations", "review_windows"})
    )
    start = day(data["in_force_from"], at.child("in_force_from"))
    until = data["in_force_until"]
    end = None if until is None else day(until, at.child("in_force_until"))
    if end is not None and end <= start:
        raise at.child("in_force_until").error("must be after in_force_from")
    for i, item in enumerate(data.get("citations") or []):
        citation(item, at.child("citations").child(i))
    return {
        "version": text(str(data["version"]), at.child("version")),
        "title": text(data["title"], at.child("title")),
        "in_force_from": start,
        "in_force_until": end,
        "citation": citation(data["citation"], at.child("citation")),
        "confidence": choice(data["confidence"], at.child("confidence"), CONFIDENCE_MARKS, "confidence mark"),
        "rules": rules(data["rules"], at.child("rules")),
        "enhanced_tests": enhanced_tests(data["enhanced_rights"], at.child("enhanced_rights")),
        "review_windows": review_windows(data.get("review_windows") or [], at.child("review_windows")),
    }


def rules(value: Any, at: At) -> tuple[Rule, ...]:
    if not isinstance(value, list) or not value:
        raise at.error("must be a list of rules")
    parsed: list[Rule] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        rule = parse_rule(item, at.child(i))
        if rule.id in seen:
            raise at.child(i).child("id").error(f"{rule.id} is already used by rules[{seen[rule.id]}]")
        seen[rule.id] = i
        parsed.append(rule)
    return tuple(parsed)


RULE_KEYS = {"id", "right", "provider", "title", "victim_text", "triggers", "fulfilled_by", "limit"}
RULE_OPTIONAL = frozenset({"trigger_condition", "local_target", "not_applicable_after"})


def parse_rule(value: Any, at: At) -> Rule:
    """One entry of `rules:`."""
    data = mapping(value, at, RULE_KEYS | {"citation", "confidence"}, RULE_OPTIONAL)
    triggers = event_types(data["triggers"], at.child("triggers"))
    limit = parse_limit(data["limit"], at.child("limit"))
    return Rule(
        id=rule_id(data["id"], at.child("id")),
        right=right(data["right"], at.child("right")),
        provider=choice(data["provider"], at.child("provider"), PROVIDERS, "provider"),
        title=text(data["title"], at.child("title")),
        victim_text=text(data["victim_text"], at.child("victim_text")),
        triggers=triggers,
        trigger_condition=trigger_condition(data.get("trigger_condition"), at, triggers),
        fulfilment=fulfilment(data["fulfilled_by"], at.child("fulfilled_by")),
        limit=limit,
        local_target=local_target(data.get("local_target"), at.child("local_target"), limit),
        not_applicable_after=frozenset(
            event_types(data.get("not_applicable_after") or [], at.child("not_applicable_after"), True)
        ),
        citation=citation(data["citation"], at.child("citation")),
        confidence=choice(data["confidence"], at.child("confidence"), CONFIDENCE_MARKS, "confidence mark"),
    )


def rule_id(value: Any, at: At) -> str:
    if not isinstance(value, str) or not RULE_ID.match(value):
        raise at.error("must be upper-case letters, digits and underscores, e.g. R6_ARREST")
    return value


def right(value: Any, at: At) -> int | str:
    if value == REVIEW:
        return REVIEW
    number = whole(value, at)
    if number > 12:
        raise at.error(f'must be a right from 1 to 12, or "{REVIEW}"')
    return number


def parse_limit(value: Any, at: At) -> Limit | None:
    """null (no clock), a number of working days or months, or before an event."""
    if value is None:
        return None
    if isinstance(value, dict) and value.get("kind") == BEFORE_EVENT:
        data = mapping(value, at, {"kind", "event"})
        return Limit(BEFORE_EVENT, event=choice(data["event"], at.child("event"), EVENT_TYPES, "event type"))
    data = mapping(value, at, {"kind", "standard", "enhanced"})
    kind = choice(data["kind"], at.child("kind"), frozenset(LIMIT_KINDS), "limit kind")
    return Limit(
        kind, whole(data["standard"], at.child("standard")), whole(data["enhanced"], at.child("enhanced"))
    )


def local_target(value: Any, at: At, limit: Limit | None) -> LocalTarget | None:
    if value is None:
        return None
    if limit is not None:
        raise at.error("only a rule with limit: null may have a local target")
    data = mapping(value, at, {"working_days", "note"})
    return LocalTarget(
        whole(data["working_days"], at.child("working_days")), text(data["note"], at.child("note"))
    )


def fulfilment(value: Any, at: At) -> Fulfilment:
    data = mapping(value, at, {"types"}, frozenset({"about_trigger", "from"}))
    about = data.get("about_trigger", False)
    if not isinstance(about, bool):
        raise at.child("about_trigger").error("must be true or false")
    start = choice(
        data.get("from", "trigger"), at.child("from"), frozenset({"trigger", "case_start"}), "start"
    )
    return Fulfilment(frozenset(event_types(data["types"], at.child("types"))), about, start == "case_start")


def trigger_condition(value: Any, rule_at: At, triggers: tuple[str, ...]) -> Condition | None:
    if value is None:
        return None
    fields: dict[str, type] = {}
    for trigger in triggers:
        fields.update(PAYLOAD_FIELDS.get(trigger, {}))
    return condition(value, rule_at.child("trigger_condition"), fields)


def condition(value: Any, at: At, fields: dict[str, type]) -> Condition:
    """any_of / all_of lists, or {field, at_least | equals | not_equals} on a known payload field."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("any_of", "all_of"):
        op, parts = next(iter(value.items()))
        if not isinstance(parts, list) or not parts:
            raise at.child(op).error("must be a list of conditions")
        return Condition(
            op, parts=tuple(condition(p, at.child(op).child(i), fields) for i, p in enumerate(parts))
        )
    data = mapping(value, at, {"field"}, frozenset(OPERATORS))
    name = choice(data["field"], at.child("field"), frozenset(fields), "payload field")
    ops = [op for op in OPERATORS if op in data]
    if len(ops) != 1:
        raise at.error("needs exactly one of at_least, equals or not_equals")
    return comparison(name, ops[0], data[ops[0]], at.child(ops[0]), fields[name])


def comparison(name: str, op: str, value: Any, at: At, kind: type) -> Condition:
    if op == "at_least" and (
        kind is not float or isinstance(value, bool) or not isinstance(value, int | float)
    ):
        raise at.error(f"{name} is not a number field" if kind is not float else "must be a number")
    if op in ("equals", "not_equals") and not _of_kind(value, kind):
        raise at.error(f"must be {KIND_NAMES[kind]}")
    return Condition(op, name, value)


OPERATORS = ("at_least", "equals", "not_equals")
KIND_NAMES = {bool: "a true or false value", float: "a number value", str: "a text value"}


def _of_kind(value: Any, kind: type) -> bool:
    if kind is bool or isinstance(value, bool):
        return kind is bool and isinstance(value, bool)
    if kind is str:
        return isinstance(value, str)
    return isinstance(value, int | float)


ENHANCED_GROUNDS = ("victim_flag", "crime_flag", "under_age_at_offence")


def enhanced_tests(value: Any, at: At) -> tuple[EnhancedTest, ...]:
    if not isinstance(value, list) or not value:
        raise at.error("must be a list of enhanced rights tests")
    return tuple(enhanced_test(item, at.child(i)) for i, item in enumerate(value))


def enhanced_test(value: Any, at: At) -> EnhancedTest:
    """One ground for enhanced rights: exactly one of victim_flag, crime_flag, under_age_at_offence."""
    data = mapping(value, at, {"reason", "citation", "confidence"}, frozenset(ENHANCED_GROUNDS))
    grounds = [g for g in ENHANCED_GROUNDS if g in data]
    if len(grounds) != 1:
        raise at.error("needs exactly one of victim_flag, crime_flag or under_age_at_offence")
    victim = data.get("victim_flag")
    crime = data.get("crime_flag")
    age = data.get("under_age_at_offence")
    return EnhancedTest(
        reason=text(data["reason"], at.child("reason")),
        victim_flag=None
        if victim is None
        else choice(victim, at.child("victim_flag"), VICTIM_FLAGS, "victim flag"),
        crime_flag=None
        if crime is None
        else choice(crime, at.child("crime_flag"), CRIME_FLAGS, "crime flag"),
        under_age_at_offence=None if age is None else whole(age, at.child("under_age_at_offence")),
        citation=citation(data["citation"], at.child("citation")),
        confidence=choice(data["confidence"], at.child("confidence"), CONFIDENCE_MARKS, "confidence mark"),
    )


REVIEW_DECIDERS = frozenset({"police", "cps"})


def review_windows(value: Any, at: At) -> tuple[ReviewWindowRule, ...]:
    """The victim's windows to ask for a review, one per reviewable decision event type."""
    if not isinstance(value, list):
        raise at.error("must be a list of review windows")
    parsed: list[ReviewWindowRule] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        item_at = at.child(i)
        data = mapping(
            item,
            item_at,
            {
                "decision",
                "decided_by",
                "ask_within_months",
                "ask_promptly_working_days",
                "citation",
                "confidence",
            },
        )
        decision = choice(data["decision"], item_at.child("decision"), EVENT_TYPES, "event type")
        if decision in seen:
            raise item_at.child("decision").error(
                f"{decision} already has a window at review_windows[{seen[decision]}]"
            )
        seen[decision] = i
        prompt = data["ask_promptly_working_days"]
        parsed.append(
            ReviewWindowRule(
                decision=decision,
                decided_by=choice(
                    data["decided_by"], item_at.child("decided_by"), REVIEW_DECIDERS, "decision maker"
                ),
                ask_within_months=whole(data["ask_within_months"], item_at.child("ask_within_months")),
                ask_promptly_working_days=None
                if prompt is None
                else whole(prompt, item_at.child("ask_promptly_working_days")),
                citation=citation(data["citation"], item_at.child("citation")),
                confidence=choice(
                    data["confidence"], item_at.child("confidence"), CONFIDENCE_MARKS, "confidence mark"
                ),
            )
        )
    return tuple(parsed)
