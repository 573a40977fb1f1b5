"""The theme counts: by theme, sub-theme, agency, journey stage, area and month; rising themes
flagged by the definition on the page; counts under 5 hidden from all but the Champions; and an
account whose consent is withdrawn gone from every count and from the CSV."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine

from tests.factories import local
from tests.voice.conftest import make_engagement, subtheme
from victimcare.audit.models import AuditEvent
from victimcare.voice.engagement_services import concern_add, consent_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(local(2026, 3, 20, 12, 0), tick=False):
        yield


URL = "/voice/themes/?start_day=1&start_month=1&start_year=2025&end_day=20&end_month=3&end_year=2026"


def _concerns(chad, held_on, count, name="Being kept informed", agency="police", area="crime"):
    made = []
    for _ in range(count):
        engagement = make_engagement(chad, held_on=held_on, area=area)
        concern_add(actor=chad, engagement=engagement, subtheme=subtheme(name), agency=agency, stage="investigation",
                    summary="Not kept informed")  # fmt: skip
        made.append(engagement)
    return made


@pytest.fixture
def coded(personas):
    chad = personas["chad"]
    recent = _concerns(chad, date(2026, 3, 2), 6)  # 6 in the last 13 weeks
    _concerns(chad, date(2025, 11, 3), 2)  # 2 in the 13 weeks before: rising
    _concerns(chad, date(2026, 2, 2), 3, name="Waiting for trial", agency="courts", area="domestic_abuse")
    return recent


def _row(rows, label):
    return next(r for r in rows if r.label == label)


def test_it_counts_every_way_for_a_champion(client_for, coded):
    response = client_for("chad").get(URL)
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts.total == 11
    reporting = _row(counts.themes, "Reporting and communication")
    assert (reporting.count, reporting.rising) == (8, True)
    justice = _row(counts.themes, "The investigative and criminal justice process")
    assert (justice.count, justice.rising) == (3, False)
    assert _row(counts.themes, "Being kept informed").count == 8
    assert _row(counts.agencies, "Police").count == 8 and _row(counts.agencies, "Courts").count == 3
    assert _row(counts.stages, "The investigation").count == 11
    assert _row(counts.areas, "Domestic abuse").count == 3
    assert [(r.label, r.count) for r in counts.months] == [
        ("November 2025", 2),
        ("February 2026", 3),
        ("March 2026", 6),
    ]
    page = response.content.decode()
    assert "A theme is rising when victims raised it at least 5 times in the 13 weeks" in page
    assert "Rising</strong>" in page
    assert AuditEvent.objects.filter(action="view", detail__startswith="Voice themes").exists()


def test_it_filters_by_area_agency_and_stage(client_for, coded):
    counts = client_for("chad").get(URL + "&area=domestic_abuse").context["counts"]
    assert counts.total == 3
    assert client_for("chad").get(URL + "&agency=police").context["counts"].total == 8
    assert client_for("chad").get(URL + "&stage=court").context["counts"].total == 0


@pytest.mark.parametrize("persona", ["sue", "ana"])
def test_it_hides_counts_under_5_from_everyone_but_the_champions(client_for, coded, persona):
    response = client_for(persona).get(URL)
    counts = response.context["counts"]
    assert _row(counts.themes, "Reporting and communication").count == 8
    assert _row(counts.themes, "The investigative and criminal justice process").count == "fewer than 5"
    assert _row(counts.agencies, "Courts").count == "fewer than 5"
    assert _row(counts.themes, "The impact on the victim").count == 0
    text = response.content.decode()
    assert ">3<" not in text and ">2<" not in text
    csv = client_for(persona).get(URL.replace("/themes/", "/themes/figures.csv")).content.decode()
    assert "fewer than 5" in csv and ",3," not in csv and ",3\r" not in csv


def test_it_shows_analysts_counts_but_never_the_words_behind_them(client_for, coded):
    assert not re.search(r'href="/voice/themes/\d', client_for("ana").get(URL).content.decode())
    assert re.search(r'href="/voice/themes/\d', client_for("chad").get(URL).content.decode())
    assert client_for("ana").get("/voice/themes/1/").status_code == 404


def test_it_takes_a_withdrawn_account_out_of_every_count_and_export(client_for, personas, coded):
    before = client_for("chad").get(URL).context["counts"]
    assert before.total == 11
    consent_withdraw(actor=personas["chad"], engagement=coded[0], kind="keep")
    after = client_for("chad").get(URL).context["counts"]
    assert after.total == 10
    assert _row(after.themes, "Being kept informed").count == 7
    csv = client_for("chad").get(URL.replace("/themes/", "/themes/figures.csv")).content.decode()
    assert "Being kept informed,7," in csv
    assert "March 2026,5" in csv


def test_it_refuses_an_end_before_the_start(client_for, coded):
    response = client_for("chad").get(URL.replace("start_year=2025", "start_year=2027"))
    assert response.status_code == 400
    assert "must be the same as or after" in response.content.decode()
