"""Loading a month again replaces that month (and only it) in one transaction."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import STREET_HEADER, policeuk_import, street_row
from victimcare.audit.models import AuditEvent
from victimcare.ingest.models import PoliceUkFile, StreetCrime

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_replaces_the_month_when_its_content_changed(write_file) -> None:
    policeuk_import(write_file("jan.csv", [STREET_HEADER, street_row("a1"), street_row("a2")]))
    policeuk_import(write_file("feb.csv", [STREET_HEADER, street_row("f1", month="2025-02")]))
    output = policeuk_import(
        write_file("jan-revised.csv", [STREET_HEADER, street_row("a1", outcome="Suspect charged")])
    )
    assert "2025-01: loaded, replacing the month loaded before" in output
    assert sorted(StreetCrime.objects.values_list("crime_id", "last_outcome_category")) == [
        ("a1", "Suspect charged"), ("f1", "Under investigation")]  # fmt: skip
    assert PoliceUkFile.objects.get(month="2025-01-01").file_name == "jan-revised.csv"
    assert AuditEvent.objects.filter(object_type="policeukfile", action="update").count() == 1


def test_it_changes_nothing_for_the_same_content_under_another_name(write_file) -> None:
    lines = [STREET_HEADER, street_row("a1")]
    policeuk_import(write_file("one.csv", lines))
    stored = PoliceUkFile.objects.get()
    assert "nothing changed" in policeuk_import(write_file("two.csv", lines))
    assert PoliceUkFile.objects.get().loaded_at == stored.loaded_at
    assert AuditEvent.objects.filter(object_type="policeukfile").count() == 1
