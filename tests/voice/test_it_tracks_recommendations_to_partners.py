""" "You said, we did": a finding becomes a recommendation to a named partner agency with an
owner and a due date; the partner's response, what changed and the evidence are recorded
through the status table; a victim care supervisor publishes it once it is checked."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from tests.factories import local
from tests.voice.conftest import subtheme
from victimcare.voice.models import Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(local(2026, 3, 20, 12, 0), tick=False):
        yield


def _raise(client, personas, **change):
    data = {"subtheme": subtheme("Being kept informed").pk, "finding": "Victims were not told when a suspect was released.",
            "recommendation": "Tell victims within a day of a release.", "partner": "police",
            "owner": personas["chad"].pk, "due_day": "30", "due_month": "4", "due_year": "2026", **change}  # fmt: skip
    return client.post("/voice/recommendations/new/", data)


def test_it_raises_a_recommendation_to_the_police(client_for, personas):
    response = _raise(client_for("chad"), personas)
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert (rec.partner, rec.owner, rec.due, rec.status) == (
        "police",
        personas["chad"],
        date(2026, 4, 30),
        "raised",
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [({"partner": "the_moon"}, "partner"), ({"due_year": "2025"}, "due"), ({"owner": "999999"}, "owner"),
     ({"finding": ""}, "finding")],
)  # fmt: skip
def test_it_refuses_bad_input_and_stores_nothing(client_for, personas, change, field):
    response = _raise(client_for("chad"), personas, **change)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Recommendation.objects.exists()


def test_it_does_not_offer_someone_who_cannot_chase_it_as_owner(client_for, personas):
    assert "owner" in _raise(client_for("chad"), personas, owner=personas["cara"].pk).context["form"].errors


def test_it_records_the_response_and_what_changed(client_for, personas):
    _raise(client_for("chad"), personas)
    rec = Recommendation.objects.get()
    sue = client_for("sue")
    missing = sue.post(
        f"/voice/recommendations/{rec.pk}/response/", {"status": "changed", "partner_response": "Agreed."}
    )
    assert {"what_changed", "evidence"} <= set(missing.context["form"].errors)
    response = sue.post(
        f"/voice/recommendations/{rec.pk}/response/",
        {"status": "changed", "partner_response": "Agreed: officers will call within 24 hours.",
         "what_changed": "Victims are now called within a day of a release.", "evidence": "Force policy update."},
    )  # fmt: skip
    assert response.status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.what_changed) == ("changed", "Victims are now called within a day of a release.")
    # A changed recommendation cannot go back to waiting or be withdrawn.
    back = sue.post(
        f"/voice/recommendations/{rec.pk}/response/", {"status": "responded", "partner_response": "x"}
    )
    assert back.status_code == 200 and back.context["form"].errors
    assert sue.post(f"/voice/recommendations/{rec.pk}/", {"action": "withdraw"}).status_code == 400


def test_it_publishes_only_after_a_response_and_only_by_a_supervisor(client_for, personas):
    _raise(client_for("chad"), personas)
    rec = Recommendation.objects.get()
    early = client_for("sue").post(f"/voice/recommendations/{rec.pk}/", {"action": "publish"})
    assert early.status_code == 400 and "has not responded yet" in early.content.decode()
    client_for("sue").post(
        f"/voice/recommendations/{rec.pk}/response/",
        {"status": "responded", "partner_response": "We will look at it."},
    )
    assert (
        client_for("chad").post(f"/voice/recommendations/{rec.pk}/", {"action": "publish"}).status_code == 400
    )
    assert (
        client_for("sue").post(f"/voice/recommendations/{rec.pk}/", {"action": "publish"}).status_code == 302
    )
    rec.refresh_from_db()
    assert rec.published_by == personas["sue"]


def test_it_blocks_publishing_words_that_could_identify_someone(client_for, personas):
    _raise(client_for("chad"), personas, finding="Mrs Dunn was not told her attacker was released.")
    rec = Recommendation.objects.get()
    sue = client_for("sue")
    sue.post(
        f"/voice/recommendations/{rec.pk}/response/", {"status": "responded", "partner_response": "Noted."}
    )
    refused = sue.post(f"/voice/recommendations/{rec.pk}/", {"action": "publish"})
    assert refused.status_code == 400 and "could identify someone" in refused.content.decode()
    rec.refresh_from_db()
    assert rec.published_at is None


def test_it_lists_overdue_recommendations(client_for, personas):
    _raise(client_for("chad"), personas)
    with time_machine.travel(local(2026, 5, 2, 12, 0), tick=False):
        page = client_for("chad").get("/voice/recommendations/").content.decode()
    assert "Overdue" in page
