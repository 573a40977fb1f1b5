"""The real Durham street-level and outcomes files for January to June 2025, as police.uk
publishes them (shared/data/police-uk), load, summarise and load again changing nothing."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from tests.ingest.conftest import OUTCOMES_SAMPLE, STREET_DIR, needs_shared_data, policeuk_import, street_file
from victimcare.cases.synthetic.policeuk import ANTI_SOCIAL_BEHAVIOUR, shipped_tables
from victimcare.ingest.models import CrimeOutcome, PoliceUkFile, StreetCrime
from victimcare.ingest.selectors import month_summary

pytestmark = [needs_shared_data, pytest.mark.django_db]
MONTHS = ("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06")


def test_it_prints_what_each_file_held() -> None:
    output = policeuk_import(street_file("2025-01"), street_file("2025-06"))
    january, june = output.split("2025-06-durham-street.csv")
    assert "rows read: 5408\n" in january and "anti-social behaviour rows: 921\n" in january
    assert "crimes: 4487\n" in january and "rows outside the force: 52\n" in january
    assert "duplicates (a Crime ID repeated in the file): 0\n" in january
    assert "rows read: 6405\n" in june and "duplicates (a Crime ID repeated in the file): 7\n" in june


def test_it_agrees_with_the_seed_tables_computed_from_the_same_files() -> None:
    """The half year's crimes by type and outcome equal victimcare/cases/vocab's table (made by a
    different reader of the same files), so both handle the quirks alike."""
    policeuk_import(*sorted(STREET_DIR.glob("2025-0*-durham-street.csv")))
    counts: Counter[tuple[str, str]] = Counter()
    for month in MONTHS:
        for crime_type, outcome, n in month_summary(
            "Durham Constabulary", PoliceUkFile.objects.get(month=f"{month}-01").month
        ):
            if crime_type != ANTI_SOCIAL_BEHAVIOUR:
                counts[(crime_type, outcome)] += n
    assert counts == shipped_tables().crime_outcomes
    assert sum(counts.values()) == 28383


def test_it_changes_nothing_when_the_same_files_load_again() -> None:
    policeuk_import(street_file("2025-03"), OUTCOMES_SAMPLE)
    before = (
        list(StreetCrime.objects.values_list("id", flat=True)),
        list(CrimeOutcome.objects.values_list("id", flat=True)),
    )
    output = policeuk_import(street_file("2025-03"), OUTCOMES_SAMPLE)
    assert output.count("already loaded with the same content: nothing changed") == 2
    assert "rows read: 6227\n" in output  # the stored counts are still reported
    after = (
        list(StreetCrime.objects.values_list("id", flat=True)),
        list(CrimeOutcome.objects.values_list("id", flat=True)),
    )
    assert before == after
    assert PoliceUkFile.objects.count() == 2


def test_it_loads_an_outcomes_file() -> None:
    output = policeuk_import(OUTCOMES_SAMPLE)
    assert "Durham Constabulary, outcomes, 2025-06: loaded" in output and "rows read: 74\n" in output
    assert CrimeOutcome.objects.filter(outcome_type="Suspect charged").exists()


def test_it_summarises_a_month_as_csv() -> None:
    policeuk_import(street_file("2025-02"))
    out = StringIO()
    call_command("policeuk_summary", "--month", "2025-02", "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "force,month,crime_type,last_outcome_category,crimes"
    rows = [line.rsplit(",", 1) for line in lines[1:]]
    assert sum(int(n) for _, n in rows) == 5237 - 52  # every row inside the force, none repeated
    assert (
        "Durham Constabulary,2025-02,Anti-social behaviour,No outcome (anti-social behaviour),921" in lines
    )  # 929 less 8 outside
