"""Data entry that helps (issue 15, item 3): a new case starts in the user's own team, the
offences come in the Home Office's order, the crime type is worked out from the offence where it
can be, optional questions say so, and support matching asks for the victim's sex and the area
they live in only where a suggested service turns on them, and matches by where they live."""

from __future__ import annotations

import re

import pytest

from tests.cases.test_open_a_case import crime_form
from tests.factories import make_person
from tests.support.conftest import load_directory
from victimcare.accounts.models import Team
from victimcare.audit.models import Action, AuditEvent
from victimcare.cases.forms import CaseloadFilterForm, CrimeCaseForm
from victimcare.cases.models import VictimCase
from victimcare.cases.synthetic.mapping import OFFENCES
from victimcare.cases.vocab import crime_type_for, offence_choices, offence_codes, police_uk_crime_types
from victimcare.people.forms import PersonForm
from victimcare.people.models import OUTSIDE_THE_AREA

pytestmark = pytest.mark.django_db


def selected_team(html: str) -> str:
    select = re.search(r'<select name="team".*?</select>', html, re.S)
    assert select, "no team field"
    chosen = re.search(r'<option value="(\d*)" selected>([^<]*)</option>', select.group(0))
    return chosen.group(2) if chosen and chosen.group(1) else ""


def test_it_starts_a_new_case_in_the_users_own_team(client_for, personas):
    person = make_person(personas["cara"])
    page = client_for("cara").get(f"/cases/new/for/{person.id}/")
    assert selected_team(page.content.decode()) == "Victim care North"
    # Someone in no team starts with no team chosen, not someone else's.
    personas["cara"].teams.clear()
    assert selected_team(client_for("cara").get(f"/cases/new/for/{person.id}/").content.decode()) == ""


def test_it_lists_offences_in_the_home_offices_order():
    codes = [code for code, _ in offence_choices()]
    assert sorted(codes) == sorted(offence_codes())  # every offence, once
    assert codes.index("2") < codes.index("3A") < codes.index("8N") < codes.index("10A") < codes.index("104")
    assert codes[0] == "1-4.1-4.10-4.2"  # homicide first, as the Home Office lists it


def test_it_works_out_the_crime_type_of_every_offence_but_fraud():
    assert crime_type_for("28E") == "Burglary"
    assert crime_type_for("46") == "Shoplifting"  # narrower than its group, "Theft offences"
    assert crime_type_for("39") == "Theft from the person"
    assert crime_type_for("53D") == ""  # fraud: police.uk does not record it
    assert crime_type_for("nonsense") == ""
    for code in offence_codes():
        assert crime_type_for(code) in (*police_uk_crime_types(), "")
    # The demo seeding's judgement of each offence's type agrees.
    for crime_type, weighted in OFFENCES.items():
        for code, _ in weighted:
            assert crime_type_for(code) == crime_type, code


def test_it_opens_a_case_with_the_crime_type_from_the_offence(client_for, personas):
    person = make_person(personas["cara"])
    response = client_for("cara").post(
        f"/cases/new/for/{person.id}/", crime_form(ho_offence_code="28E", crime_type="")
    )
    assert response.status_code == 302
    assert VictimCase.objects.get(person=person).crime.crime_type == "Burglary"


def test_it_keeps_a_crime_type_chosen_by_hand(client_for, personas):
    person = make_person(personas["cara"])
    client_for("cara").post(
        f"/cases/new/for/{person.id}/", crime_form(ho_offence_code="49", crime_type="Other crime")
    )
    assert VictimCase.objects.get(person=person).crime.crime_type == "Other crime"


def test_it_asks_for_the_crime_type_of_a_fraud(client_for, personas):
    person = make_person(personas["cara"])
    response = client_for("cara").post(
        f"/cases/new/for/{person.id}/", crime_form(ho_offence_code="53D", crime_type="")
    )
    assert response.status_code == 200
    assert "Choose the crime type: it cannot be worked out from this offence" in response.content.decode()
    assert not VictimCase.objects.filter(person=person).exists()


def test_it_marks_optional_questions_and_not_filters_or_conditional_ones():
    form = CrimeCaseForm(teams=Team.objects.none())
    html = str(form)
    assert "Date the crime happened (optional)" in html
    assert "LSOA code (optional)" in html
    assert "Crime reference (optional)" not in html  # required
    assert "Crime type (optional)" not in html  # worked out from the offence, not optional
    assert "Crime flags (optional)" not in html  # "Select all that apply" already says it
    person = str(PersonForm())
    assert "Postcode (optional)" in person
    assert "Why could they not be agreed? (optional)" not in person  # required by another answer
    assert "(optional)" not in str(CaseloadFilterForm(teams=Team.objects.none()))


def test_it_marks_optional_questions_in_welsh_on_the_portal(client):
    from django.utils import translation

    from victimcare.portal.forms import ContactForm

    with translation.override("cy"):
        html = str(ContactForm())
    assert "(dewisol)" in html and "(optional)" not in html


def test_it_matches_support_by_where_the_victim_lives_and_asks_what_it_needs(client_for, personas, case_b):
    load_directory()
    person = case_b.person
    person.sex, person.home_area = "", ""
    person.save()
    crime = case_b.crime
    crime.lsoa_name = "Darlington 012A"  # where the crime happened is not where they live
    crime.domestic_abuse = True  # so a refuge for women is among the suggestions
    crime.save()
    client = client_for("cole")
    url = f"/cases/{case_b.id}/support/suggestions/"
    page = client.get(url).content.decode()
    # Services for women only and services covering one area turn on what is not recorded.
    assert "Narrow these suggestions" in page
    assert 'name="sex"' in page and 'name="home_area"' in page
    assert "Check where they live" in page

    response = client.post(url, {"sex": "male", "home_area": "County Durham"})
    assert response.status_code == 302 and response["Location"] == url
    person.refresh_from_db()
    assert (person.sex, person.home_area) == ("male", "County Durham")
    update = AuditEvent.objects.filter(action=Action.UPDATE, person=person).latest("id")
    assert set(update.changes) == {"sex", "home_area"}  # audited, without the values
    assert "male" not in str(update.changes)

    page = client.get(url)
    names = [item.service.name for item in page.context["suggested"]]
    assert "Money and Debt Advice Durham" in names  # County Durham only: where they live
    assert "Darlington Safe Homes Refuge" not in names  # women only, Darlington
    assert "Narrow these suggestions" not in page.content.decode()  # nothing left to ask


def test_it_records_someone_living_outside_the_force_area(client_for, personas, case_b):
    load_directory()
    client = client_for("cole")
    person = case_b.person
    response = client.post(
        f"/people/{person.id}/edit/",
        {**person_edit_data(person), "home_area": OUTSIDE_THE_AREA},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.home_area == OUTSIDE_THE_AREA
    names = [
        i.service.name for i in client.get(f"/cases/{case_b.id}/support/suggestions/").context["suggested"]
    ]
    assert "Money and Debt Advice Durham" not in names  # covers County Durham only


def test_it_refuses_an_area_not_in_the_list(client_for, personas, case_b):
    person = case_b.person
    response = client_for("cole").post(
        f"/people/{person.id}/edit/", {**person_edit_data(person), "home_area": "Atlantis"}
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.home_area == ""


def person_edit_data(person) -> dict[str, str]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "language": "en",
        "date_of_birth_day": str(person.date_of_birth.day) if person.date_of_birth else "",
        "date_of_birth_month": str(person.date_of_birth.month) if person.date_of_birth else "",
        "date_of_birth_year": str(person.date_of_birth.year) if person.date_of_birth else "",
    }
