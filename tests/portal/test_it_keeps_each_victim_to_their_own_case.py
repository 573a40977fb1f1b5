"""One victim can never see another's case: ids, other references, stale sessions, staff sessions."""

from __future__ import annotations

import re

from django.test import Client

from .conftest import last_code, portal_sign_in, request_code, victim_case


def test_it_shows_only_the_signed_in_case(portal_client, personas, jane_case):
    other = victim_case(personas, reference="DU/00600/26", first_name="Tom", email="tom@example.com")
    client = portal_client(jane_case)
    page = client.get("/portal/").content.decode()
    assert "DU/00500/26" in page and "DU/00600/26" not in page and "Tom" not in page
    for path in (f"/portal/?case={other.id}", f"/portal/rights/?case_id={other.id}", f"/portal/{other.id}/"):
        response = client.get(path)
        assert "DU/00600/26" not in response.content.decode()


def test_it_does_not_sign_in_with_another_cases_reference(client, personas, jane_case):
    victim_case(personas, reference="DU/00600/26", first_name="Tom", email="tom@example.com")
    request_code(client, "DU/00600/26", "jane@example.com")  # Jane's email, Tom's reference
    from victimcare.notify.models import MailboxItem

    assert not MailboxItem.objects.exists()
    assert client.post("/portal/sign-in/code/", {"code": "123456"}).status_code == 200
    assert client.get("/portal/").status_code == 302


def test_it_ends_a_session_when_staff_switch_portal_access_off(portal_client, client_for, jane_case):
    victim = portal_client(jane_case)
    assert victim.get("/portal/").status_code == 200
    cara = client_for("cara")
    response = cara.post(
        f"/portal/staff/cases/{jane_case.id}/access/", {"reason": "Abuser may see her phone"}
    )
    assert response.status_code == 302
    assert victim.get("/portal/")["Location"] == "/portal/sign-in/"
    # and nobody can ask for a working code now
    fresh = Client()
    request_code(fresh, "DU/00500/26", "jane@example.com")
    from victimcare.notify.models import OutboundMessage

    assert OutboundMessage.objects.filter(template="sign_in_code").count() == 1  # the first sign-in only
    # switched on again, the old session stays ended
    cara.post(f"/portal/staff/cases/{jane_case.id}/access/", {"enabled": "on"})
    assert victim.get("/portal/")["Location"] == "/portal/sign-in/"


def test_it_refuses_switching_off_without_a_reason(client_for, jane_case):
    response = client_for("cara").post(f"/portal/staff/cases/{jane_case.id}/access/", {"reason": ""})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


def test_it_hides_the_staff_portal_actions_from_staff_outside_the_case(client_for, jane_case):
    missing = client_for("cole").get("/portal/staff/cases/999999/access/")
    hidden = client_for("cole").get(f"/portal/staff/cases/{jane_case.id}/access/")
    assert hidden.status_code == missing.status_code == 404

    def strip(body: bytes) -> bytes:  # the per-response CSP nonce and masked CSRF token
        body = re.sub(rb'nonce="[^"]*"', b"", body)
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)

    assert strip(hidden.content) == strip(missing.content)


def test_it_does_not_let_a_staff_session_into_the_portal(client_for, jane_case):
    assert client_for("cara").get("/portal/")["Location"] == "/portal/sign-in/"


def test_it_does_not_let_a_portal_session_into_staff_pages(portal_client, jane_case):
    client = portal_client(jane_case)
    response = client.get(f"/cases/{jane_case.id}/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert "portal" not in response["Location"]


def test_it_times_out_after_20_idle_minutes(portal_client, jane_case):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    client = portal_client(jane_case)
    with time_machine.travel(timezone.now() + timedelta(minutes=19)):
        assert client.get("/portal/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=19 + 21)):
        assert client.get("/portal/")["Location"] == "/portal/sign-in/"
        assert "You were signed out" in client.get("/portal/sign-in/").content.decode()


def test_it_ends_a_session_at_the_absolute_limit(portal_client, jane_case, settings):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    client = portal_client(jane_case)
    start = timezone.now()
    minutes = 0
    while minutes < settings.PORTAL_MAX_HOURS * 60 - 15:
        minutes += 15
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get("/portal/rights/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=settings.PORTAL_MAX_HOURS * 60 + 1)):
        assert client.get("/portal/").status_code == 302


def test_it_ends_a_removed_representatives_session(client_for, personas):
    child = victim_case(personas, reference="DU/00511/26", email="", phone="", allowed_channels=[])
    cara = client_for("cara")
    cara.post(f"/portal/staff/cases/{child.id}/people/new/", {"role": "parent", "first_name": "Pat",
              "last_name": "Smith", "email": "pat@example.com", "language": "en"})  # fmt: skip
    parent = Client()
    portal_sign_in(parent, "DU/00511/26", "pat@example.com")
    assert parent.get("/portal/").status_code == 200
    account = child.portal_accounts.get()
    cara.post(f"/portal/staff/cases/{child.id}/people/{account.id}/remove/")
    assert parent.get("/portal/").status_code == 302
    request_code(Client(), "DU/00511/26", "pat@example.com")
    assert last_code("pat@example.com")  # only the first message exists
    from victimcare.notify.models import OutboundMessage

    assert OutboundMessage.objects.filter(template="sign_in_code").count() == 1
