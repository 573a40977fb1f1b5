"""Reference vocabularies: Home Office offence codes and outcome types, police.uk crime types,
and the crime flags named by the Victims' Code contract."""

from __future__ import annotations

import csv
import re
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
def offence_groups() -> dict[str, str]:
    """Home Office offence code -> its ONS offence group ("Violence with injury")."""
    with open(HERE / "ho_offence_codes.csv", newline="", encoding="utf-8") as f:
        return {row["code"]: row["group"] for row in csv.DictReader(f)}


def offence_order(code: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts offence codes in the Home Office's own order: 1, 2, 3A, 8N, 10A, 104,
    not the alphabetical 1, 10A, 104, 2. "37.2" sorts after 37; "1-4.1-4.10-4.2" (homicide) first."""
    return tuple((int(number), rest) for number, rest in re.findall(r"(\d+)([^\d]*)", code))


# The police.uk crime type each ONS offence group falls in (police.uk's own category
# definitions). Fraud is not recorded on police.uk (Action Fraud takes it), so its group has no
# crime type and whoever records the crime chooses one.
GROUP_CRIME_TYPES: dict[str, str] = {
    "Violence against the person": "Violence and sexual offences",
    "Violence with injury": "Violence and sexual offences",
    "Violence without injury": "Violence and sexual offences",
    "Harassment": "Violence and sexual offences",
    "Rape": "Violence and sexual offences",
    "Other sexual offences": "Violence and sexual offences",
    "Arson": "Criminal damage and arson",
    "Criminal damage": "Criminal damage and arson",
    "Domestic burglary": "Burglary",
    "Non-domestic burglary": "Burglary",
    "Robbery": "Robbery",
    "Theft from a vehicle": "Vehicle crime",
    "Theft of a motor vehicle": "Vehicle crime",
    "Vehicle interference": "Vehicle crime",
    "Bicycle theft": "Bicycle theft",
    "Other theft offences": "Other theft",
    "Possession of drugs": "Drugs",
    "Trafficking of drugs": "Drugs",
    "Possession of weapons offences": "Possession of weapons",
    "Public order offences": "Public order",
    "Miscellaneous crimes against society": "Other crime",
}
# Offences whose police.uk type is narrower than their group's ("Theft offences" holds both).
# Threats to damage property (59) sit with criminal damage on police.uk, not with "other crime".
OFFENCE_CRIME_TYPES: dict[str, str] = {
    "39": "Theft from the person",
    "46": "Shoplifting",
    "59": "Criminal damage and arson",
}


def crime_type_for(code: str) -> str:
    """The police.uk crime type of a Home Office offence code, or "" where it cannot be worked
    out (fraud, or a code not in the list)."""
    if code in OFFENCE_CRIME_TYPES:
        return OFFENCE_CRIME_TYPES[code]
    return GROUP_CRIME_TYPES.get(offence_groups().get(code, ""), "")


@cache
def outcome_types() -> dict[int, str]:
    """Home Office outcome type (0-22) -> label."""
    with open(HERE / "ho_crime_outcome_types_0-22.csv", newline="", encoding="utf-8") as f:
        return {int(row["outcome_type"]): row["label_as_in_source"] for row in csv.DictReader(f)}


@cache
def police_uk_crime_types() -> tuple[str, ...]:
    return tuple((HERE / "police_uk_crime_types.txt").read_text(encoding="utf-8").split("\n")[:-1])


def offence_choices() -> list[tuple[str, str]]:
    """The offences to choose from, in the Home Office's order of codes."""
    codes = sorted(offence_codes(), key=offence_order)
    return [(code, f"{code}: {offence_codes()[code]}") for code in codes]


def outcome_choices() -> list[tuple[int, str]]:
    return [(n, f"{n}: {label}") for n, label in outcome_types().items()]


def crime_type_choices() -> list[tuple[str, str]]:
    return [(t, t) for t in police_uk_crime_types()]


_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")


@cache
def _lsoa_names() -> dict[str, str]:
    with open(HERE / "durham_2025_h1_lsoas.csv", newline="", encoding="utf-8") as f:
        return {row["lsoa_code"]: row["lsoa_name"] for row in csv.DictReader(f)}


def local_authority(lsoa_name: str, lsoa_code: str = "") -> str:
    """The local authority area of an LSOA: "County Durham 001A" -> "County Durham".
    With no name, the code is looked up in the force area's LSOA list; "" if unknown."""
    name = lsoa_name.strip() or _lsoa_names().get(lsoa_code.strip().upper(), "")
    if not name:
        return ""
    return _LSOA_SUFFIX.sub("", name)


def known_areas() -> list[str]:
    """The local authority areas of the force area's LSOAs, for the directory's choices."""
    return sorted({local_authority(name) for name in _lsoa_names().values()})
