"""Retention is the OPCC administrator's (ADMINISTER_RETENTION): every other persona gets "Page
not found" on every retention page, as for a missing record, and the menu offers it to the
administrator only. Another organisation's case is not found either."""

from __future__ import annotations

import pytest

from victimcare.access.navigation import menu_items
from victimcare.dataprotection.models import ErasureRecord, LegalHold

pytestmark = pytest.mark.django_db

PAGES = [
    "/data-protection/retention/",
    "/data-protection/retention/schedule/",
    "/data-protection/retention/schedule/case/",
    "/data-protection/retention/cases/{case}/",
    "/data-protection/retention/people/{person}/",
    "/data-protection/retention/erasures/",
]


def test_it_answers_page_not_found_to_everyone_else(personas, case_a, client_for):
    for name in personas:
        if name == "adam":
            continue
        client = client_for(name)
        for page in PAGES:
            url = page.format(case=case_a.id, person=case_a.person_id)
            assert client.get(url).status_code == 404, (name, url)
            assert client.post(url, {"action": "hold", "hold-reason": "x"}).status_code == 404, (name, url)
    assert not LegalHold.objects.exists() and not ErasureRecord.objects.exists()


def test_it_hides_another_organisations_case(personas, case_other, client_for):
    adam = client_for("adam")
    assert adam.get(f"/data-protection/retention/cases/{case_other.id}/").status_code == 404
    assert adam.get(f"/data-protection/retention/people/{case_other.person_id}/").status_code == 404
    assert adam.get("/data-protection/retention/cases/987654321/").status_code == 404


def test_it_is_in_the_menu_for_the_administrator_only(personas):
    for name, user in personas.items():
        offered = ("Retention", "/data-protection/retention/") in menu_items(user)
        assert offered == (name == "adam"), name
