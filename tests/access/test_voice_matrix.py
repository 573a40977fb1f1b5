"""The victims' voice pages for every persona (docs/adr/0036).

A champion's engagements are theirs alone; the OPCC's victim care supervisor (sue) reviews case
studies and records partners' responses; the analyst (ana) sees the theme counts only. Everyone
else gets the same 404 as for a record that does not exist."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import verified_client
from tests.voice.conftest import make_engagement, subtheme
from victimcare.accounts.models import User
from victimcare.voice.engagement_services import quote_add

pytestmark = pytest.mark.django_db

STAFF = ("cara", "cole", "sue", "olly", "fran", "wendy", "pat", "chad", "ana", "adam", "otto")

CHAMPION_ONLY = (
    "/voice/",
    "/voice/engagements/new/",
    "/voice/engagements/{engagement}/",
    "/voice/engagements/{engagement}/account/",
    "/voice/engagements/{engagement}/concerns/new/",
    "/voice/engagements/{engagement}/quotes/new/",
    "/voice/engagements/{engagement}/consent/keep/withdraw/",
    "/voice/engagements/{engagement}/consent/contact/withdraw/",
    "/voice/check/quote/{quote}/",
)


@pytest.fixture
def ids(personas):  # type: ignore[no-untyped-def]
    engagement = make_engagement(personas["chad"])
    quote = quote_add(actor=personas["chad"], engagement=engagement, subtheme=subtheme("Being kept informed"),
                      text="Nobody rang me back.")  # fmt: skip
    return {"engagement": engagement.pk, "quote": quote.pk}


def _statuses(client_for, path: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {p: client_for(p).get(path).status_code for p in STAFF}


@pytest.mark.parametrize("url", CHAMPION_ONLY)
def test_it_gives_the_champions_pages_only_to_the_champion(client_for, ids, url):
    path = url.format(**ids)
    assert _statuses(client_for, path) == {p: 200 if p == "chad" else 404 for p in STAFF}, path


def test_it_gives_another_champion_404_for_chads_engagement(client_for, personas, ids):
    other = User.objects.create_user("chloe", organisation=personas["chad"].organisation, role="champion")
    TOTPDevice.objects.create(user=other, confirmed=True, name="test")
    client = verified_client(other)
    assert client.get(f"/voice/engagements/{ids['engagement']}/").status_code == 404
    assert client.get(f"/voice/check/quote/{ids['quote']}/").status_code == 404
    assert client.get("/voice/").status_code == 200
