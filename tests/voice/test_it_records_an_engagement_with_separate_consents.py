"""A Champion records an engagement: how, where, who it reached, and each consent separately.
Bad input gets an error on the field and stores nothing."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local
from victimcare.audit.models import AuditEvent
from victimcare.voice.models import Engagement

pytestmark = pytest.mark.django_db

VALID = {
    "area": "domestic_abuse",
    "method": "group",
    "place": "Peterlee library",
    "held_on_day": "2",
    "held_on_month": "3",
    "held_on_year": "2026",
    "groups": ["young", "rural"],
    "consents": ["keep", "quote"],
}


@time_machine.travel(local(2026, 3, 10, 12, 0))
def test_it_records_the_engagement_and_each_consent(client_for, personas):
    response = client_for("chad").post("/voice/engagements/new/", VALID)
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert response.url == f"/voice/engagements/{engagement.pk}/"
    assert (engagement.area, engagement.method, engagement.held_on) == (
        "domestic_abuse",
        "group",
        date(2026, 3, 2),
    )
    assert engagement.groups_reached == ["young", "rural"]
    assert (engagement.consent_keep, engagement.consent_quote, engagement.consent_contact, engagement.consent_link) == (
        True, True, False, False,
    )  # fmt: skip
    assert engagement.champion == personas["chad"]
    assert AuditEvent.objects.filter(
        object_type="engagement", object_id=str(engagement.pk), action="create"
    ).exists()


@time_machine.travel(local(2026, 3, 10, 12, 0))
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"held_on_day": "11"}, "held_on", "The date must be today or in the past"),
        ({"consents": ["quote"]}, "consents", "only be quoted if they also agree"),
        (
            {"consents": ["keep", "contact"]},
            "contact_details",
            "Enter how the victim would like to be contacted",
        ),
        ({"contact_details": "07700 900123"}, "contact_details", "has not agreed to be contacted"),
        ({"consents": ["keep", "link"]}, "crime_reference", "Enter the crime reference"),
        ({"method": "carrier_pigeon"}, "method", "Select a valid choice"),
        ({"place": ""}, "place", "Enter where"),
    ],
)
def test_it_refuses_bad_input_and_stores_nothing(client_for, change, field, message):
    response = client_for("chad").post("/voice/engagements/new/", {**VALID, **change})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Engagement.objects.exists()


@time_machine.travel(local(2026, 3, 10, 12, 0))
def test_it_links_the_case_only_when_the_reference_and_date_of_birth_match(client_for, case_a):
    link = {**VALID, "consents": ["keep", "link"], "crime_reference": "DU/00001/26"}
    wrong = client_for("chad").post(
        "/voice/engagements/new/",
        {**link, "date_of_birth_day": "1", "date_of_birth_month": "1", "date_of_birth_year": "1990"},
    )
    assert "No case matches" in wrong.content.decode()
    assert not Engagement.objects.exists()
    dob = case_a.person.date_of_birth
    right = client_for("chad").post(
        "/voice/engagements/new/",
        {
            **link,
            "date_of_birth_day": dob.day,
            "date_of_birth_month": dob.month,
            "date_of_birth_year": dob.year,
        },
    )
    assert right.status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.case == case_a
    page = client_for("chad").get(right.url).content.decode()
    assert "DU/00001/26" in page
    assert AuditEvent.objects.filter(object_type="engagement", action="view", case=case_a).exists()


def test_it_never_gives_a_champion_the_case_page_itself(client_for, case_a):
    assert client_for("chad").get(f"/cases/{case_a.pk}/").status_code == 404
