"""The redaction check: what in a piece of text could identify a victim or someone around them.

Django-free: plain text in, a list of findings out. Anything that leaves the record (a quote, a
case study, a recommendation on the public page) is blocked while it has a finding that is
neither removed from the text nor confirmed as safe by a person (voice.models.SafeFinding).

It looks for:
- names: the first names and surnames of the synthetic name lists (cases/synthetic/names.py),
  as capitalised words, and any capitalised word after a title ("Mrs Dunn", "PC Wright");
- addresses: a house number before a street word ("12 Front Street") and the street names
  of the force area;
- postcodes, phone numbers, email addresses;
- crime references in the force's format (two letters, digits, two-digit year: DU/12345/26);
- dates of birth: any full date (a day, a month and a year), and "born in/on ...".

It errs towards finding too much: a false finding costs one click to confirm as safe, a missed
one can identify a victim. A person still reads every quote before it is cleared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from victimcare.cases.synthetic.names import GROUPS, STREETS


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int

    @property
    def key(self) -> tuple[str, str]:
        """What a confirmation covers: the same words found the same way."""
        return (self.kind, self.text)


KIND_LABELS = {
    "name": "Name",
    "address": "Address",
    "postcode": "Postcode",
    "phone": "Phone number",
    "email": "Email address",
    "crime_reference": "Crime reference",
    "date_of_birth": "Date (could be a date of birth)",
}

_NAMES = frozenset(
    name for group in GROUPS for names in (group.female, group.male, group.surnames) for name in names
)
_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|PC|DC|DS|DI|Sgt|Sergeant|Constable|Officer|Inspector|Judge|Detective)"
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_STREET_WORDS = (
    r"(?:Street|St|Road|Rd|Lane|Avenue|Close|Terrace|Drive|Grove|Crescent|View|Row|Way|Place|Court|"
    r"Gardens|Square|Walk|Park|Green|Hill|Mews)"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("crime_reference", re.compile(r"\b[A-Z]{2}/\d{3,10}/\d{2}\b", re.IGNORECASE)),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)),
    ("phone", re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?|0)(?:[\s-]?\d){9,10}\b")),
    (
        "date_of_birth",
        re.compile(
            r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\s+\d{{4}}\b"
            rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
            r"|\bborn\s+(?:in|on)\s+[\w ,/.-]{1,25}?\d{4}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "address",
        re.compile(rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\s+){{1,3}}{_STREET_WORDS}\b"),
    ),
    ("address", re.compile(r"\b(?:" + "|".join(re.escape(s) for s in STREETS) + r")\b")),
    ("name", re.compile(rf"\b{_TITLES}\.?\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?")),
)
_CAPITALISED = re.compile(r"\b[A-Z][a-zà-ÿ'-]+(?:-[A-Z][a-z'-]+)?\b")


def _name_findings(text: str) -> list[Finding]:
    return [
        Finding("name", m.group(), m.start(), m.end())
        for m in _CAPITALISED.finditer(text)
        if m.group() in _NAMES
    ]


def findings(text: str) -> list[Finding]:
    """Everything in `text` that could identify someone, in order, overlaps resolved in favour of
    the longer (so "12 Front Street" is one address, not an address and a name)."""
    found = [Finding(kind, m.group(), m.start(), m.end()) for kind, p in _PATTERNS for m in p.finditer(text)]
    found.extend(_name_findings(text))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def outstanding(texts: Iterable[str], confirmed: Iterable[tuple[str, str]]) -> list[Finding]:
    """The findings in any of `texts` that no one has confirmed as safe: while this is not
    empty, the text may not leave the record."""
    safe = set(confirmed)
    return [f for text in texts for f in findings(text) if f.key not in safe]
