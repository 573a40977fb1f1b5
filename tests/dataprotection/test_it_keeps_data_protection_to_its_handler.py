"""Only the data protection officer (HANDLE_SUBJECT_ACCESS: the OPCC's administrator, adam)
opens the data protection pages; everyone else gets "Page not found", as for a missing record,
and so does the handler for another organisation's request or person."""

from __future__ import annotations

import pytest

from tests.conftest import verified_client
from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import Organisation, Role, User
from victimcare.dataprotection.services import sar_assemble, sar_review_start

pytestmark = pytest.mark.django_db

OTHERS = ("cara", "cole", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "otto")


def _urls(sar, person) -> list[str]:
    base = f"/data-protection/requests/{sar.id}"
    return ["/data-protection/", "/data-protection/requests/new/", f"{base}/", f"{base}/review/",
            f"{base}/response.pdf", f"{base}/response.zip", f"/data-protection/people/{person.id}/",
            f"/data-protection/people/{person.id}/rectify/"]  # fmt: skip


def test_only_the_handler_has_the_capability(personas):
    assert [name for name, user in personas.items() if can(user, Capability.HANDLE_SUBJECT_ACCESS)] == [
        "adam"
    ]


@pytest.mark.parametrize("username", OTHERS)
def test_everyone_else_gets_page_not_found(client_for, personas, sar, seeded, username):
    client = client_for(username)
    for url in _urls(sar, seeded.person):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/data-protection/requests/{sar.id}/", {"action": "nothing_held"}).status_code == 404
    assert client.post(f"/data-protection/people/{seeded.person.id}/", {"reason": "x"}).status_code == 404
    sar.refresh_from_db()
    assert sar.status == "received" and not seeded.person.restrictions.exists()


def test_the_handler_opens_them(client_for, personas, sar, seeded):
    sar_review_start(
        actor=personas["adam"], sar=sar_assemble(actor=personas["adam"], sar=sar, person=seeded.person)
    )
    client = client_for("adam")
    for url in _urls(sar, seeded.person)[:4] + _urls(sar, seeded.person)[6:]:
        assert client.get(url).status_code == 200, url


def test_another_organisations_handler_sees_nothing_of_it(personas, sar, seeded):
    cleveland = Organisation.objects.get(name="Cleveland Police and Crime Commissioner")
    other = User.objects.create_user("cleo", organisation=cleveland, role=Role.ADMIN, password="x")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=other, name="default", confirmed=True)
    client = verified_client(other)
    assert client.get("/data-protection/").status_code == 200
    for url in _urls(sar, seeded.person)[2:]:
        assert client.get(url).status_code == 404, url
