"""The victims' voice pages for every persona (docs/adr/0036).

A champion's engagements are theirs alone; the OPCC's victim care supervisor (sue) reviews case
studies and records partners' responses; the analyst (ana) sees the theme counts only. Everyone
else gets the same 404 as for a record that does not exist."""

from __future__ import annotations

from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import verified_client
from tests.voice.conftest import make_engagement, subtheme
from victimcare.accounts.models import User
from victimcare.voice.case_study_services import case_study_create
from victimcare.voice.engagement_services import quote_add
from victimcare.voice.recommendation_services import recommendation_raise

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
    "/voice/case-studies/new/",
)
# Who else sees each group (chad always does).
SHARED = {
    "/voice/themes/": {"chad", "sue", "ana"},
    "/voice/themes/figures.csv": {"chad", "sue", "ana"},
    "/voice/themes/{theme}/": {"chad", "sue"},
    "/voice/case-studies/": {"chad", "sue"},
    "/voice/case-studies/{study}/": {"chad", "sue"},
    "/voice/check/case_study/{study}/": {"chad", "sue"},
    "/voice/recommendations/": {"chad", "sue"},
    "/voice/recommendations/new/": {"chad", "sue"},
    "/voice/recommendations/{rec}/": {"chad", "sue"},
    "/voice/recommendations/{rec}/response/": {"chad", "sue"},
    "/voice/check/recommendation/{rec}/": {"chad", "sue"},
}


@pytest.fixture
def ids(personas):
    engagement = make_engagement(personas["chad"])
    quote = quote_add(actor=personas["chad"], engagement=engagement, subtheme=subtheme("Being kept informed"),
                      text="Nobody rang me back.")  # fmt: skip
    study = case_study_create(actor=personas["chad"], title="Waiting", story="She waited.",
                              subtheme_ids=[quote.subtheme_id], engagement_ids=[engagement.pk])  # fmt: skip
    rec = recommendation_raise(actor=personas["chad"], subtheme=quote.subtheme, finding="Not told.", recommendation="Tell.",
                               partner="police", owner=personas["chad"], due=date(2030, 1, 1))  # fmt: skip
    return {"engagement": engagement.pk, "quote": quote.pk, "study": study.pk, "rec": rec.pk,
            "theme": quote.subtheme.theme_id}  # fmt: skip


def _statuses(client_for, path: str) -> dict[str, int]:
    return {p: client_for(p).get(path).status_code for p in STAFF}


@pytest.mark.parametrize("url", CHAMPION_ONLY)
def test_it_gives_the_champions_pages_only_to_the_champion(client_for, ids, url):
    path = url.format(**ids)
    assert _statuses(client_for, path) == {p: 200 if p == "chad" else 404 for p in STAFF}, path


@pytest.mark.parametrize("url", SHARED)
def test_it_gives_the_shared_pages_only_to_those_they_are_for(client_for, ids, url):
    path = url.format(**ids)
    assert _statuses(client_for, path) == {p: 200 if p in SHARED[url] else 404 for p in STAFF}, path


def test_it_gives_another_champion_404_for_chads_engagement(client_for, personas, ids):
    other = User.objects.create_user("chloe", organisation=personas["chad"].organisation, role="champion")
    TOTPDevice.objects.create(user=other, confirmed=True, name="test")
    client = verified_client(other)
    assert client.get(f"/voice/engagements/{ids['engagement']}/").status_code == 404
    assert client.get(f"/voice/check/quote/{ids['quote']}/").status_code == 404
    assert client.get("/voice/").status_code == 200
    assert (
        client.get(f"/voice/check/case_study/{ids['study']}/").status_code == 200
    )  # the team's case studies


def test_it_gives_another_opccs_champion_nothing_of_durhams(personas, ids):
    cleveland = User.objects.create_user("cleo", organisation=personas["otto"].organisation, role="champion")
    TOTPDevice.objects.create(user=cleveland, confirmed=True, name="test")
    client = verified_client(cleveland)
    for url in (*CHAMPION_ONLY[2:], *SHARED):
        if "{" in url and "{theme}" not in url:
            assert client.get(url.format(**ids)).status_code == 404, url
    assert client.get("/voice/themes/").context["counts"].total == 0
    # The taxonomy is shared; what sits under a theme is each office's own.
    evidence = client.get(f"/voice/themes/{ids['theme']}/").content.decode()
    assert "No cleared quotes yet." in evidence and "No approved case studies yet." in evidence
