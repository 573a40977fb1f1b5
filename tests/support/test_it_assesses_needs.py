"""Needs assessments: drafts never count, completing records the event, a re-assessment is a new
assessment, the history is kept, and answers suggesting enhanced rights prompt staff."""

from __future__ import annotations

import pytest

from victimcare.cases.models import Event
from victimcare.support.models import NeedArea, NeedsAssessment

pytestmark = pytest.mark.django_db


def _form(action: str, **extra: str) -> dict[str, str]:
    data = {f"level_{a.value}": "none" for a in NeedArea}
    data.update({"level_housing": "high", "notes_housing": "Landlord will not change the locks",
                 "level_safety": "medium", "action": action})  # fmt: skip
    data.update(extra)
    return data


def test_it_saves_a_draft_that_never_counts(client_for, case_a):
    client = client_for("cara")
    r = client.post(f"/cases/{case_a.id}/needs/assess/", {"level_housing": "high", "action": "draft"})
    assert r.status_code == 302
    draft = NeedsAssessment.objects.get(case=case_a)
    assert draft.status == "draft" and draft.completed_at is None
    assert not Event.objects.filter(case=case_a, type="needs_assessment_completed").exists()
    page = client.get(f"/cases/{case_a.id}/").content.decode()
    assert "No needs assessment completed yet." in page and "Continue the draft assessment" in page
    # Saving again changes the same draft: there is one draft per case.
    client.post(f"/cases/{case_a.id}/needs/assess/", {"level_housing": "low", "action": "draft"})
    assert NeedsAssessment.objects.filter(case=case_a).count() == 1
    assert NeedsAssessment.objects.get(case=case_a).levels() == {"housing": "low"}


def test_it_completes_an_assessment_and_records_the_event(client_for, case_a):
    r = client_for("cara").post(f"/cases/{case_a.id}/needs/assess/", _form("complete"))
    assert r.status_code == 302
    done = NeedsAssessment.objects.get(case=case_a)
    assert done.status == "complete" and done.completed_at is not None
    assert done.event is not None and done.event.type == "needs_assessment_completed"
    assert done.levels()["housing"] == "high"
    page = client_for("cara").get(f"/cases/{case_a.id}/").content.decode()
    assert "Needs found: Housing (high), Safety and security (medium)." in page


def test_it_refuses_to_complete_with_an_area_unanswered_and_keeps_what_was_typed(client_for, case_a):
    data = _form("complete")
    del data["level_family"]
    r = client_for("cara").post(f"/cases/{case_a.id}/needs/assess/", data)
    body = r.content.decode()
    assert r.status_code == 200 and "govuk-error-summary" in body
    assert "Choose a level of need for children and family" in body
    assert "Landlord will not change the locks" in body
    assert not NeedsAssessment.objects.filter(case=case_a).exists()


def test_it_starts_a_new_assessment_to_reassess_and_keeps_the_history(client_for, case_a):
    client = client_for("cara")
    client.post(f"/cases/{case_a.id}/needs/assess/", _form("complete"))
    first = NeedsAssessment.objects.get(case=case_a)
    form = client.get(f"/cases/{case_a.id}/needs/assess/")
    assert "Reassess needs" in form.content.decode()
    assert form.context["form"].initial["level_housing"] == "high"  # starts from the last answers
    client.post(f"/cases/{case_a.id}/needs/assess/", _form("complete", level_housing="low"))
    assert NeedsAssessment.objects.filter(case=case_a, status="complete").count() == 2
    first.refresh_from_db()
    assert first.levels()["housing"] == "high"  # the earlier assessment is unchanged
    history = client.get(f"/cases/{case_a.id}/needs/").content.decode()
    assert history.count("Completed ") == 2
    assert Event.objects.filter(case=case_a, type="needs_assessment_completed").count() == 2


def test_it_prompts_for_enhanced_rights(client_for, case_b):
    client = client_for("cole")
    client.post(f"/cases/{case_b.id}/needs/assess/", _form("complete", indicators="fear_of_giving_evidence"))
    done = NeedsAssessment.objects.get(case=case_b)
    page = client.get(f"/cases/{case_b.id}/needs/{done.id}/").content.decode()
    assert "This victim may be entitled to enhanced rights." in page
    assert "Is the victim afraid or distressed about giving evidence? Yes." in page
    assert f'href="/cases/{case_b.id}/enhanced-rights/"' in page


def test_it_does_not_prompt_without_a_sign(client_for, case_b):
    client = client_for("cole")
    client.post(f"/cases/{case_b.id}/needs/assess/", _form("complete"))
    done = NeedsAssessment.objects.get(case=case_b)
    assert "enhanced rights" not in client.get(f"/cases/{case_b.id}/needs/{done.id}/").content.decode()


def test_it_hides_assessments_outside_the_users_scope(client_for, case_a):
    client_for("cara").post(f"/cases/{case_a.id}/needs/assess/", _form("complete"))
    done = NeedsAssessment.objects.get(case=case_a)
    for persona in ("cole", "pat", "otto", "ana"):
        client = client_for(persona)
        assert client.get(f"/cases/{case_a.id}/needs/").status_code == 404
        assert client.get(f"/cases/{case_a.id}/needs/{done.id}/").status_code == 404
        assert client.post(f"/cases/{case_a.id}/needs/assess/", _form("draft")).status_code == 404
    assert NeedsAssessment.objects.filter(case=case_a).count() == 1
