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
