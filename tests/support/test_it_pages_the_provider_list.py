"""The provider workspace list: newest sent first, a page at a time by keyset (older referrals
follow the last one shown), filtered by status, with a constant number of queries per page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import local, make_case, make_person
from tests.support.conftest import consented
from victimcare.support.services import referral_send, referral_step
from victimcare.support.views import PROVIDER_PAGE_SIZE

pytestmark = pytest.mark.django_db


def _send(personas, harbour, n: int, start: int = 0) -> list[int]:
    cara = personas["cara"]
    ids = []
    for i in range(start, start + n):
        person = make_person(cara, first_name=f"Victim{i:03d}", last_name="Test")
        vcase = make_case(cara, person=person, team="Victim care North", reported_at=local(2026, 3, 2, 9))
        r = referral_send(actor=cara, referral=consented(cara, vcase, harbour),
                          occurred_at=local(2026, 3, 2, 12) + timedelta(minutes=i))  # fmt: skip
        ids.append(r.id)
    return ids


def test_it_pages_newest_first_without_repeats(client_for, personas, harbour):
    ids = _send(personas, harbour, PROVIDER_PAGE_SIZE + 3)
    client = client_for("pat")
    first = client.get("/provider/?show=all")
    shown = [r.id for r, _name, _target in first.context["rows"]]
    assert shown == list(reversed(ids))[:PROVIDER_PAGE_SIZE]
    after = first.context["next_after"]
    assert after
    second = client.get("/provider/", {"show": "all", "after": after})
    rest = [r.id for r, _name, _target in second.context["rows"]]
    assert rest == list(reversed(ids))[PROVIDER_PAGE_SIZE:]
    assert second.context["next_after"] == ""


def test_it_filters_by_status(client_for, personas, harbour):
    ids = _send(personas, harbour, 3)
    from victimcare.support.models import Referral

    referral_step(actor=personas["pat"], referral=Referral.objects.get(pk=ids[0]), action="accept")
    client = client_for("pat")
    assert [r.id for r, _, _t in client.get("/provider/?show=new").context["rows"]] == [ids[2], ids[1]]
    assert [r.id for r, _, _t in client.get("/provider/?show=open").context["rows"]] == [ids[0]]
    assert client.get("/provider/?show=finished").context["rows"] == []


def test_it_keeps_the_query_count_flat(client_for, personas, harbour):
    client = client_for("pat")
    _send(personas, harbour, 2)
    with CaptureQueriesContext(connection) as small:
        client.get("/provider/?show=all")
    _send(personas, harbour, 30, start=2)
    with CaptureQueriesContext(connection) as large:
        client.get("/provider/?show=all")
    assert len(large) == len(small)


@pytest.mark.parametrize(
    "after",
    [
        "2026-13-45T00:00:00_1",  # looks like a moment, is not one
        "2026-02-30T10:00:00+00:00_3",
        "2026-01-01T00:00:00+00:00_99999999999999999999999",  # beyond any database integer
        "2026-01-01T00:00:00+00:00_abc",
        "nonsense",
    ],
)
def test_it_treats_a_bad_page_marker_as_the_first_page(client_for, harbour, after):
    response = client_for("pat").get("/provider/", {"after": after, "show": "all"})
    assert response.status_code == 200
    assert response.context["first_page"] is True
