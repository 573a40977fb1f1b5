"""CSV and XLSX files of what the pages show (the same rows, the same suppression).

In a spreadsheet a count is a number and a rate is a number with a percentage format
(disclosure.Percent), so they add up and sort; only words ("fewer than 5") are text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from victimcare.reports.disclosure import Percent

Table = tuple[str, list[str], list[list[Any]]]  # (title, header, rows)


def _safe(value: Any) -> Any:
    """Cells a spreadsheet would read as a formula are written as text (CSV injection)."""
    if isinstance(value, Percent):
        return str(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(tables: Sequence[Table]) -> bytes:
    """One CSV: each table's rows under its title in the first column."""
    out = io.StringIO()
    writer = csv.writer(out)
    for title, header, rows in tables:
        writer.writerow(["Table", *header])
        for row in rows:
            writer.writerow([_safe(title), *(_safe(v) for v in row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def to_xlsx(tables: Sequence[Table], notes: Sequence[str] = ()) -> bytes:
    """One worksheet per table (and a "Notes" sheet with the definitions, if any)."""
    book = Workbook()
    first = True
    for title, header, rows in tables:
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = title[:31]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([v.value if isinstance(v, Percent) else _safe(v) for v in row])
            for cell, v in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(v, Percent):
                    cell.number_format = "0%"
    if notes:
        sheet = book.create_sheet("Notes")
        for note in notes:
            sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
