"""Contract monitoring: time to accept and to first contact per provider, median and 90th
percentile in working days, with counts; analysts see small counts suppressed."""

from __future__ import annotations

import pytest

from tests.factories import local, make_case, make_person
from tests.support.conftest import consented
from victimcare.support.monitoring import percentile
from victimcare.support.services import referral_send, referral_step

pytestmark = pytest.mark.django_db


def test_it_takes_the_nearest_rank_percentile():
    assert percentile([], 50) is None
    assert percentile([5], 90) == 5
    assert percentile([1, 2, 3, 4], 50) == 2
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([3, 1, 2], 50) == 2


def _referrals(personas, harbour, external, n: int) -> None:
    """n referrals to Harbour sent on Thursday 2 April 2026; the i-th accepted i working days later
    (Good Friday 3 April and Easter Monday 6 April are bank holidays), contacted a day after."""
    cara, pat = personas["cara"], personas["pat"]
    accept_days = [local(2026, 4, 2, 15), local(2026, 4, 7, 10), local(2026, 4, 8, 10), local(2026, 4, 9, 10),
                   local(2026, 4, 10, 10), local(2026, 4, 13, 10)]  # 0, 1, 2, 3, 4, 5 working days  # fmt: skip
    for i in range(n):
        person = make_person(cara, first_name=f"V{i}", last_name="Test")
        vcase = make_case(cara, person=person, team="Victim care North", reported_at=local(2026, 4, 1, 9))
        r = referral_send(
            actor=cara, referral=consented(cara, vcase, harbour), occurred_at=local(2026, 4, 2, 11)
        )
        r = referral_step(actor=pat, referral=r, action="accept", occurred_at=accept_days[i])
        referral_step(actor=pat, referral=r, action="first_contact", channel="phone",
                      occurred_at=local(2026, 4, 14, 10))  # fmt: skip
    person = make_person(cara, first_name="Ext", last_name="Test")
    vcase = make_case(cara, person=person, team="Victim care North", reported_at=local(2026, 4, 1, 9))
    referral_send(actor=cara, referral=consented(cara, vcase, external), occurred_at=local(2026, 4, 2, 11))


def test_it_reports_working_days_for_supervisors(client_for, personas, harbour, external):
    _referrals(personas, harbour, external, 6)
    r = client_for("sue").get("/services/response-times/?months=0")
    rows = {row["label"]: row for row in r.context["rows"]}
    h = rows["Harbour Support Services"]
    assert (h["sent"], h["accepted"], h["waiting"], h["contacted"]) == (6, 6, 0, 6)
    assert h["accept_median"] == "2 working days"  # of 0, 1, 2, 3, 4, 5
    assert h["accept_p90"] == "5 working days"
    assert h["contact_median"] == "6 working days"  # 2 April to 14 April, without the Easter holidays
    ext = rows["Court Companions Witness Support (external)"]
    assert (ext["sent"], ext["waiting"], ext["accept_median"]) == (1, 1, "No figure")


def test_it_suppresses_small_numbers_for_analysts(client_for, personas, harbour, external):
    _referrals(personas, harbour, external, 3)
    body = client_for("ana").get("/services/response-times/?months=0").content.decode()
    rows = {
        row["label"]: row
        for row in client_for("ana").get("/services/response-times/?months=0").context["rows"]
    }
    assert rows["Harbour Support Services"]["sent"] == "fewer than 5"
    assert rows["Harbour Support Services"]["accept_median"] == "Not shown (fewer than 5)"
    assert "fewer than 5" in body
    sue = {
        row["label"]: row
        for row in client_for("sue").get("/services/response-times/?months=0").context["rows"]
    }
    assert sue["Harbour Support Services"]["sent"] == 3


@pytest.mark.parametrize(("persona", "status"), [("sue", 200), ("fran", 200), ("ana", 200), ("cara", 404),
                                                 ("pat", 404), ("adam", 404), ("chad", 404)])  # fmt: skip
def test_it_shows_the_page_only_to_supervisors_and_analysts(client_for, persona, status):
    assert client_for(persona).get("/services/response-times/").status_code == status


def test_it_keeps_other_organisations_figures_out(client_for, personas, harbour, external):
    _referrals(personas, harbour, external, 1)
    assert client_for("otto").get("/services/response-times/").status_code == 404
    assert len(client_for("sue").get("/services/response-times/?months=0").context["rows"]) == 2
