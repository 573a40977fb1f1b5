"""A file of another force loads the same way, its area checked against its own local authorities;
a force whose area is not known here still loads, placed only by 'Falls within'."""

from __future__ import annotations

import pytest

from tests.ingest.conftest import OUTCOMES_HEADER, STREET_HEADER, policeuk_import, street_row
from victimcare.ingest.models import CrimeOutcome, StreetCrime

pytestmark = pytest.mark.django_db
CLEVELAND = "Cleveland Police"


def test_it_checks_a_cleveland_file_against_cleveland(write_file) -> None:
    path = write_file("2025-01-cleveland-street.csv", [
        STREET_HEADER,
        street_row("k1", force=CLEVELAND, place="-1.21,54.68,On or near Park Road,E01011954,Hartlepool 008C"),
        street_row("k2", force=CLEVELAND),  # a County Durham LSOA: outside Cleveland
    ])  # fmt: skip
    output = policeuk_import(path)
    assert "Cleveland Police, street-level crime, 2025-01: loaded" in output
    assert "rows outside the force: 1\n" in output
    assert dict(StreetCrime.objects.values_list("crime_id", "in_force_area")) == {"k1": True, "k2": False}


def test_it_loads_a_force_whose_area_is_not_known(write_file) -> None:
    force = "Avon and Somerset Constabulary"
    path = write_file("2025-01-avon-and-somerset-outcomes.csv", [
        OUTCOMES_HEADER,
        f"o1,2025-01,{force},{force},-2.59,51.45,On or near Park Street,E01014540,Bristol 032B,Suspect charged",
        f"o2,2025-01,{force},Wiltshire Police,-1.8,51.5,On or near High Street,E01031000,Swindon 001A,Local resolution",
    ])  # fmt: skip
    output = policeuk_import(path)
    assert "rows outside the force: 1\n" in output
    assert "the area Avon and Somerset Constabulary polices is not known here" in output
    assert CrimeOutcome.objects.filter(in_force_area=True).get().crime_id == "o1"
