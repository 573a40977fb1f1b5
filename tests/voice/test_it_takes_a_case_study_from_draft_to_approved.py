"""A case study: written by a Champion from engagements where the victim agreed to be quoted,
checked, reviewed by someone else, approved by a victim care supervisor (draft -> reviewed ->
approved, or back to draft); withdrawing the quoting consent deletes it."""

from __future__ import annotations

import pytest

from tests.voice.conftest import make_engagement, subtheme
from victimcare.voice.engagement_services import Consents, consent_withdraw
from victimcare.voice.models import CaseStudy

pytestmark = pytest.mark.django_db


def _write(client, engagement, story="She waited a year for the trial and no one explained why."):
    response = client.post(
        "/voice/case-studies/new/",
        {"title": "A year of waiting", "story": story, "subthemes": [subtheme("Waiting for trial").pk],
         "engagements": [engagement.pk]},
    )  # fmt: skip
    return response


def test_it_moves_through_review_and_approval(client_for, personas, engagement):
    chad, sue = client_for("chad"), client_for("sue")
    response = _write(chad, engagement)
    study = CaseStudy.objects.get()
    assert response.url == f"/voice/check/case_study/{study.pk}/"
    assert study.status == "draft" and list(study.engagements.all()) == [engagement]
    # Its author cannot review it.
    assert chad.post(f"/voice/case-studies/{study.pk}/", {"to": "reviewed"}).status_code == 400
    assert sue.post(f"/voice/case-studies/{study.pk}/", {"to": "reviewed"}).status_code == 302
    assert sue.post(f"/voice/case-studies/{study.pk}/", {"to": "approved"}).status_code == 302
    study.refresh_from_db()
    assert (study.status, study.reviewed_by, study.approved_by) == (
        "approved",
        personas["sue"],
        personas["sue"],
    )
    theme = subtheme("Waiting for trial").theme
    assert "A year of waiting" in chad.get(f"/voice/themes/{theme.pk}/").content.decode()


def test_it_blocks_review_while_the_check_finds_something(client_for, engagement):
    _write(client_for("chad"), engagement, story="Mrs Dunn of 12 Front Street waited a year.")
    study = CaseStudy.objects.get()
    response = client_for("sue").post(f"/voice/case-studies/{study.pk}/", {"to": "reviewed"})
    assert response.status_code == 400
    assert "Remove or confirm each thing the check found first" in response.content.decode()
    study.refresh_from_db()
    assert study.status == "draft"


def test_it_draws_only_on_engagements_with_consent_to_quote(client_for, personas):
    kept_only = make_engagement(personas["chad"], consents=Consents(keep=True))
    response = _write(client_for("chad"), kept_only)
    assert response.status_code == 200
    assert "engagements" in response.context["form"].errors
    assert not CaseStudy.objects.exists()


def test_it_deletes_the_case_study_when_quoting_consent_is_withdrawn(client_for, personas, engagement):
    _write(client_for("chad"), engagement)
    withdrawal = consent_withdraw(actor=personas["chad"], engagement=engagement, kind="quote")
    assert withdrawal.removed == "0 quotes and 1 case study deleted."
    assert not CaseStudy.objects.exists()


def test_it_never_shows_case_studies_to_analysts_or_case_staff(client_for, engagement):
    _write(client_for("chad"), engagement)
    study = CaseStudy.objects.get()
    for persona in ("ana", "cara", "olly", "adam", "pat"):
        assert client_for(persona).get(f"/voice/case-studies/{study.pk}/").status_code == 404
        assert client_for(persona).get("/voice/case-studies/").status_code == 404
