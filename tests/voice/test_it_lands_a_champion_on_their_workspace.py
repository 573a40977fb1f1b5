"""A Victims' Champion signs in to their own workspace, not to a "Page not found"."""

from __future__ import annotations

from datetime import date

import pytest

from tests.voice.conftest import make_engagement
from victimcare.accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_sends_a_champion_from_the_home_page_to_their_engagements(client_for):
    response = client_for("chad").get("/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/voice/"
    assert "Your engagements" in response.content.decode()


def test_it_shows_a_champion_their_engagements_in_the_menu(client_for):
    page = client_for("chad").get("/voice/").content.decode()
    assert 'href="/voice/"' in page
    assert "Record an engagement" in page


def test_it_keeps_everyone_else_landing_where_they_did(client_for):
    assert client_for("cara").get("/").url == "/cases/"
    assert client_for("pat").get("/").url == "/provider/"


def test_it_shows_a_champion_only_their_own_engagements(client_for, personas, engagement):
    other = User.objects.create_user("chloe", organisation=personas["chad"].organisation, role="champion")
    make_engagement(other, held_on=date(2026, 1, 5))
    page = client_for("chad").get("/voice/").content.decode()
    assert "2 March 2026" in page
    assert "5 January 2026" not in page
