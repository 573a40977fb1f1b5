"""Name normalisation for search and duplicate detection.

Names are matched on a lower-cased, accent-free key, and prefix searches are
written as a half-open range (key >= "smi" and key < "smj") so that both SQLite
and PostgreSQL answer them from an ordinary B-tree index.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """'  Zoë  O'Brien ' -> "zoe o'brien"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("\u2019", "'").split())


def prefix_range(prefix: str) -> tuple[str, str]:
    """The half-open range of keys that start with `prefix` (which must be non-empty)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


# Letters that sound alike share a digit (American Soundex's groups); vowels, h, w and y
# separate letters but are not coded.
_SOUND_GROUPS = {letter: digit for letters, digit in (
    ("bfpv", "1"), ("cgjkqsxz", "2"), ("dt", "3"), ("l", "4"), ("mn", "5"), ("r", "6"))
    for letter in letters}  # fmt: skip
# Beginnings spelt differently for one sound, so that the first letter agrees too.
_SOUND_STARTS = (("ph", "f"), ("kn", "n"), ("wr", "r"), ("gn", "n"), ("ps", "s"), ("c", "k"), ("q", "k"))


def sound_key(name: str) -> str:
    """How a name sounds, for finding near spellings: a Soundex code (first letter, then up to
    three digits for the consonants that follow) of the whole name key, its spaces, hyphens
    and apostrophes dropped ("Anne-Marie" as "annemarie").

    "Smith", "Smyth", "Smiht" -> "s530"; "Jon", "John" -> "j500"; "Catherine", "Kathryn" ->
    "k365"; "Mohammed", "Muhammad" -> "m530". "" when the name has no letters a-z.
    Soundex is coarse on purpose: a near match is offered as "similar names", below the
    names that match as typed, and the searcher decides.
    """
    letters = "".join(ch for ch in name_key(name) if "a" <= ch <= "z")
    if not letters:
        return ""
    for spelt, sound in _SOUND_STARTS:
        if letters.startswith(spelt):
            letters = sound + letters[len(spelt) :]
            break
    digits: list[str] = []
    last = _SOUND_GROUPS.get(letters[0], "")
    for ch in letters[1:]:
        code = _SOUND_GROUPS.get(ch, "")
        if code and code != last:
            digits.append(code)
        if ch not in "hw":  # h and w do not separate two letters of one sound; vowels do
            last = code
    return (letters[0] + "".join(digits) + "000")[:4]


def reference_number(reference: str) -> int | None:
    """The running number in a crime reference, for finding it from part of the reference:
    the longest group of digits, leaving out a last group of two (the year) when there are
    others ("DU/00123/26" -> 123, "1/26" -> 1). None when there is none."""
    group = running_number_group(reference)
    return None if group is None else int(group[:18])


def running_number_group(reference: str) -> str | None:
    """The group of digits reference_number reads, as written ("DU/00123/26" -> "00123")."""
    groups = "".join(ch if ch.isdigit() else " " for ch in reference).split()
    if len(groups) > 1 and len(groups[-1]) == 2:
        groups = groups[:-1]
    return max(groups, key=len) if groups else None
