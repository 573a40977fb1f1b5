"""The engine's words agree with the contract's and with the crime flags the case pages offer."""

from __future__ import annotations

from victimcare.cases.vocab import CRIME_FLAGS as CASE_CRIME_FLAGS
from victimcare.rights.vocabulary import CRIME_FLAGS, EVENT_TYPES, VICTIM_FLAGS


def test_it_offers_the_same_crime_flags_as_the_case_pages() -> None:
    assert set(CASE_CRIME_FLAGS) == CRIME_FLAGS


def test_it_knows_the_contracts_victim_flags_and_event_types() -> None:
    assert len(VICTIM_FLAGS) == 6
    # the contract's 36 and the four of Rights 1, 2 and 5, vps_requested, outcome_recorded, the
    # four hearing changes (R8_HEARING_CHANGED), appeals (Right 9), property (Right 10) and a
    # complaint's reply and escalation (Right 12)
    assert len(EVENT_TYPES) == 52
    assert {
        "communication_need_identified",
        "communication_support_provided",
        "crime_recorded",
        "compensation_information_given",
    } <= EVENT_TYPES
    assert {"victim_informed", "victim_opted_out_of_updates", "offender_sentenced"} <= EVENT_TYPES
