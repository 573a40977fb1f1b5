"""The victim's account: journey stages and agencies, what went well and what did not, each
concern coded to a sub-theme; quotes cleared for use only when the redaction check is clear."""

from __future__ import annotations

import pytest

from tests.voice.conftest import subtheme
from victimcare.voice.models import Account, Concern, Quote, SafeFinding

pytestmark = pytest.mark.django_db


def test_it_saves_the_account(client_for, engagement):
    response = client_for("chad").post(
        f"/voice/engagements/{engagement.pk}/account/",
        {"stages": ["reporting", "court"], "agencies": ["police", "wcu"], "went_well": "The officer was kind.",
         "went_badly": "No one said when the trial was."},
    )  # fmt: skip
    assert response.status_code == 302
    account = Account.objects.get(engagement=engagement)
    assert (account.stages, account.agencies) == (["reporting", "court"], ["police", "wcu"])
    page = client_for("chad").get(response.url).content.decode()
    assert "Reporting the crime, Going to court" in page and "Police, Witness Care Unit" in page


def test_it_codes_a_concern_to_a_sub_theme(client_for, engagement):
    informed = subtheme("Being kept informed")
    response = client_for("chad").post(
        f"/voice/engagements/{engagement.pk}/concerns/new/",
        {
            "subtheme": informed.pk,
            "agency": "police",
            "stage": "investigation",
            "summary": "Not told of the release",
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (concern.subtheme, concern.agency, concern.stage) == (informed, "police", "investigation")


def test_it_refuses_a_concern_with_no_theme_and_stores_nothing(client_for, engagement):
    response = client_for("chad").post(
        f"/voice/engagements/{engagement.pk}/concerns/new/",
        {"subtheme": "999999", "agency": "police", "stage": "x"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"subtheme", "stage", "summary"}
    assert not Concern.objects.exists()


def _add_quote(client, engagement, text):
    response = client.post(
        f"/voice/engagements/{engagement.pk}/quotes/new/",
        {"subtheme": subtheme("Being kept informed").pk, "text": text},
    )
    assert response.status_code == 302
    quote = Quote.objects.latest("id")
    assert response.url == f"/voice/check/quote/{quote.pk}/"
    return quote


def test_it_blocks_a_quote_until_each_finding_is_removed_or_confirmed(client_for, personas, engagement):
    chad = client_for("chad")
    quote = _add_quote(chad, engagement, "Grace at the station said PC Wright would ring me on 07700 900123.")
    page = chad.get(f"/voice/check/quote/{quote.pk}/").content.decode()
    assert "“PC Wright”" in page and "“07700 900123”" in page and "“Grace”" in page
    refused = chad.post(f"/voice/check/quote/{quote.pk}/", {"action": "clear"})
    assert refused.status_code == 400
    assert "Remove or confirm each thing" in refused.content.decode()
    quote.refresh_from_db()
    assert quote.status == "draft"
    # Take out what identifies; confirm the common word is safe.
    chad.post(
        f"/voice/check/quote/{quote.pk}/",
        {"action": "edit", "text": "Grace at the station said an officer would ring me."},
    )
    chad.post(f"/voice/check/quote/{quote.pk}/", {"action": "confirm", "finding": ["name|Grace"]})
    safe = SafeFinding.objects.get()
    assert (safe.kind, safe.text, safe.confirmed_by) == ("name", "Grace", personas["chad"])
    cleared = chad.post(f"/voice/check/quote/{quote.pk}/", {"action": "clear"})
    assert cleared.status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.cleared_by) == ("cleared", personas["chad"])


def test_it_cannot_confirm_something_the_check_did_not_find(client_for, engagement):
    chad = client_for("chad")
    quote = _add_quote(chad, engagement, "Ring 07700 900123.")
    chad.post(f"/voice/check/quote/{quote.pk}/", {"action": "confirm", "finding": ["name|Anything"]})
    assert not SafeFinding.objects.exists()


def test_it_sends_a_changed_quote_back_to_the_check(client_for, engagement):
    chad = client_for("chad")
    quote = _add_quote(chad, engagement, "Nobody rang me back.")
    chad.post(f"/voice/check/quote/{quote.pk}/", {"action": "clear"})
    chad.post(f"/voice/check/quote/{quote.pk}/", {"action": "edit", "text": "Nobody rang me, said Mrs Dunn."})
    quote.refresh_from_db()
    assert quote.status == "draft"


def test_it_offers_no_quote_page_without_consent_to_quote(client_for, personas):
    from tests.voice.conftest import make_engagement
    from victimcare.voice.engagement_services import Consents

    kept_only = make_engagement(personas["chad"], consents=Consents(keep=True))
    assert client_for("chad").get(f"/voice/engagements/{kept_only.pk}/quotes/new/").status_code == 404
    assert "Add a quote" not in client_for("chad").get(f"/voice/engagements/{kept_only.pk}/").content.decode()


def test_it_refuses_an_empty_quote_and_keeps_the_words(client_for, engagement):
    chad = client_for("chad")
    quote = _add_quote(chad, engagement, "Nobody rang me back.")
    response = chad.post(f"/voice/check/quote/{quote.pk}/", {"action": "edit", "text": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    quote.refresh_from_db()
    assert quote.text == "Nobody rang me back."
