"""The events a victim must be told about (Rights 6, 8 and 9) come from the rule data: a rule
fulfilled only by `victim_informed` about its trigger. The timeline's list of events a
`victim_informed` may answer (cases.events.INFORMABLE), and so the victim's automatic updates,
must be exactly those."""

from __future__ import annotations

from pathlib import Path

from victimcare.cases.events import EVENT_TYPES, INFORMABLE
from victimcare.notify.messages import UPDATE_TEMPLATES
from victimcare.rights.loader import default_rule_sets, load_rule_sets
from victimcare.rights.vocabulary import EVENT_TYPES as ENGINE_EVENT_TYPES


def test_it_matches_the_timeline_list_to_the_rules():
    derived = default_rule_sets().informable_events
    assert set(INFORMABLE) == derived, (
        f"in the rules, not in cases.events.INFORMABLE: {sorted(derived - set(INFORMABLE))}; "
        f"in INFORMABLE, not in the rules: {sorted(set(INFORMABLE) - derived)}"
    )
    assert len(INFORMABLE) == len(set(INFORMABLE))


def test_it_comes_from_rights_6_8_and_9():
    rights = {
        str(rule.right)
        for rule_set in default_rule_sets().versions
        for rule in rule_set.rules
        if set(rule.triggers) & default_rule_sets().informable_events and rule.fulfilment.about_trigger
    }
    assert rights == {"6", "8", "9"}


def test_it_lets_victim_informed_answer_exactly_those_and_sends_their_updates():
    assert set(EVENT_TYPES["victim_informed"].about_types) == default_rule_sets().informable_events
    assert (
        default_rule_sets().informable_events <= set(UPDATE_TEMPLATES)
        and default_rule_sets().informable_events <= ENGINE_EVENT_TYPES
    )


def test_it_follows_a_change_to_the_rule_data(tmp_path: Path):
    """A rule that starts owing a telling for another trigger changes the derived list."""
    from victimcare.rights.loader import RULES_DIR

    text = (RULES_DIR / "code_2020.yaml").read_text(encoding="utf-8")
    changed = text.replace("triggers: [suspect_arrested]", "triggers: [suspect_arrested, vps_offered]", 1)
    assert changed != text
    (tmp_path / "code_2020.yaml").write_text(changed, encoding="utf-8")
    assert load_rule_sets(tmp_path).informable_events == default_rule_sets().informable_events | {
        "vps_offered"
    }
