"""The quirks of real police.uk files, each in a small hand-made file (shared/data/README.md)."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import STREET_HEADER, policeuk_import, street_row
from victimcare.audit.models import AuditEvent
from victimcare.ingest.models import PoliceUkFile, StreetCrime

pytestmark = pytest.mark.django_db

QUIRKS = [
    STREET_HEADER,
    street_row("a1"),
    street_row("", crime_type="Anti-social behaviour", outcome=""),
    street_row("c1", place="0.898733,51.887619,On or near High Street,E01035158,Colchester 007G"),
    street_row("c2", falls_within="Cleveland Police", place="-1.21,54.68,On or near Park Road,E01011954,Hartlepool 008C"),
    street_row("c3", place=",,No Location,,"),
    street_row("a1", outcome="Status update unavailable"),
    street_row("c4", crime_type="VIOLENCE AND  sexual offences", outcome="unable to prosecute SUSPECT"),
    street_row("c5", crime_type="Cyber crime"),
]  # fmt: skip


def test_it_counts_each_quirk_in_what_it_prints(write_file) -> None:
    output = policeuk_import(write_file("2025-01-durham-street.csv", QUIRKS))
    assert "Durham Constabulary, street-level crime, 2025-01: loaded" in output
    assert "rows read: 8\n" in output
    assert "crimes: 6\n" in output  # not the anti-social behaviour row, nor the repeat of a1
    assert "anti-social behaviour rows: 1\n" in output
    assert "rows outside the force: 2\n" in output
    assert "duplicates (a Crime ID repeated in the file): 1\n" in output
    assert "rows without coordinates: 1\n" in output
    assert "rows with a category not in the police.uk vocabulary: 1\n" in output


def test_it_keeps_every_row_and_marks_what_the_figures_leave_out(write_file) -> None:
    policeuk_import(write_file("2025-01-durham-street.csv", QUIRKS))
    rows = {row.line: row for row in StreetCrime.objects.all()}
    assert len(rows) == 8
    assert rows[3].crime_id == "" and rows[3].last_outcome_category == ""
    assert not rows[4].in_force_area  # a Colchester LSOA in a Durham file
    assert not rows[5].in_force_area  # falls within another force
    assert rows[6].longitude is None and rows[6].lsoa_code == "" and rows[6].in_force_area
    assert rows[7].repeat and rows[7].crime_id == "a1" and not rows[2].repeat
    assert rows[8].crime_type == "Violence and sexual offences"
    assert rows[8].last_outcome_category == "Unable to prosecute suspect"
    assert rows[9].crime_type == "Cyber crime"  # kept as published
    assert rows[2].location == "On or near St John'S Street"  # place names as published


def test_it_records_the_file_and_audits_thepoliceuk_import(write_file) -> None:
    policeuk_import(write_file("2025-01-durham-street.csv", QUIRKS))
    stored = PoliceUkFile.objects.get()
    assert (stored.force, stored.kind, f"{stored.month:%Y-%m}") == (
        "Durham Constabulary",
        "street",
        "2025-01",
    )
    assert (stored.rows, stored.crimes, stored.outside_force, stored.repeats) == (8, 6, 2, 1)
    audit = AuditEvent.objects.get(object_type="policeukfile")
    assert audit.action == "create" and audit.actor_label == "manage.py policeuk_import"


def test_it_accepts_a_byte_order_mark_and_crlf_line_ends(tmp_path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(QUIRKS[:3]) + "\r\n").encode("utf-8"))
    assert "rows read: 2\n" in policeuk_import(path)
