"""Every victim template renders in English and Welsh, in plain words, with no internal codes."""

from __future__ import annotations

import re

import pytest

from victimcare.notify import messages

VICTIM = messages.VICTIM_TEMPLATES


@pytest.mark.parametrize("key", VICTIM)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_it_renders_every_victim_template(key, language):
    rendered = messages.render(key, language, messages.sample_context(language, key))
    assert rendered.subject and rendered.body
    assert "{{" not in rendered.body and "{%" not in rendered.body
    # No internal codes: event type names, rule ids, Python reprs.
    assert not re.search(r"[a-z]+_[a-z]+", rendered.body.replace("portal_url", "")), rendered.body
    assert "None" not in rendered.body


def test_it_has_the_same_templates_in_welsh_and_english():
    english = set(messages._catalogue("en")) - set(messages.STAFF_TEMPLATES)
    assert english == set(messages._catalogue("cy"))


def test_it_writes_the_arrest_update_in_welsh():
    rendered = messages.render("suspect_arrested", "cy", {"first_name": "Siân", "crime_reference": "DU/1/26"})
    assert rendered.body.startswith("Annwyl Siân,")
    assert "Mae'r heddlu wedi arestio rhywun" in rendered.body


def test_it_writes_dates_in_the_victims_language():
    from datetime import date

    assert messages.format_date(date(2026, 4, 7), "en") == "Tuesday 7 April 2026"
    assert messages.format_date(date(2026, 4, 7), "cy") == "dydd Mawrth 7 Ebrill 2026"
    ctx = messages.event_context({"hearing_date": "2026-06-02", "court": "Durham Crown Court"}, "cy")
    body = messages.render("hearing_listed", "cy", ctx).body
    assert "Dyddiad: dydd Mawrth 2 Mehefin 2026" in body and "Llys: Durham Crown Court" in body


def test_it_tells_the_victim_how_to_ask_for_a_review():
    for key in ("suspect_released_no_further_action", "cps_decision_not_to_charge"):
        assert "Victims' Right to Review" in messages.render(key, "en", {}).body
        assert "Hawl Dioddefwyr i Adolygiad" in messages.render(key, "cy", {}).body


def test_it_leaves_out_details_that_were_not_recorded():
    body = messages.render("suspect_bailed", "en", {"first_name": "Jane", "crime_reference": "X"}).body
    assert "bail lasts until" not in body and "conditions:" not in body
    assert "\n\n\n" not in body


def test_it_uses_neutral_words_in_discreet_mode():
    rendered = messages.render("suspect_arrested", "en", messages.sample_context("en"), discreet=True)
    assert rendered.subject == "You have a new message"
    assert rendered.body == "You have a new message. Sign in to read it: https://victim-care.example/portal/"
    assert "police" not in rendered.body.lower() and "crime" not in rendered.body.lower()


def test_it_keeps_the_sign_in_code_in_discreet_mode():
    assert "482 913" in messages.render("sign_in_code", "en", {"code": "482 913"}, discreet=True).body


@pytest.mark.parametrize("key", messages.STAFF_TEMPLATES)
def test_it_renders_staff_templates_in_english(key):
    rendered = messages.render(key, "cy", messages.sample_context("en"))
    assert rendered.subject and "{{" not in rendered.body
