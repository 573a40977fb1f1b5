"""The shipped Durham crime type x outcome and LSOA tables are what the police.uk files give."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from victimcare.cases.synthetic.mapping import OFFENCES, OUTCOME_TYPES
from victimcare.cases.synthetic.policeuk import (
    CRIME_OUTCOMES_FILE,
    LSOAS_FILE,
    crime_outcomes_csv,
    lsoas_csv,
    shipped_tables,
    street_tables,
)

STREET = Path(settings.BASE_DIR).parent / "shared" / "data" / "police-uk" / "street"
needs_street_files = pytest.mark.skipif(
    not any(STREET.glob("*-street.csv")),
    reason=f"the police.uk street files are not at {STREET} (shared/data is outside the repository)",
)


@needs_street_files
def test_it_recomputes_the_shipped_tables_exactly():
    tables = street_tables(STREET)
    assert crime_outcomes_csv(tables.crime_outcomes) == CRIME_OUTCOMES_FILE.read_text(encoding="utf-8")
    assert lsoas_csv(tables.lsoas) == LSOAS_FILE.read_text(encoding="utf-8")


@needs_street_files
@pytest.mark.django_db
def test_it_seeds_from_a_folder_of_street_files():
    out = StringIO()
    call_command("seed", victims=20, seed=3, proportions_from=STREET, stdout=out)
    assert "Seeded 20 victims" in out.getvalue()


def test_it_maps_every_shipped_crime_type_and_outcome_category():
    tables = shipped_tables()
    assert {t for t, _ in tables.crime_outcomes} <= set(OFFENCES)
    assert {c for _, c in tables.crime_outcomes} <= set(OUTCOME_TYPES)
    assert all(name.startswith(("County Durham ", "Darlington ")) for _, name in tables.lsoas)
