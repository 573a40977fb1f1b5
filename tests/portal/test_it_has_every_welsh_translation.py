"""The Welsh catalogue: every message translated, none fuzzy, and the compiled .mo in step with the .po
(the .mo is committed so `make demo` works without gettext installed)."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "victimcare" / "portal" / "locale" / "cy" / "LC_MESSAGES"


def _entries(path: Path) -> list[dict[str, object]]:
    """(msgctxt, msgid, msgstr, flags) of every entry of a .po file."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] = {"flags": ""}
    key = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if "msgid" in current:
                entries.append(current)
            current, key = {"flags": ""}, ""
        elif line.startswith("#,"):
            current["flags"] = str(current["flags"]) + line
        elif match := re.match(r"^(msgctxt|msgid|msgstr)\s+(\".*\")$", line):
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] = str(current[key]) + ast.literal_eval(line)
    return entries


def test_it_translates_every_message_into_welsh():
    entries = [e for e in _entries(LOCALE / "django.po") if e["msgid"]]
    assert len(entries) > 250
    untranslated = [e["msgid"] for e in entries if not e.get("msgstr")]
    assert untranslated == []


def test_it_has_no_fuzzy_translations():
    fuzzy = [e["msgid"] for e in _entries(LOCALE / "django.po") if "fuzzy" in str(e["flags"])]
    assert fuzzy == []


def test_it_keeps_the_compiled_catalogue_in_step_with_the_po_file():
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalog = compiled._catalog  # type: ignore[attr-defined]  # gettext has no public view of it
    for entry in _entries(LOCALE / "django.po"):
        if not entry["msgid"]:
            continue
        key = f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]
        assert catalog.get(key) == entry["msgstr"], entry["msgid"]
    assert len([k for k in catalog if k]) == len([e for e in _entries(LOCALE / "django.po") if e["msgid"]])


def test_it_keeps_placeholders_in_every_translation():
    for entry in _entries(LOCALE / "django.po"):
        names = sorted(re.findall(r"%\((\w+)\)s", str(entry["msgid"])))
        assert sorted(re.findall(r"%\((\w+)\)s", str(entry["msgstr"]))) == names or not entry["msgid"], entry[
            "msgid"
        ]
