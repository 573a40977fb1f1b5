"""Staff preview every template in English and Welsh."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_and_previews_templates_in_both_languages(client_for):
    client = client_for("cara")
    listing = client.get("/messages/templates/").content.decode()
    assert "Suspect arrested" in listing and "One-time sign-in code" in listing
    en = client.get("/messages/templates/suspect_arrested/?language=en").content.decode()
    assert "The police have arrested someone" in en
    cy = client.get("/messages/templates/suspect_arrested/?language=cy").content.decode()
    assert 'lang="cy"' in cy and "Mae&#x27;r heddlu wedi arestio rhywun" in cy


def test_it_has_no_welsh_staff_templates_and_no_unknown_ones(client_for):
    client = client_for("cara")
    assert client.get("/messages/templates/reminder_digest/?language=en").status_code == 200
    assert client.get("/messages/templates/reminder_digest/?language=cy").status_code == 404
    assert client.get("/messages/templates/nope/").status_code == 404
    assert client_for("pat").get("/messages/templates/").status_code == 404
