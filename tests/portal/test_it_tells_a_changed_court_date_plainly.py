"""A hearing that did not go ahead as listed: the victim reads the date it was set for and the new
date (or that there is none yet) in plain words, in English and in Welsh, and gets the same news
by automatic update; the reason code never reaches them (issue 13, item 3)."""

from __future__ import annotations

from django.utils import translation

from tests.factories import local
from victimcare.cases.services import event_record
from victimcare.notify.messages import event_context, render, sends_update
from victimcare.portal.selectors import timeline


def _listing(case, wendy, day: str):
    return event_record(actor=wendy, case=case, type="hearing_listed", occurred_at=local(2026, 3, 6, 9),
                        payload={"hearing_date": day, "court": "Durham Crown Court", "hearing_kind": "trial"})  # fmt: skip


def test_it_says_the_old_and_the_new_date(portal_client, personas, jane_case):
    wendy = personas["wendy"]
    trial = _listing(jane_case, wendy, "2026-04-20")
    event_record(actor=wendy, case=jane_case, type="trial_ineffective", about=trial, occurred_at=local(2026, 4, 20, 15),
                 payload={"reason": "prosecution_witness_absent", "new_hearing_date": "2026-07-14"})  # fmt: skip
    page = portal_client(jane_case).get("/portal/").content.decode()
    assert (
        "The trial set for 20 April 2026 could not go ahead on the day. This was not because of anything "
        "you did. The new date is 14 July 2026."
    ) in page
    assert "prosecution_witness_absent" not in page and "witness did not attend" not in page


def test_it_says_when_there_is_no_new_date_yet_and_when_a_trial_cracked(personas, jane_case):
    wendy = personas["wendy"]
    first = _listing(jane_case, wendy, "2026-04-20")
    event_record(actor=wendy, case=jane_case, type="hearing_adjourned", about=first, occurred_at=local(2026, 4, 1, 9),
                 payload={"reason": "court_time"})  # fmt: skip
    event_record(actor=wendy, case=jane_case, type="trial_cracked", about=first, occurred_at=local(2026, 4, 2, 9),
                 payload={"reason": "guilty_plea"})  # fmt: skip
    texts = [item.text for item in timeline(jane_case)]
    assert (
        "The court hearing set for 20 April 2026 was postponed. The court has not set a new date yet. "
        "We will tell you when it does."
    ) in texts
    assert (
        "The trial set for 20 April 2026 will not take place. You do not need to go to court to give evidence."
        in texts
    )
    with translation.override("cy"):
        texts = [item.text for item in timeline(jane_case)]
    assert "Cafodd y gwrandawiad llys a bennwyd ar gyfer 20 Ebrill 2026 ei ohirio." in " ".join(texts)


def test_the_automatic_update_gives_the_new_date_in_both_languages():
    payload = {"reason": "court_time", "new_hearing_date": "2026-07-14"}
    assert sends_update("hearing_adjourned", payload) and sends_update(
        "trial_cracked", {"reason": "guilty_plea"}
    )
    context = {"first_name": "Jane", "crime_reference": "DU/1/26", "service_name": "Victim Care"}
    english = render("hearing_adjourned", "en", {**context, **event_context(payload, "en")})
    assert "The new date is Tuesday 14 July 2026." in english.body and "court_time" not in english.body
    welsh = render("hearing_adjourned", "cy", {**context, **event_context(payload, "cy")})
    assert "Y dyddiad newydd yw" in welsh.body and "14 Gorffennaf 2026" in welsh.body
    undated = render("trial_vacated", "en", {**context, **event_context({"reason": "other"}, "en")})
    assert "The court has not set a new date yet." in undated.body
