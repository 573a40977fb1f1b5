"""Reference vocabularies: Home Office offence codes and outcome types, police.uk crime types,
and the crime flags named by the Victims' Code contract."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Crime flags the Victims' Code contract uses to decide enhanced rights.
CRIME_FLAGS: dict[str, str] = {
    "domestic_abuse": "Domestic abuse",
    "hate_crime": "Hate crime",
    "terrorism": "Terrorism",
    "sexual_offence": "Sexual offence",
    "human_trafficking": "Human trafficking",
    "modern_slavery": "Modern slavery",
    "attempted_murder": "Attempted murder",
    "kidnap": "Kidnap",
    "false_imprisonment": "False imprisonment",
    "arson_endangering_life": "Arson with intent to endanger life",
    "gbh_with_intent": "Wounding or grievous bodily harm with intent",
    "weapons_offence": "Weapons offence",
}


@cache
def offence_codes() -> dict[str, str]:
    """Home Office offence code -> label."""
    with open(HERE / "ho_offence_codes.csv", newline="", encoding="utf-8") as f:
        return {row["code"]: row["label"] for row in csv.DictReader(f)}


@cache
def outcome_types() -> dict[int, str]:
    """Home Office outcome type (0-22) -> label."""
    with open(HERE / "ho_crime_outcome_types_0-22.csv", newline="", encoding="utf-8") as f:
        return {int(row["outcome_type"]): row["label_as_in_source"] for row in csv.DictReader(f)}


@cache
def police_uk_crime_types() -> tuple[str, ...]:
    return tuple((HERE / "police_uk_crime_types.txt").read_text(encoding="utf-8").split("\n")[:-1])


def offence_choices() -> list[tuple[str, str]]:
    return [(code, f"{code}: {label}") for code, label in offence_codes().items()]


def outcome_choices() -> list[tuple[int, str]]:
    return [(n, f"{n}: {label}") for n, label in outcome_types().items()]


def crime_type_choices() -> list[tuple[str, str]]:
    return [(t, t) for t in police_uk_crime_types()]
