"""The invitation's link opens that moment's survey without signing in: once, for a limited
time, and only as signed. An altered link is "Page not found" (docs/adr/0049)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone

from tests.factories import local
from victimcare.audit.models import AuditEvent
from victimcare.cases.services import event_record
from victimcare.voice.invitations import CLOSED, EXPIRED, INVALID, SALT, invitation_open, link_token
from victimcare.voice.models import SurveyAgencyAnswer, SurveyInvitation, SurveyOptOut, SurveyResponse

pytestmark = pytest.mark.django_db

ANSWERS = {"overall": "satisfied", "kept_informed": "mostly", "respect": "yes", "knew_code": "no"}


@pytest.fixture
def invited(victim_case, personas, monkeypatch):
    """vic's case reached its outcome at 12:00 on 5 March 2026; the token of her invitation."""
    secrets_seen: list[str] = []
    import secrets

    real = secrets.token_urlsafe

    def remember(n: int) -> str:
        secrets_seen.append(real(n))
        return secrets_seen[-1]

    monkeypatch.setattr("victimcare.voice.invitations.secrets.token_urlsafe", remember)
    with time_machine.travel(local(2026, 3, 5, 12, 0), tick=False):
        event_record(
            actor=personas["olly"],
            case=victim_case,
            type="case_outcome_received",
            occurred_at=local(2026, 3, 5, 11, 0),
            payload={"outcome": "guilty plea"},
        )
    invitation = SurveyInvitation.objects.get(case=victim_case)
    return invitation, link_token(invitation, secrets_seen[-1])


def _url(token: str) -> str:
    return f"/portal/feedback/link/{token}/"


def test_it_opens_the_survey_without_signing_in(invited):
    invitation, token = invited
    with time_machine.travel(local(2026, 3, 6, 9, 0), tick=False):
        response = Client().get(_url(token))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tell us how we did" in body and "Your case has reached an outcome" in body
    assert "How satisfied are you with how the police dealt with you?" in body
    assert "Have the police kept you regularly informed" in body
    assert "DU/00101/26" not in body and "Jane" not in body  # nothing about the case or the victim
    assert AuditEvent.objects.filter(case_id=invitation.case_id, detail="survey by link").exists()


def test_it_records_the_answers_and_then_the_link_is_used_up(invited):
    invitation, token = invited
    client = Client()
    with time_machine.travel(local(2026, 3, 6, 9, 0), tick=False):
        response = client.post(
            _url(token),
            {**ANSWERS, "vc_kept_informed": "no", "agency_police": "dissatisfied", "comments": "Too slow"},
        )
        assert response.status_code == 302 and response["Location"] == "/portal/feedback/link/thanks/"
        saved = SurveyResponse.objects.get(case=invitation.case)
        assert saved.moment == "outcome" and saved.vc_kept_informed == "no" and saved.invitation == invitation
        assert not saved.comments_to_champions
        assert SurveyAgencyAnswer.objects.get(response=saved).answer == "dissatisfied"
        invitation.refresh_from_db()
        assert invitation.used_at is not None
        again = client.get(_url(token))
        assert again.status_code == 200 and "This survey link no longer works" in again.content.decode()
        assert invitation_open(token).problem == CLOSED
        client.post(_url(token), ANSWERS)
    assert SurveyResponse.objects.filter(case=invitation.case).count() == 1


def test_it_shows_errors_and_keeps_nothing_for_bad_answers(invited):
    invitation, token = invited
    with time_machine.travel(local(2026, 3, 6, 9, 0), tick=False):
        response = Client().post(_url(token), {**ANSWERS, "overall": "ecstatic", "vc_referred": "maybe"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    assert invitation_open(token, now=local(2026, 3, 6, 9, 0)).invitation == invitation


def test_it_refuses_an_altered_token_as_page_not_found(invited):
    invitation, token = invited
    head, _, tail = token.rpartition(":")
    altered = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        ("x" + token[1:]) if token[0] != "x" else ("y" + token[1:]),  # the payload
        "nothing-here",
        signing.dumps({"i": invitation.pk, "s": "guessed"}, salt=SALT, compress=True),  # wrong secret
        signing.dumps({"i": invitation.pk, "s": "guessed"}, salt="another.use", compress=True),
        signing.dumps({"i": "1", "s": 2}, salt=SALT),
    ]
    for bad in altered:
        assert invitation_open(bad).problem == INVALID, bad
        response = Client().get(_url(bad))
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
    assert head and tail


def test_it_refuses_a_link_after_it_expires(invited, settings):
    invitation, token = invited
    with time_machine.travel(invitation.created_at + timedelta(days=settings.SURVEY_LINK_DAYS, minutes=1)):
        assert invitation_open(token).problem == EXPIRED
        response = Client().get(_url(token))
    assert response.status_code == 200 and "The link has expired" in response.content.decode()
    # The stored expiry holds too, even with a signature that is still young.
    SurveyInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert invitation_open(token).problem == EXPIRED


def test_it_turns_down_this_moment_or_every_survey(invited):
    invitation, token = invited
    with time_machine.travel(local(2026, 3, 6, 9, 0), tick=False):
        response = Client().post(_url(token) + "no-thanks/", {"stop": "yes"})
        assert response.status_code == 200
        assert "We will not send you any more surveys" in response.content.decode()
        assert SurveyOptOut.objects.filter(person=invitation.case.person).exists()
        assert invitation_open(token).problem == CLOSED


def test_it_shows_the_survey_in_welsh_to_a_victim_who_speaks_welsh(invited):
    invitation, token = invited
    person = invitation.case.person
    person.language = "cy"
    person.save()
    with time_machine.travel(local(2026, 3, 6, 9, 0), tick=False):
        response = Client().get(_url(token))
    body = response.content.decode()
    assert "Dywedwch wrthym sut wnaethom ni" in body
    assert "Ydy&#x27;r heddlu wedi rhoi gwybod i chi" in body
