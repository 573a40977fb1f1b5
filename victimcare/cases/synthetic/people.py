"""Synthetic victims: names, dates of birth, safe contact details and optional equality data.

Contact details use only values reserved for fiction and testing, so a seeded database can
never reach a real person: email at example.org/example.com (RFC 2606) and mobile numbers in
Ofcom's drama range 07700 900000 to 07700 900999. Postcodes are plausible for the area
(real districts, random inward codes) and may or may not exist.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from victimcare.cases.synthetic.names import (
    ACCESSIBILITY_NEEDS,
    CODE_WORDS,
    GROUPS,
    INWARD_LETTERS,
    OTHER_LANGUAGES,
    POSTCODE_AREAS,
    STREETS,
    NameGroup,
)
from victimcare.cases.synthetic.sampling import Sampler
from victimcare.people.names import name_key, sound_key

Row = dict[str, Any]
_GROUPS = Sampler([(g, g.weight) for g in GROUPS])
# Ages of adult victims (Crime Survey for England and Wales: victims skew young), by band.
_ADULT_AGES = Sampler([((18, 24), 18.0), ((25, 34), 22.0), ((35, 44), 20.0), ((45, 54), 16.0),
                       ((55, 64), 11.0), ((65, 74), 8.0), ((75, 92), 5.0)])  # fmt: skip
_RELIGIONS = {
    "south_asian": Sampler([("muslim", 60.0), ("hindu", 18.0), ("sikh", 15.0), ("none", 7.0)]),
    "arab": Sampler([("muslim", 90.0), ("christian", 7.0), ("none", 3.0)]),
    "chinese": Sampler([("none", 60.0), ("buddhist", 20.0), ("christian", 20.0)]),
}
_RELIGION_DEFAULT = Sampler([("christian", 52.0), ("none", 44.0), ("other", 2.0), ("jewish", 0.5),
                             ("buddhist", 0.5), ("muslim", 1.0)])  # fmt: skip
_ORIENTATIONS = Sampler([("straight", 93.0), ("gay_lesbian", 3.0), ("bisexual", 3.0), ("other", 1.0)])
_SAFE_WINDOWS = ((time(9, 30), time(12, 0)), (time(10, 0), time(14, 0)), (time(13, 0), time(15, 0)),
                 (time(9, 0), time(11, 30)), (time(18, 0), time(20, 0)))  # fmt: skip


@dataclass(frozen=True)
class Victim:
    """Who the person is before any contact detail is drawn (the crimes depend on it)."""

    group: NameGroup
    sex: str  # "female" or "male"
    date_of_birth: date | None

    def age_on(self, day: date) -> int | None:
        dob = self.date_of_birth
        if dob is None:
            return None
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def draw_victim(rng: random.Random, first_crime_on: date, *, female_share: float) -> Victim:
    group = _GROUPS.draw(rng)
    sex = "female" if rng.random() < female_share else "male"
    r = rng.random()
    if r < 0.04:
        return Victim(group, sex, None)
    age = rng.randint(8, 17) if r < 0.16 else rng.randint(*_ADULT_AGES.draw(rng))
    return Victim(group, sex, birth_date(rng, first_crime_on, age))


def birth_date(rng: random.Random, on: date, age: int) -> date:
    """A date of birth that makes someone exactly `age` on `on`."""
    latest = _years_before(on, age)
    return latest - timedelta(days=rng.randint(0, 364))


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def make_person(rng: random.Random, victim: Victim, *, area: str, at_risk: bool, flags: list[str]) -> Row:
    """A person row ({Person attname: value}). `at_risk` (domestic abuse or a sexual offence) makes
    safe-contact rules likely."""
    first = rng.choice(victim.group.female if victim.sex == "female" else victim.group.male)
    last = rng.choice(victim.group.surnames)
    person: Row = {"first_name": first, "last_name": last, "first_name_key": name_key(first),
                   "last_name_key": name_key(last), "first_name_sound": sound_key(first),
                   "last_name_sound": sound_key(last), "date_of_birth": victim.date_of_birth, "flags": flags}  # fmt: skip
    _contact_details(rng, person, area)
    _safe_contact(rng, person, at_risk)
    _language(rng, person, victim.group)
    _equality(rng, person, victim)
    if rng.random() < 0.05:
        person["accessibility_needs"] = rng.choice(ACCESSIBILITY_NEEDS)
    return person


def _contact_details(rng: random.Random, person: Row, area: str) -> None:
    if rng.random() < 0.75:
        local = re.sub(r"[^a-z0-9]+", ".", f"{person['first_name_key']}.{person['last_name_key']}").strip(".")
        domain = "example.org" if rng.random() < 0.5 else "example.com"
        person["email"] = f"{local}{rng.randint(1, 999)}@{domain}"
    if rng.random() < 0.88:
        person["phone"] = f"07700 900{rng.randint(0, 999):03d}"
    if rng.random() < 0.93:
        district, town = rng.choice(POSTCODE_AREAS[area])
        person["address"] = f"{rng.randint(1, 180)} {rng.choice(STREETS)}\n{town}"
        inward = f"{rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
        person["postcode"] = f"{district} {inward}"


def _safe_contact(rng: random.Random, person: Row, at_risk: bool) -> None:
    if rng.random() < (0.65 if at_risk else 0.03):
        unsafe = rng.choice(("email_unsafe", "phone_unsafe", "address_unsafe", "address_unsafe"))
        person[unsafe] = True
        person["no_letters"] = unsafe == "address_unsafe" or rng.random() < 0.3
        person["no_voicemail"] = rng.random() < 0.6
        person["safe_time_from"], person["safe_time_to"] = rng.choice(_SAFE_WINDOWS)
        if rng.random() < 0.4:
            person["code_word"] = rng.choice(CODE_WORDS)
    person["allowed_channels"] = _channels(rng, person)


def _channels(rng: random.Random, person: Row) -> list[str]:
    usable = []
    if person.get("email") and not person.get("email_unsafe"):
        usable.append("email")
    if person.get("phone") and not person.get("phone_unsafe"):
        usable += ["sms", "phone"]
    if person.get("address") and not person.get("address_unsafe") and not person.get("no_letters"):
        usable.append("letter")
    if rng.random() < 0.2:
        usable.append("portal")
    if not usable or rng.random() < 0.08:
        return []  # not agreed yet
    chosen = [c for c in usable if rng.random() < 0.6]
    return chosen or [rng.choice(usable)]


def _language(rng: random.Random, person: Row, group: NameGroup) -> None:
    if rng.random() >= group.other_language_share:
        return
    if group.language == "cy":
        person["language"] = "cy"
        return
    person["language"] = "other"
    person["other_language"] = rng.choice(OTHER_LANGUAGES[group.key])
    person["interpreter_needed"] = rng.random() < 0.5


def _equality(rng: random.Random, person: Row, victim: Victim) -> None:
    """Asked of about 60%; each answer may be "prefer not to say"; blank means not asked."""
    if rng.random() >= 0.6:
        return
    answers = {
        "sex": victim.sex,
        "gender_identity_same_as_sex": "yes" if rng.random() < 0.995 else "no",
        "ethnicity": victim.group.ethnicity if rng.random() < 0.97 else "mixed",
        "disability": "yes" if person.get("flags") or rng.random() < 0.18 else "no",
        "religion": _RELIGIONS.get(victim.group.key, _RELIGION_DEFAULT).draw(rng),
        "sexual_orientation": _ORIENTATIONS.draw(rng),
    }
    for name, value in answers.items():
        person[name] = "prefer_not_to_say" if rng.random() < 0.06 else value


def victim_flags(rng: random.Random, *, at_risk: bool, repeat: bool) -> list[str]:
    """Victim flags of the Code contract for a minority: disorder, impairment, disability,
    intimidation (likelier after domestic abuse or a sexual offence), persistent targeting."""
    shares = {
        "mental_disorder": 0.05,
        "impaired_intelligence_social_functioning": 0.015,
        "physical_disability": 0.04,
        "intimidated": 0.25 if at_risk else 0.03,
        "persistently_targeted": 0.35 if repeat else 0.0,
    }
    return [flag for flag, share in shares.items() if rng.random() < share]
