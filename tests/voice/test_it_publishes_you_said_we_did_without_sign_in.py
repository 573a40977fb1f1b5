"""The public "you said, we did" page: no sign-in, only published entries with a response,
each checked again as it is shown, nothing about any victim."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from tests.voice.conftest import subtheme
from victimcare.voice.models import Recommendation, SafeFinding
from victimcare.voice.recommendation_services import (
    recommendation_publish,
    recommendation_raise,
    recommendation_respond,
)

pytestmark = pytest.mark.django_db


def _rec(personas, finding: str, *, publish: bool = True) -> Recommendation:
    rec = recommendation_raise(
        actor=personas["chad"], subtheme=subtheme("Being kept informed"), finding=finding,
        recommendation="Tell victims within a day.", partner="police", owner=personas["chad"], due=date(2026, 4, 30),
    )  # fmt: skip
    recommendation_respond(actor=personas["sue"], rec=rec, status="changed", partner_response="Agreed.",
                           what_changed="Victims are called within a day.", evidence="Policy 12.")  # fmt: skip
    if publish:
        recommendation_publish(actor=personas["sue"], rec=rec)
    return rec


def _page(personas) -> str:
    response = Client().get(f"/you-said-we-did/{personas['sue'].organisation_id}/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_published_entries_to_anyone(personas):
    _rec(personas, "Victims were not told when a suspect was released.")
    _rec(personas, "Victims waited too long for a call back.", publish=False)
    page = _page(personas)
    assert "Victims were not told when a suspect was released." in page
    assert "Victims are called within a day." in page
    assert "Victims waited too long" not in page
    assert "Policy 12." not in page  # the evidence stays inside


def test_it_never_shows_words_that_fail_the_check_even_if_published(personas):
    rec = _rec(personas, "Victims were not told when a suspect was released.")
    # Someone changes the stored words behind the service's back: the page checks again.
    Recommendation.objects.filter(pk=rec.pk).update(finding="Mrs Dunn of DH1 3AB was not told.")
    page = _page(personas)
    assert "Mrs Dunn" not in page and "DH1 3AB" not in page
    assert "There is nothing to show yet." in page


def test_it_shows_a_finding_a_person_confirmed_safe(personas):
    rec = _rec(personas, "Victims were not told when a suspect was released.")
    Recommendation.objects.filter(pk=rec.pk).update(finding="Victims in Grace ward were not told.")
    SafeFinding.objects.create(target="recommendation", target_id=rec.pk, kind="name", text="Grace",
                               confirmed_by=personas["sue"], confirmed_at=rec.created_at)  # fmt: skip
    assert "Victims in Grace ward were not told." in _page(personas)


def test_it_comes_off_the_page_when_the_response_changes(personas):
    rec = _rec(personas, "Victims were not told when a suspect was released.")
    recommendation_respond(actor=personas["sue"], rec=rec, status="changed", partner_response="Agreed, again.",
                           what_changed="Calls within a day.", evidence="Policy 13.")  # fmt: skip
    assert "nothing to show yet" in _page(personas)


def test_it_is_only_for_an_opccs_page(personas):
    force = personas["olly"].organisation_id
    assert Client().get(f"/you-said-we-did/{force}/").status_code == 404
    assert Client().get("/you-said-we-did/999999/").status_code == 404
