"""My rights: the 12 rights, enhanced rights in plain words, and each timed obligation met or late."""

from __future__ import annotations

import time_machine

from tests.factories import local
from victimcare.cases.services import event_record

from .conftest import victim_case


def test_it_says_what_was_owed_and_when_it_was_done(portal_client, personas, jane_case):
    olly = personas["olly"]
    with time_machine.travel(local(2026, 4, 10, 12, 0), tick=False):
        arrest = event_record(
            actor=olly, case=jane_case, type="suspect_arrested", occurred_at=local(2026, 4, 6, 9, 0)
        )
        event_record(actor=olly, case=jane_case, type="victim_informed", occurred_at=local(2026, 4, 7, 9, 0),
                     payload={"channel": "phone"}, about=arrest)  # fmt: skip
        page = portal_client(jane_case).get("/portal/rights/").content.decode()
    assert "The police should tell you about the arrest by" in page
    assert "They did this on 7 April 2026." in page
    assert "Right 12" in page and "To make a complaint" in page
    assert "R6_ARREST" not in page and "most_serious_crime" not in page


def test_it_says_an_overdue_obligation_is_late(portal_client, personas, jane_case):
    with time_machine.travel(local(2026, 4, 20, 12, 0), tick=False):
        event_record(
            actor=personas["olly"],
            case=jane_case,
            type="suspect_arrested",
            occurred_at=local(2026, 4, 6, 9, 0),
        )
        page = portal_client(jane_case).get("/portal/rights/").content.decode()
    assert "This is late." in page


def test_it_explains_enhanced_rights_in_plain_words(portal_client, personas):
    vcase = victim_case(personas, reference="DU/00700/26")
    vcase.crime.domestic_abuse = True
    vcase.crime.save()
    from victimcare.rights.services import case_rights_refresh

    case_rights_refresh(case=vcase)
    page = portal_client(vcase).get("/portal/rights/").content.decode()
    assert "You have enhanced rights." in page
    assert "one of the most serious kinds of crime" in page
    assert "domestic_abuse" not in page and "intimidated:" not in page


def test_it_tells_the_victim_until_when_they_can_ask_for_a_review(portal_client, personas, jane_case):
    olly = personas["olly"]
    with time_machine.travel(local(2026, 4, 10, 12, 0), tick=False):
        nfa = event_record(actor=olly, case=jane_case, type="suspect_released_no_further_action",
                           occurred_at=local(2026, 4, 6, 9, 0))  # fmt: skip
        event_record(actor=olly, case=jane_case, type="victim_informed", occurred_at=local(2026, 4, 7, 9, 0),
                     payload={"channel": "phone"}, about=nfa)  # fmt: skip
        page = portal_client(jane_case).get("/portal/rights/").content.decode()
    assert "You can ask the police to review their decision until 7 July 2026." in page


def test_it_says_how_long_to_ask_for_a_review_from_the_same_rules_as_the_windows(portal_client, jane_case):
    from victimcare.portal.selectors import review_rule_sentences
    from victimcare.rights.review_windows import window_rule

    day = local(2026, 4, 10, 12, 0).date()
    police = window_rule("suspect_released_no_further_action", day)
    cps = window_rule("cps_decision_not_to_charge", day)
    assert police is not None and cps is not None and cps.ask_promptly_working_days is not None
    page = portal_client(jane_case).get("/portal/rights/").content.decode()
    expected_police = f"For a police decision, ask within {police.ask_within_months} months of being told."
    expected_cps = (
        f"For a Crown Prosecution Service decision, ask within {cps.ask_promptly_working_days} working days "
        f"of being told if you can. You can still ask up to {cps.ask_within_months} months later."
    )
    assert expected_police in page and expected_cps in page
    assert review_rule_sentences(day) == [expected_police, expected_cps]


def test_it_says_what_rights_2_and_5_owe_and_how_to_take_a_complaint_further(portal_client, jane_case):
    page = portal_client(jane_case).get("/portal/rights/").content.decode()
    assert "The police should record the crime you reported." in page
    assert "The police should tell you how you may be able to get compensation." in page
    assert "Parliamentary and Health Service Ombudsman yourself" in page and "ask your MP" not in page
    assert "R2_CRIME_RECORDED" not in page and "statutory" not in page.lower()


def test_it_says_the_new_rights_in_welsh(portal_client, jane_case):
    client = portal_client(jane_case)
    client.post("/portal/language/cy/")
    page = client.get("/portal/rights/").content.decode()
    assert "Dylai&#x27;r heddlu gofnodi&#x27;r drosedd y gwnaethoch ei hadrodd." in page
    assert "Ar gyfer penderfyniad gan yr heddlu, gofynnwch o fewn 3 mis i gael gwybod." in page
