"""Reading files in pieces: a file's checksum and an iterable in batches, never all at once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def checksum(path: Path) -> str:
    """The SHA-256 of the file, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, in order (itertools.batched from Python 3.12)."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
