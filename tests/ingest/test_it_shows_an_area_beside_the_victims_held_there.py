"""The area page: police.uk crimes by type and outcome by month, for the force or an LSOA,
beside the cases victimcare holds there; supervisors and analysts only, every look audited."""

from __future__ import annotations

import re

import pytest

from tests.ingest.conftest import LSOA
from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/area/"
ALLOWED = ("sue", "fran", "ana")
REFUSED = ("cara", "cole", "olly", "wendy", "pat", "chad", "adam", "otto")


def _row(html: str, table: str, label: str) -> list[str]:
    """The cells of one row (its label first) of one table of the page."""
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    row = body.split(f'data-key="{label}"', 1)[1].split("</tr>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row, re.S)
    ]


def test_it_shows_the_force_area(client_for, area_data) -> None:
    response = client_for("sue").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Figures for the Durham Constabulary area" in html
    # January, February, all months: the Colchester burglary is outside the force area.
    assert _row(html, "crimes", "Burglary") == ["Burglary", "2", "1", "3"]
    assert _row(html, "crimes", "Anti-social behaviour") == ["Anti-social behaviour", "1", "0", "1"]
    assert _row(html, "outcomes", "Suspect charged") == ["Suspect charged", "0", "1", "1"]
    assert 'data-key="Anti-social behaviour"' not in html.split('id="outcomes"')[1].split("</table>")[0]
    # Victims' cases: four burglaries reported in January 2025, five held in all.
    assert _row(html, "cases", "Burglary") == ["Burglary", "4", "0", "5"]
    assert _row(html, "cases", "Robbery") == ["Robbery", "0", "1", "1"]


def test_it_shows_one_lsoa_found_by_code_or_name(client_for, area_data) -> None:
    for text in (LSOA[0].lower(), "county  durham 001a"):
        html = client_for("sue").get(URL, {"lsoa": text}).content.decode()
        assert "Figures for County Durham 001A (E01020634)" in html
        assert _row(html, "crimes", "Burglary") == ["Burglary", "2", "1", "3"]
        assert 'data-key="Robbery"' not in html


def test_it_suppresses_small_numbers_of_victims_for_analysts(client_for, area_data) -> None:
    html = client_for("ana").get(URL).content.decode()
    assert _row(html, "cases", "Burglary") == ["Burglary", "fewer than 5", "0", "5"]
    assert _row(html, "cases", "Robbery") == ["Robbery", "0", "fewer than 5", "fewer than 5"]
    assert _row(html, "crimes", "Robbery") == ["Robbery", "1", "0", "1"]  # police.uk figures are public


def test_it_says_which_field_is_wrong_for_an_unknown_area(client_for, area_data) -> None:
    response = client_for("sue").get(URL, {"lsoa": "Colchester 007G"})  # in the file, outside the force
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and 'href="#id_lsoa"' in html
    assert "Enter an LSOA code or name in the Durham Constabulary area" in html
    assert 'id="crimes"' not in html
    assert not AuditEvent.objects.filter(detail__startswith="area context").exists()


def test_it_audits_every_look(client_for, personas, area_data) -> None:
    client = client_for("ana")
    client.get(URL)
    client.get(URL, {"lsoa": LSOA[0]})
    looks = AuditEvent.objects.filter(actor=personas["ana"], action="view").order_by("id")
    assert [a.detail for a in looks] == [
        "area context: force (Durham Constabulary)", f"area context: {LSOA[0]} (Durham Constabulary)"]  # fmt: skip


def test_it_says_when_nothing_is_loaded(client_for) -> None:
    html = client_for("fran").get(URL).content.decode()
    assert "No police.uk files have been loaded for Durham Constabulary yet" in html


@pytest.mark.parametrize("username", REFUSED)
def test_it_is_not_found_for_everyone_else(client_for, area_data, username) -> None:
    assert client_for(username).get(URL).status_code == 404


@pytest.mark.parametrize("username", ALLOWED + REFUSED)
def test_it_is_in_the_menu_of_those_allowed(client_for, username) -> None:
    html = client_for(username).get(URL).content.decode()  # the 404 page has the menu too
    menu = html.split('aria-label="Menu"', 1)[1].split("</nav>", 1)[0]
    assert (f'href="{URL}"' in menu) is (username in ALLOWED)
