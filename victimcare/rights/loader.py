"""Load the Victims' Code rule files (rules/code_*.yaml) into frozen, validated rule sets.

Each file is one version of the Code, keyed by commencement date (OpenFisca style). Loading is
strict: an unknown key, an unknown event type, a missing citation or a limit that is not a whole
number is an error that names the file and the field, e.g.
"code_2020.yaml: rules[3].limit.standard: must be a whole number". Looking up a date before every
version, or an unknown rule id, raises; nothing falls back to a default (VICTIMS-CODE.md,
"Principles").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from victimcare.rights.enhanced import EnhancedRules
from victimcare.rights.rule_data import (
    CALENDAR_MONTHS,
    WORKING_DAYS,
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
from victimcare.rights.rule_parsing import At, parse_rule_file_body
from victimcare.rights.vocabulary import VICTIM_INFORMED

__all__ = [
    "CALENDAR_MONTHS",
    "RULES_DIR",
    "WORKING_DAYS",
    "Citation",
    "Condition",
    "EnhancedTest",
    "Fulfilment",
    "Limit",
    "LocalTarget",
    "NoCodeVersionError",
    "ReviewWindowRule",
    "Rule",
    "RuleDataError",
    "RuleSet",
    "RuleSets",
    "UnknownRuleError",
    "default_rule_sets",
    "load_rule_file",
    "load_rule_sets",
    "parse_local_targets",
    "rule_set_for",
    "with_local_targets",
]

RULES_DIR = Path(__file__).resolve().parent / "rules"


class NoCodeVersionError(LookupError):
    """No version of the Code was in force on the date asked about."""

    def __init__(self, day: date, first: date | None, event_id: str | None = None) -> None:
        self.day = day
        self.event_id = event_id  # the trigger event that fell outside, when there is one
        since = f" (the first came into force on {first.isoformat()})" if first else ""
        super().__init__(f"no version of the Victims' Code was in force on {day.isoformat()}{since}")


class UnknownRuleError(LookupError):
    """A rule id that the rule set does not define."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """One version of the Code: its commencement, rules and enhanced-rights tests."""

    version: str
    title: str
    in_force_from: date
    in_force_until: date | None
    citation: Citation
    confidence: str
    rules: tuple[Rule, ...]
    enhanced_tests: tuple[EnhancedTest, ...]
    review_windows: tuple[ReviewWindowRule, ...]
    source: str
    by_trigger: Mapping[str, tuple[Rule, ...]] = field(init=False, repr=False, compare=False)
    enhanced: EnhancedRules = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The engine's hot loop asks "which rules does this event type trigger?" once per event.
        table: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for trigger in rule.triggers:
                table.setdefault(trigger, []).append(rule)
        # Sorted by rule id: obligations are listed in trigger order, then rule id.
        by_trigger = {k: tuple(sorted(v, key=_rule_id)) for k, v in table.items()}
        object.__setattr__(self, "by_trigger", by_trigger)
        object.__setattr__(self, "enhanced", EnhancedRules.from_tests(self.enhanced_tests))

    def in_force_on(self, day: date) -> bool:
        """True when this version applies to a trigger on `day` (until date exclusive)."""
        return self.in_force_from <= day and (self.in_force_until is None or day < self.in_force_until)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; raises UnknownRuleError for an id this version lacks."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise UnknownRuleError(f"the {self.version} Code has no rule {rule_id!r}")

    def review_window(self, decision: str) -> ReviewWindowRule | None:
        """The victim's window to ask for a review of a decision of this event type, if any."""
        for window in self.review_windows:
            if window.decision == decision:
                return window
        return None


def _rule_id(rule: Rule) -> str:
    return rule.id


@dataclass(frozen=True, slots=True)
class RuleSets:
    """Every version of the Code, oldest first; pick one with rule_set_for(day)."""

    versions: tuple[RuleSet, ...]
    trigger_types: frozenset[str] = field(init=False, repr=False, compare=False)
    # The events the victim must be told about (Rights 6, 8 and 9): every trigger of a rule that
    # only a `victim_informed` about that trigger fulfils, in any version. cases.events.INFORMABLE
    # (which cases, below rights, declares) must equal it: a test ties the two.
    informable_events: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        triggers = frozenset(t for rule_set in self.versions for t in rule_set.by_trigger)
        object.__setattr__(self, "trigger_types", triggers)
        informable = frozenset(
            trigger
            for rule_set in self.versions
            for rule in rule_set.rules
            if VICTIM_INFORMED in rule.fulfilment.types and rule.fulfilment.about_trigger
            for trigger in rule.triggers
        )
        object.__setattr__(self, "informable_events", informable)

    def rule_set_for(self, day: date, event_id: str | None = None) -> RuleSet:
        """The version in force on `day`; raises NoCodeVersionError outside every version.

        `event_id` names the trigger being looked up, so the error can say which event it was.
        """
        for rule_set in self.versions:
            if rule_set.in_force_on(day):
                return rule_set
        raise NoCodeVersionError(day, self.versions[0].in_force_from if self.versions else None, event_id)

    def rule(self, rule_id: str, day: date) -> Rule:
        """The rule `rule_id` of the version in force on `day` (raises if either is unknown)."""
        return self.rule_set_for(day).rule(rule_id)


def load_rule_file(path: Path) -> RuleSet:
    """Parse and validate one rule file; RuleDataError names the file and the field."""
    at = At(path.name)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise at.error(f"not valid YAML ({_yaml_position(exc)})") from exc
    except OSError as exc:
        raise at.error(f"cannot be read ({exc.strerror})") from exc
    return RuleSet(**parse_rule_file_body(document, at), source=path.name)


def _yaml_position(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "syntax error"
    if mark is None:
        return str(problem)
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"


def load_rule_sets(directory: Path = RULES_DIR) -> RuleSets:
    """Load every code_*.yaml in `directory`; versions must not overlap in time."""
    versions = sorted((load_rule_file(p) for p in sorted(directory.glob("code_*.yaml"))), key=_start)
    if not versions:
        raise RuleDataError(f"{directory}: no code_*.yaml rule files")
    _check_no_overlap(versions)
    return RuleSets(tuple(versions))


def _start(rule_set: RuleSet) -> date:
    return rule_set.in_force_from


def _check_no_overlap(versions: Iterable[RuleSet]) -> None:
    previous: RuleSet | None = None
    for current in versions:
        if previous is not None and (
            previous.in_force_until is None or previous.in_force_until > current.in_force_from
        ):
            raise RuleDataError(
                f"{current.source}: in_force_from: overlaps version {previous.version} "
                f"({previous.source}); give {previous.source} an in_force_until"
            )
        previous = current


AREA_TARGET_NOTE = "Local target set by the area, not statutory"


def parse_local_targets(text: str) -> dict[str, int | None]:
    """The area's local targets, "RULE=DAYS" pairs split by commas ("RULE=none" removes one),
    e.g. "VRR_CPS_ACK=10,VRR_CPS_DECISION=30". RuleDataError names the pair that is wrong."""
    targets: dict[str, int | None] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        rule_id, sep, value = (x.strip() for x in part.partition("="))
        where = f"LOCAL_TARGETS: {part}"
        if not sep or not rule_id:
            raise RuleDataError(f"{where}: must be RULE=working days, e.g. VRR_CPS_ACK=10")
        if value.lower() == "none":
            targets[rule_id] = None
        elif value.isdigit() and int(value) >= 1:
            targets[rule_id] = int(value)
        else:
            raise RuleDataError(f"{where}: the working days must be a whole number of at least 1, or none")
    return targets


def with_local_targets(rule_sets: RuleSets, targets: Mapping[str, int | None]) -> RuleSets:
    """The rule sets with the area's local targets in place of the rule files' own.

    Only a rule with no Code clock (limit: null) may take one: a local target never replaces or
    sits beside a statutory limit. An unknown rule id is an error, never ignored."""
    if not targets:
        return rule_sets
    known = {rule.id: rule for rule_set in rule_sets.versions for rule in rule_set.rules}
    for rule_id in targets:
        rule = known.get(rule_id)
        if rule is None:
            raise RuleDataError(f"LOCAL_TARGETS: {rule_id}: no such rule")
        if rule.limit is not None:
            raise RuleDataError(
                f"LOCAL_TARGETS: {rule_id}: has a Code time limit, so it cannot have a local target"
            )
    versions = []
    for rule_set in rule_sets.versions:
        rules = tuple(
            rule if rule.id not in targets else replace(rule, local_target=_area_target(targets[rule.id]))
            for rule in rule_set.rules
        )
        versions.append(
            RuleSet(
                version=rule_set.version,
                title=rule_set.title,
                in_force_from=rule_set.in_force_from,
                in_force_until=rule_set.in_force_until,
                citation=rule_set.citation,
                confidence=rule_set.confidence,
                rules=rules,
                enhanced_tests=rule_set.enhanced_tests,
                review_windows=rule_set.review_windows,
                source=rule_set.source,
            )
        )
    return RuleSets(tuple(versions))


def _area_target(days: int | None) -> LocalTarget | None:
    return None if days is None else LocalTarget(days, AREA_TARGET_NOTE)


@cache
def default_rule_sets() -> RuleSets:
    """The rule files shipped with the app, with the area's local targets (settings
    LOCAL_TARGETS), loaded once per process."""
    from django.conf import settings

    return with_local_targets(
        load_rule_sets(RULES_DIR), parse_local_targets(getattr(settings, "LOCAL_TARGETS", ""))
    )


def rule_set_for(day: date, rule_sets: RuleSets | None = None) -> RuleSet:
    """The version of the Code in force on `day` (a trigger event's local date)."""
    return (rule_sets or default_rule_sets()).rule_set_for(day)
