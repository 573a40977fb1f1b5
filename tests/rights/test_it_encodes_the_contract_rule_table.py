"""The 2020 rule file says exactly what VICTIMS-CODE.md's table says, and every rule cites its
source with a confidence mark and has plain-English text for staff and victims."""

from __future__ import annotations

import re

from victimcare.rights.loader import default_rule_sets
from victimcare.rights.rule_data import Limit

OPT_OUT = frozenset({"victim_opted_out_of_updates"})
INFORMED = ("victim_informed",)


def _wd(standard: int, enhanced: int) -> Limit:
    return Limit("working_days", standard, enhanced)


POLICE_6 = {
    "R6_ARREST": "suspect_arrested",
    "R6_INTERVIEW": "suspect_interviewed_under_caution",
    "R6_NFA": "suspect_released_no_further_action",
    "R6_BAIL": "suspect_bailed",
    "R6_RUI": "suspect_released_under_investigation",
    "R6_BAIL_CHANGE": "bail_conditions_changed",
    "R6_CHARGE": "suspect_charged",
    "R6_OOCD": "out_of_court_disposal",
    "R6_NO_INVESTIGATION": "decision_not_to_investigate",
}

# rule: (right, provider, triggers, fulfilled by, about the trigger?, limit, not applicable after)
TABLE = {
    "R3_WRITTEN_ACK": (3, "police", ("crime_reported",), ("written_acknowledgement_sent",), False, None, set()),
    "R4_REFERRAL": (4, "police", ("crime_reported",), ("referred_to_support",), False, _wd(2, 2),
                    {"referral_declined_by_victim"}),
    **{rule: (6, "police", (trigger,), INFORMED, True, _wd(5, 1), OPT_OUT) for rule, trigger in POLICE_6.items()},
    "R6_CPS_DECISION": (6, "cps", ("cps_decision_not_to_charge", "cps_charges_dropped_or_altered"), INFORMED,
                        True, _wd(5, 1), OPT_OUT),
    "R7_VPS_OFFER": (7, "police", ("suspect_charged",), ("vps_offered",), False,
                     Limit("before_event", event="offender_sentenced"), set()),
    "R8_HEARING": (8, "wcu", ("hearing_listed",), INFORMED, True, _wd(1, 1), set()),
    "R8_BAIL_HEARING": (8, "wcu", ("bail_hearing_outcome_received",), INFORMED, True, _wd(5, 1), set()),
    "R8_WARRANT": (8, "wcu", ("warrant_outcome_received",), INFORMED, True, _wd(5, 1), set()),
    "R8_WITNESS_REQUIRED": (8, "wcu", ("witness_required",), INFORMED, True, _wd(1, 1), set()),
    "R9_OUTCOME": (9, "wcu", ("case_outcome_received",), INFORMED, True, _wd(1, 1), set()),
    "R9_SENTENCE": (9, "wcu", ("sentence_received",), INFORMED, True, _wd(1, 1), set()),
    "R10_EXPENSES": (10, "cps", ("expenses_claim_received",), ("expenses_paid",), False, _wd(10, 10), set()),
    "R11_VCS_REFERRAL": (11, "wcu", ("offender_sentenced",), ("vcs_referral_made",), False, _wd(10, 10), set()),
    "R11_VLO_CONTACT": (11, "probation", ("vcs_referral_made",), ("vlo_contact_made",), False, _wd(20, 20), set()),
    # The contract's complaint_acknowledged, and a full reply in time (the Code: "a substantive
    # response or an acknowledgement", victims-code-research.md §3, Right 12).
    "R12_COMPLAINT_ACK": (12, "any", ("complaint_received",), ("complaint_acknowledged", "complaint_responded"),
                          False, _wd(10, 10), set()),
    "VRR_POLICE_ACK": ("review", "police", ("vrr_requested",), ("vrr_acknowledged",), False, _wd(10, 10), set()),
    "VRR_POLICE_DECISION": ("review", "police", ("vrr_requested",), ("vrr_decided",), False, _wd(30, 30), set()),
    # The second table: no clock in the Code (done / not done).
    "R1_COMMUNICATION": (1, "any", ("communication_need_identified",), ("communication_support_provided",), True,
                         None, set()),
    "R2_CRIME_RECORDED": (2, "police", ("crime_reported",), ("crime_recorded",), False, None, set()),
    "R5_COMPENSATION_INFO": (5, "police", ("crime_reported",), ("compensation_information_given",), False, None,
                             set()),
    "VRR_CPS_ACK": ("review", "cps", ("vrr_requested",), ("vrr_acknowledged",), False, None, set()),
    "VRR_CPS_DECISION": ("review", "cps", ("vrr_requested",), ("vrr_decided",), False, None, set()),
}  # fmt: skip
# Beyond the contract tables, documented in the rule file: a victim's own request to make or update
# a statement (Right 7), Right 9's appeals, Right 10's property, hearing changes and outcomes.
BEYOND_TABLE = {
    "R7_VPS_REQUEST": (7, "police", ("vps_requested",), ("vps_made",), False,
                       Limit("before_event", event="offender_sentenced"), set()),
    # Right 9's appeals and Right 10's property: no deadline was found, so done / not done.
    "R9_APPEAL": (9, "wcu", ("appeal_lodged",), ("victim_informed",), True, None, set()),
    "R9_APPEAL_OUTCOME": (9, "wcu", ("appeal_outcome_received",), ("victim_informed",), True, None, set()),
    "R10_PROPERTY_RETURN": (10, "police", ("property_retained",), ("property_returned",), True, None, set()),
    # A complaint's full reply (done / not done: the Code sets no time for it).
    "R12_COMPLAINT_REPLY": (12, "any", ("complaint_received",), ("complaint_responded",), False, None, set()),
    # A hearing that did not go ahead as listed: the same clock as its listing (docs/adr/0045).
    "R8_HEARING_CHANGED": (8, "wcu", ("hearing_adjourned", "trial_vacated", "trial_ineffective", "trial_cracked"),
                           INFORMED, True, _wd(1, 1), set()),
    # The crime's outcome, when it is a police decision to take no further action (docs/adr/0034).
    "R6_CASE_CLOSED": (6, "police", ("outcome_recorded",), ("victim_informed",), True,
                       Limit("working_days", 5, 1), {"victim_opted_out_of_updates"}),
}  # fmt: skip


def test_it_has_exactly_the_rules_in_the_contract_table() -> None:
    rule_set = default_rule_sets().versions[0]
    assert (rule_set.version, rule_set.in_force_from.isoformat(), rule_set.in_force_until) == (
        "2020",
        "2021-04-01",
        None,
    )
    found = {
        rule.id: (
            rule.right,
            rule.provider,
            rule.triggers,
            tuple(sorted(rule.fulfilment.types)),
            rule.fulfilment.about_trigger,
            rule.limit,
            set(rule.not_applicable_after),
        )
        for rule in rule_set.rules
    }
    assert found == TABLE | BEYOND_TABLE


def test_it_gives_right_3_a_local_target_and_no_code_limit() -> None:
    rule = default_rule_sets().versions[0].rule("R3_WRITTEN_ACK")
    assert rule.limit is None
    assert rule.local_target is not None and rule.local_target.working_days == 5


def test_it_gives_right_2_the_counting_rules_24_hours_as_a_local_target_only() -> None:
    rule = default_rule_sets().versions[0].rule("R2_CRIME_RECORDED")
    assert rule.limit is None
    assert rule.local_target is not None and rule.local_target.working_days == 1
    assert "Counting Rules" in rule.local_target.note and "not in the Code" in rule.local_target.note


def test_it_gives_the_cps_review_local_targets_only_never_a_code_clock() -> None:
    rules = default_rule_sets().versions[0]
    ack, decision = rules.rule("VRR_CPS_ACK"), rules.rule("VRR_CPS_DECISION")
    assert ack.limit is None and decision.limit is None
    # The CPS publishes no acknowledgement time; the decision is usually aimed at in 30.
    assert ack.local_target is None
    assert decision.local_target is not None and decision.local_target.working_days == 30
    assert "not statutory" in decision.local_target.note


def test_it_refers_to_the_victim_contact_scheme_only_for_qualifying_sentences() -> None:
    condition = default_rule_sets().versions[0].rule("R11_VCS_REFERRAL").trigger_condition
    assert condition is not None
    assert condition.holds({"custodial_months": 12, "specified_violent_or_sexual": True})
    assert condition.holds({"hospital_order": True})
    assert not condition.holds({"custodial_months": 11, "specified_violent_or_sexual": True})
    assert not condition.holds({"custodial_months": 120, "specified_violent_or_sexual": False})
    assert not condition.holds({"custodial_months": 12, "specified_violent_or_sexual": 1})
    assert not condition.holds({})


def test_it_cites_a_source_and_a_confidence_for_every_rule_and_ground() -> None:
    rule_set = default_rule_sets().versions[0]
    marks = [(r.id, r.citation, r.confidence) for r in rule_set.rules]
    marks += [(t.reason, t.citation, t.confidence) for t in rule_set.enhanced_tests]
    for name, citation, confidence in marks:
        assert citation.url.startswith(("https://", "http://")) and citation.title, name
        assert confidence in {"H", "M", "L"}, name


def test_it_speaks_to_victims_in_plain_english_without_internal_codes() -> None:
    for rule in default_rule_sets().versions[0].rules:
        assert rule.title and rule.victim_text
        assert not re.search(r"\bR\d+|_|\bVRR\b|\bWCU\b|\bVPS\b|\bVCS\b|\bVLO\b", rule.victim_text), rule.id
