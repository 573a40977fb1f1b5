"""How a police.uk crime type and outcome category become Home Office codes and crime flags.

police.uk publishes a coarse crime type and a "last outcome category"; a force's own system
holds a Home Office offence code and outcome type (0-22). The maps below are judgement, not
data: each choice and its uncertainty is listed in victimcare/cases/vocab/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass

# police.uk last outcome category -> ((Home Office outcome type, weight), ...).
OUTCOME_TYPES: dict[str, tuple[tuple[int, float], ...]] = {
    "Investigation complete; no suspect identified": ((18, 1.0),),
    # Evidential difficulties. The split follows the national shares in Home Office "Crime
    # outcomes" (about a third "victim supports action", two thirds "does not"), not Durham's.
    "Unable to prosecute suspect": ((14, 0.10), (15, 0.34), (16, 0.56)),
    # The crime was charged; police.uk could not match a court result to it.
    "Court result unavailable": ((1, 1.0),),
    "Awaiting court outcome": ((1, 1.0),),
    # police.uk shows this when the outcome could not be matched: treated as still open.
    "Status update unavailable": ((0, 1.0),),
    "Local resolution": ((8, 1.0),),
    "Further investigation is not in the public interest": ((21, 1.0),),
    "Action to be taken by another organisation": ((20, 1.0),),
    # Introduced in 2014 for what had been "no further action" or "unable to proceed".
    "Formal action is not in the public interest": ((10, 0.8), (9, 0.2)),
    "Offender given a caution": ((3, 0.85), (2, 0.15)),
    # Read as outcome 22 (diversionary activity, "not in the public interest to take any
    # further action"); it could also be 9 or 10.
    "Further action is not in the public interest": ((22, 1.0),),
    # Could also be 4 (taken into consideration); the seed treats it as charged.
    "Suspect charged as part of another case": ((1, 1.0),),
    "Offender given penalty notice": ((6, 1.0),),
}

# police.uk crime type -> ((Home Office offence code, weight), ...). Weights are rough national
# volumes within each type (ONS police recorded crime), current codes only.
OFFENCES: dict[str, tuple[tuple[str, float], ...]] = {
    "Violence and sexual offences": (
        ("105A", 28), ("8N", 20), ("8R", 14), ("8L", 9), ("8Q", 8), ("3B", 3), ("11A", 1.5), ("5D", 1),
        ("8M", 1), ("105B", 1), ("8P", 0.4), ("104", 1), ("8S", 0.6), ("2", 0.1), ("36", 0.3),
        ("106", 0.1), ("19C", 2), ("19D", 0.5), ("19E", 0.2), ("19F", 0.2), ("20A", 2.5), ("20B", 0.4),
        ("17A", 0.3), ("22B", 0.3), ("88E", 0.8), ("88A", 0.2), ("71", 0.1), ("72", 0.02),
    ),
    "Criminal damage and arson": (("58A", 30), ("58C", 35), ("58B", 12), ("58D", 15), ("58J", 1),
                                  ("56B", 5), ("56A", 1), ("59", 1)),
    "Shoplifting": (("46", 1),),
    "Public order": (("9A", 85), ("9B", 8), ("62A", 2), ("66", 5)),
    "Other theft": (("49", 55), ("49A", 20), ("40", 10), ("41", 4), ("47", 3), ("42", 1), ("43", 1),
                    ("35", 6)),
    "Burglary": (("28E", 55), ("28F", 12), ("28G", 2), ("29A", 2), ("30C", 25), ("30D", 4)),
    "Vehicle crime": (("45", 50), ("48", 30), ("126", 15), ("37.2", 5)),
    "Other crime": (("33", 5), ("33A", 5), ("54", 10), ("61", 4), ("61A", 4), ("79", 8), ("83", 6),
                    ("95", 6), ("99", 20), ("802", 20), ("814", 6), ("67", 1), ("24", 1), ("38", 4)),
    "Drugs": (("92D", 30), ("92E", 50), ("92A", 15), ("92C", 5)),
    "Possession of weapons": (("10D", 55), ("10C", 25), ("10B", 8), ("10A", 2), ("81", 5), ("90", 5)),
    "Robbery": (("34B", 85), ("34A", 15)),
    "Bicycle theft": (("44", 1),),
    "Theft from the person": (("39", 1),),
}  # fmt: skip

SEXUAL_CODES = frozenset({"19C", "19D", "19E", "19F", "20A", "20B", "17A", "22B", "88E", "88A", "71", "72"})
HATE_CODES = frozenset({"8M", "105B", "8P", "58J", "9B"})
# Offence codes that carry a flag of the Victims' Code contract on every crime.
CODE_FLAGS: dict[str, tuple[str, ...]] = {
    "2": ("attempted_murder",),
    "5D": ("gbh_with_intent",),
    "56A": ("arson_endangering_life",),
    "106": ("modern_slavery",),
    "72": ("human_trafficking",),
    **{code: ("sexual_offence",) for code in SEXUAL_CODES},
    **{code: ("hate_crime",) for code in HATE_CODES},
    **{code: ("weapons_offence",) for code in ("10A", "10B", "10C", "10D", "81", "90")},
}

# Share of crimes of a type flagged domestic abuse or hate crime (beyond the codes above).
# Domestic abuse: about a third of violence is domestic (ONS, "Domestic abuse in England and
# Wales"); hate crime: a few per cent of public order and violence.
DOMESTIC_ABUSE_SHARE = {"Violence and sexual offences": 0.33, "Criminal damage and arson": 0.10,
                        "Public order": 0.06, "Burglary": 0.03, "Other theft": 0.02}  # fmt: skip
HATE_CRIME_SHARE = {
    "Public order": 0.06,
    "Violence and sexual offences": 0.015,
    "Criminal damage and arson": 0.01,
}
WEAPON_SHARE = {"Robbery": 0.15, "Violence and sexual offences": 0.02}


@dataclass(frozen=True)
class Route:
    """The path a crime takes through the justice system, chosen from its outcome type."""

    suspect: bool  # a suspect was identified and dealt with
    charged: bool
    court_result: bool  # the court case finished (False: still awaiting, or unknown to us)


def route_for(outcome_type: int, category: str) -> Route:
    if outcome_type == 1:
        finished = category == "Court result unavailable"
        return Route(suspect=True, charged=True, court_result=finished)
    if outcome_type in (14, 18, 20):
        return Route(suspect=False, charged=False, court_result=False)
    return Route(suspect=True, charged=False, court_result=False)
