"""The subject access response as released (docs/adr/0053): an accessible PDF (tagged PDF/UA-1,
victimcare.documents) and a machine-readable archive (a ZIP of JSON files, one per record type,
with a manifest). Both are made from the same list of items with the review's redactions
applied, so nothing redacted can reach one and not the other.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from victimcare.dataprotection.gather import RECORD_TYPES
from victimcare.dataprotection.models import SarItem, SubjectAccessRequest
from victimcare.documents import pdf_from_html

REDACTED = "[redacted]"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Released:
    record_type: str
    title: str
    data: dict[str, Any]


def redact(value: Any, patterns: list[re.Pattern[str]]) -> Any:
    """`value` with every passage removed, in every string it holds (case-insensitive)."""
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(REDACTED, value)
        return value
    if isinstance(value, dict):
        return {k: redact(v, patterns) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v, patterns) for v in value]
    return value


def released_items(sar: SubjectAccessRequest) -> list[Released]:
    """The items that go out: withheld ones left out, redactions applied to the rest."""
    out = []
    for item in sar.items.prefetch_related("redactions").order_by("position"):
        if item.withheld:
            continue
        patterns = _patterns(item)
        out.append(Released(item.record_type, redact(item.title, patterns), redact(item.data, patterns)))
    return out


def _patterns(item: SarItem) -> list[re.Pattern[str]]:
    # Longest first, so "Mark Jones" goes before "Mark" would leave "[redacted] Jones".
    passages = sorted({r.passage for r in item.redactions.all()}, key=len, reverse=True)
    return [re.compile(re.escape(p), re.IGNORECASE) for p in passages if p]


def readable(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) rows for the PDF: a field's name in words and its value as text."""
    rows = []
    for name, value in data.items():
        if value in (None, "", [], {}):
            text = "None"
        elif isinstance(value, bool):
            text = "Yes" if value else "No"
        elif isinstance(value, dict | list):
            text = json.dumps(value, ensure_ascii=False, indent=1)
        else:
            text = str(value)
        rows.append((name.replace("_", " ").capitalize(), text))
    return rows


def withheld_count(sar: SubjectAccessRequest) -> int:
    return sar.items.filter(withheld=True).count()


def redacted_count(sar: SubjectAccessRequest) -> int:
    return SarItem.objects.filter(request=sar, withheld=False, redactions__isnull=False).distinct().count()


def build_pdf(sar: SubjectAccessRequest, items: list[Released], *, organisation_name: str) -> bytes:
    by_type = {
        t: [{"title": i.title, "rows": readable(i.data)} for i in items if i.record_type == t]
        for t, _ in RECORD_TYPES
    }
    html = render_to_string(
        "dataprotection/pack_pdf.html",
        {
            "sar": sar,
            "organisation_name": organisation_name,
            "sections": [(t, heading, by_type[t]) for t, heading in RECORD_TYPES] if items else [],
            "nothing_held": not items and sar.person_id is None,
            "withheld": withheld_count(sar) if sar.pk else 0,
            "redacted": redacted_count(sar) if sar.pk else 0,
            "made_on": timezone.localdate(),
        },
    )
    return pdf_from_html(html)


def build_archive(sar: SubjectAccessRequest, items: list[Released], *, organisation_name: str) -> bytes:
    """A ZIP: manifest.json, then <record type>.json for every record type (an empty list where
    nothing of that type is held), each a list of {"title", "data"}."""
    buffer = io.BytesIO()
    files = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if sar.person_id is not None:
            for record_type, heading in RECORD_TYPES:
                rows = [{"title": i.title, "data": i.data} for i in items if i.record_type == record_type]
                name = f"{record_type}.json"
                archive.writestr(name, json.dumps(rows, indent=2, ensure_ascii=False))
                files.append(
                    {"file": name, "record_type": record_type, "description": heading, "records": len(rows)}
                )
        manifest = {
            "request": sar.pk,
            "controller": organisation_name,
            "subject": sar.subject_name,
            "received_on": sar.received_on.isoformat(),
            "due_on": sar.due_on.isoformat(),
            "made_at": timezone.localtime().isoformat(),
            "nothing_held": sar.person_id is None,
            "files": files,
            "records_withheld": withheld_count(sar),
            "records_with_redactions": redacted_count(sar),
            "redaction_marker": REDACTED,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    return buffer.getvalue()
