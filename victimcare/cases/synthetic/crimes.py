"""Drawing synthetic crimes: type and outcome from the Durham table, offence code, flags, place
and dates. Nothing here touches the database."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from victimcare.cases.synthetic.clock import LONDON, report_time
from victimcare.cases.synthetic.mapping import (
    CODE_FLAGS,
    DOMESTIC_ABUSE_SHARE,
    HATE_CRIME_SHARE,
    OFFENCES,
    OUTCOME_TYPES,
    SEXUAL_CODES,
    WEAPON_SHARE,
)
from victimcare.cases.synthetic.policeuk import StreetTables
from victimcare.cases.synthetic.sampling import Sampler

# Middle layer super output areas (the number in an LSOA name) of County Durham whose crimes lie,
# on average, within about 4 km of Durham Market Place (mean police.uk coordinates, 2025 H1).
DURHAM_CITY_MSOAS = frozenset({"022", "023", "026", "028", "029", "030", "033"})
# County Durham MSOAs are numbered north to south; 001-033 lie north of about 54.77 degrees N.
LAST_NORTH_MSOA = 33

# Offence codes that say who the victim is: (sex or None, youngest age, oldest age or None).
VICTIM_OF_CODE: dict[str, tuple[str | None, int, int | None]] = {
    "19C": ("female", 16, None), "19D": ("female", 13, 15), "19E": ("female", 5, 12),
    "19F": ("male", 16, None), "20A": ("female", 13, None), "20B": ("female", 5, 12),
    "17A": ("male", 13, None), "22B": (None, 13, 15), "71": (None, 12, 17), "88A": (None, 11, 15),
    "11A": (None, 1, 15),
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    lsoa_code: str
    lsoa_name: str
    area: str  # "north", "south" or "darlington": the victim care team and postcodes
    police_team: str | None  # "Durham City", "Darlington" or None (a team not modelled)


def place_of(code: str, name: str) -> Place:
    district, _, lsoa = name.rpartition(" ")
    msoa = lsoa[:3]
    if district == "Darlington":
        return Place(code, name, "darlington", "Darlington")
    area = "north" if int(msoa) <= LAST_NORTH_MSOA else "south"
    return Place(code, name, area, "Durham City" if msoa in DURHAM_CITY_MSOAS else None)


@dataclass(frozen=True)
class CrimeDraw:
    crime_type: str
    category: str  # the police.uk last outcome category
    outcome_type: int  # the Home Office outcome type the crime ends with
    offence: str
    flags: tuple[str, ...]
    place: Place
    reported_at: datetime
    occurred_at: datetime | None


class CrimeDrawer:
    """Draws crimes in the proportions of a StreetTables (the shipped Durham table by default)."""

    def __init__(self, tables: StreetTables) -> None:
        self.kinds = Sampler(sorted((k, float(n)) for k, n in tables.crime_outcomes.items()))
        self.places = Sampler([(place_of(c, n), float(k)) for (c, n), k in sorted(tables.lsoas.items())])
        self.offences = {t: Sampler(list(codes)) for t, codes in OFFENCES.items()}
        self.outcomes = {c: Sampler(list(types)) for c, types in OUTCOME_TYPES.items()}

    def kind(self, rng: random.Random) -> tuple[str, str]:
        return self.kinds.draw(rng)

    def draw(self, rng: random.Random, kind: tuple[str, str], offence: str, reported_on: date) -> CrimeDraw:
        crime_type, category = kind
        reported_at = report_time(rng, reported_on)
        return CrimeDraw(
            crime_type=crime_type,
            category=category,
            outcome_type=self.outcomes[category].draw(rng),
            offence=offence,
            flags=crime_flags(rng, crime_type, offence),
            place=self.places.draw(rng),
            reported_at=reported_at,
            occurred_at=occurred_time(rng, reported_at, offence),
        )

    def offence(self, rng: random.Random, crime_type: str, sex: str, age: int | None) -> str:
        """An offence code of the type that fits the victim (a few codes name the victim's sex and age)."""
        for _ in range(8):
            code = self.offences[crime_type].draw(rng)
            if victim_fits(code, sex, age):
                return code
        return next(c for c in self.offences[crime_type].items if c not in VICTIM_OF_CODE)


def victim_fits(code: str, sex: str, age: int | None) -> bool:
    rule = VICTIM_OF_CODE.get(code)
    if rule is None:
        return True
    want_sex, youngest, oldest = rule
    if age is None or (want_sex is not None and want_sex != sex):
        return False
    return age >= youngest and (oldest is None or age <= oldest)


def crime_flags(rng: random.Random, crime_type: str, offence: str) -> tuple[str, ...]:
    flags = set(CODE_FLAGS.get(offence, ()))
    if rng.random() < DOMESTIC_ABUSE_SHARE.get(crime_type, 0.0) * (0.75 if offence in SEXUAL_CODES else 1.0):
        flags.add("domestic_abuse")
    if rng.random() < HATE_CRIME_SHARE.get(crime_type, 0.0):
        flags.add("hate_crime")
    if rng.random() < WEAPON_SHARE.get(crime_type, 0.0):
        flags.add("weapons_offence")
    if offence == "36":
        flags.add("false_imprisonment" if rng.random() < 0.4 else "kidnap")
    return tuple(sorted(flags))


def occurred_time(rng: random.Random, reported_at: datetime, offence: str) -> datetime | None:
    """When it happened: mostly hours before the report; sexual offences are often reported late."""
    r = rng.random()
    late = 0.25 if offence in SEXUAL_CODES else 0.04
    if r < 0.05:
        return None
    if r < 0.05 + late:
        return reported_at - timedelta(days=rng.randint(30, 700), hours=rng.randint(0, 23))
    if r < 0.30:
        return reported_at - timedelta(days=rng.randint(1, 7), hours=rng.randint(0, 23))
    return reported_at - timedelta(minutes=rng.randint(10, 12 * 60))


def crime_reference(seed: int, number: int, reported_at: datetime) -> str:
    """DU/SSNNNNNN/YY: two digits of seed, six of sequence, and the year reported, so two seeds
    never collide with each other or with the five-digit references staff type in."""
    return f"DU/{seed:02d}{number:06d}/{reported_at.astimezone(LONDON):%y}"
