"""What the check finds can be taken out of the words on the check page itself: a draft case
study by its author, a recommendation's finding by those who manage recommendations."""

from __future__ import annotations

from datetime import date

import pytest

from tests.voice.conftest import subtheme
from victimcare.voice.case_study_services import case_study_create
from victimcare.voice.recommendation_services import recommendation_raise

pytestmark = pytest.mark.django_db


def test_it_changes_a_draft_case_study_and_clears_the_check(client_for, personas, engagement):
    study = case_study_create(actor=personas["chad"], title="Waiting", story="Mrs Dunn waited a year.",
                              subtheme_ids=[subtheme("Waiting for trial").pk], engagement_ids=[engagement.pk])  # fmt: skip
    url = f"/voice/check/case_study/{study.pk}/"
    assert "“Mrs Dunn”" in client_for("chad").get(url).content.decode()
    assert "Change the case study" not in client_for("sue").get(url).content.decode()  # not the author
    response = client_for("chad").post(
        url, {"action": "edit", "title": "Waiting", "story": "She waited a year."}
    )
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.story == "She waited a year."
    assert "found nothing outstanding" in client_for("chad").get(url).content.decode()


def test_it_changes_a_recommendations_finding(client_for, personas):
    rec = recommendation_raise(actor=personas["chad"], subtheme=subtheme("Being kept informed"),
                               finding="Mrs Dunn was not told.", recommendation="Tell victims.", partner="police",
                               owner=personas["chad"], due=date(2030, 1, 1))  # fmt: skip
    url = f"/voice/check/recommendation/{rec.pk}/"
    response = client_for("sue").post(
        url, {"action": "edit", "finding": "Victims were not told.", "recommendation": "Tell victims."}
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.finding == "Victims were not told."
    bad = client_for("sue").post(url, {"action": "edit", "finding": "", "recommendation": "Tell victims."})
    assert bad.status_code == 400
    rec.refresh_from_db()
    assert rec.finding == "Victims were not told."
