"""A file that is not a police.uk street or outcomes file is refused before any row is written;
a row that breaks the format part way leaves the month as it was (tested outside a transaction)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from tests.ingest.conftest import (
    STOP_AND_SEARCH_SAMPLE,
    STREET_HEADER,
    needs_shared_data,
    policeuk_import,
    street_row,
)
from victimcare.ingest.models import PoliceUkFile, StreetCrime


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["crime_id,month,force", "a1,2025-01,Durham"], "the first line is not a police.uk street-level crime or outcomes header"),
        ([STREET_HEADER.replace("Crime type", "Offence")], "the first line is not a police.uk"),
        ([STREET_HEADER], "the file has a header but no rows"),
        ([], "the file is empty"),
        ([STREET_HEADER, street_row(month="January 2025")], "is not a year and month like 2025-01"),
        ([STREET_HEADER, "a1,2025-01,Durham Constabulary"], "line 2 has 3 fields, expected 12"),
    ],
)  # fmt: skip
def test_it_refuses_a_wrong_file_before_writing(write_file, lines, message) -> None:
    good = write_file("good.csv", [STREET_HEADER, street_row(month="2025-02")])
    bad = write_file("bad.csv", lines) if lines else write_file("bad.csv", [""])
    if not lines:
        bad.write_text("")
    with pytest.raises(CommandError, match=message):
        policeuk_import(good, bad)  # the good file comes first: it is not loaded either
    assert not PoliceUkFile.objects.exists() and not StreetCrime.objects.exists()


@needs_shared_data
@pytest.mark.django_db
def test_it_says_a_stop_and_search_file_is_not_loadable() -> None:
    with pytest.raises(CommandError, match=r"this is a police\.uk stop and search file"):
        policeuk_import(STOP_AND_SEARCH_SAMPLE)


@pytest.mark.django_db
def test_it_refuses_a_file_that_is_not_utf8(tmp_path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (STREET_HEADER + "\n" + street_row(place="-1.5,54.7,Caf\xe9,E01020634,County Durham 001A")).encode(
            "latin-1"
        )
    )
    with pytest.raises(CommandError, match="not UTF-8"):
        policeuk_import(path)
    assert not StreetCrime.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("last", "message"),
    [
        ("a9,2025-01,Durham Constabulary,Durham Constabulary,-1.5", "line 5 has 5 fields, expected 12 \\(is the file cut short\\?\\)"),
        (street_row("a9", month="2025-02"), "line 5 is for 2025-02: a police.uk file holds one month"),
        (street_row("a9", force="Cleveland Police"), "line 5 is reported by Cleveland Police"),
        (street_row("a9", place="east,54.7,Here,E01020634,County Durham 001A"), "line 5: the Longitude 'east' is not a number"),
    ],
)  # fmt: skip
def test_it_keeps_the_month_as_it_was_when_a_row_breaks_the_format(write_file, last, message) -> None:
    policeuk_import(write_file("first.csv", [STREET_HEADER, street_row("a1")]))
    lines = [STREET_HEADER, street_row("b1"), street_row("b2"), street_row("b3"), last]
    with pytest.raises(CommandError, match=message):
        policeuk_import(write_file("second.csv", lines))
    assert list(StreetCrime.objects.values_list("crime_id", flat=True)) == ["a1"]
    assert PoliceUkFile.objects.get().file_name == "first.csv"
