"""Signing in: the crime reference and a detail we hold, then the code sent there."""

from __future__ import annotations

from victimcare.audit.models import AuditEvent
from victimcare.notify.models import OutboundMessage
from victimcare.portal.models import PortalAccount, SignInChallenge

from .conftest import last_code, request_code


def test_it_signs_in_with_the_code_sent_by_email(client, jane_case):
    response = request_code(client, "du/00500/26 ", "Jane@Example.com")
    assert response.status_code == 302 and response["Location"] == "/portal/sign-in/code/"
    msg = OutboundMessage.objects.get(template="sign_in_code")
    assert msg.to_address == "jane@example.com" and msg.status == "delivered"
    code = last_code("jane@example.com")
    # The outbox keeps no usable code once the message has gone (only the email itself has it).
    assert code.replace(" ", "") not in msg.body.replace(" ", "") and "removed" in msg.body
    response = client.post("/portal/sign-in/code/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    page = client.get("/portal/")
    assert page.status_code == 200
    assert "DU/00500/26" in page.content.decode()
    account = PortalAccount.objects.get(case=jane_case)
    assert account.role == "victim" and account.last_signed_in_at is not None
    assert AuditEvent.objects.filter(action="sign_in", case=jane_case, actor__isnull=True).exists()


def test_it_signs_in_with_the_code_sent_by_text(client, jane_case):
    request_code(client, "DU/00500/26", "+44 7700 900982")
    assert OutboundMessage.objects.get(template="sign_in_code").channel == "sms"
    response = client.post("/portal/sign-in/code/", {"code": last_code("07700900982")})
    assert response["Location"] == "/portal/"


def test_it_keeps_only_hashes_of_the_code_and_address(client, jane_case):
    request_code(client, "DU/00500/26", "jane@example.com")
    code = last_code("jane@example.com")
    challenge = SignInChallenge.objects.get()
    stored = " ".join(str(v) for v in challenge.__dict__.values())
    assert code not in stored and "jane@example.com" not in stored


def test_it_does_not_send_to_a_detail_marked_unsafe(client, personas):
    from .conftest import victim_case

    vcase = victim_case(personas, reference="DU/00501/26", email_unsafe=True)
    request_code(client, vcase.crime.crime_reference, "jane@example.com")
    assert not OutboundMessage.objects.filter(template="sign_in_code").exists()
    assert SignInChallenge.objects.get().account_id is None


def test_it_picks_the_case_by_the_address_when_a_crime_has_several_victims(client, personas, jane_case):
    from tests.factories import make_person
    from victimcare.cases.models import VictimCase

    other = make_person(personas["cara"], first_name="Sam", last_name="Jones", email="sam@example.com",
                        allowed_channels=["email"])  # fmt: skip
    sam_case = VictimCase.objects.create(
        organisation=jane_case.organisation,
        person=other,
        crime=jane_case.crime,
        opened_at=jane_case.opened_at,
    )
    request_code(client, "DU/00500/26", "sam@example.com")
    client.post("/portal/sign-in/code/", {"code": last_code("sam@example.com")})
    assert PortalAccount.objects.get().case == sam_case
    page = client.get("/portal/").content.decode()
    assert "Hello Sam" in page


def test_it_signs_out_of_the_portal_only(client, jane_case, personas):
    from tests.conftest import verified_client

    staff = verified_client(personas["cara"])
    request_code(staff, "DU/00500/26", "jane@example.com")
    staff.post("/portal/sign-in/code/", {"code": last_code("jane@example.com")})
    assert staff.get("/portal/").status_code == 200
    staff.post("/portal/sign-out/")
    assert staff.get("/portal/")["Location"] == "/portal/sign-in/"
    assert staff.get(f"/cases/{jane_case.id}/").status_code == 200  # still signed in as staff
