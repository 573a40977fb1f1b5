"""Every string of the messaging and voice apps' portal pages has a Welsh translation, the
compiled .mo matches the .po, and no string in the code or templates is missing from the
catalogue (makemessages over a copy of the app finds nothing new)."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

APPS = ("messaging", "voice")


def _entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry but the header, read with the standard library's
    own .po reader (msgfmt.py is not importable, so a small reader follows its rules)."""
    entries: list[tuple[str, str, bool]] = []
    msgid = msgstr = ""
    fuzzy = False
    mode = ""
    for line in [*po.read_text(encoding="utf-8").splitlines(), "#"]:
        if (line.startswith("#") or line.startswith("msgid ")) and mode == "str":
            if msgid:
                entries.append((msgid, msgstr, fuzzy))
            msgid = msgstr = mode = ""
            fuzzy = False
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            mode, msgid = "id", _unquote(line[6:])
        elif line.startswith("msgstr "):
            mode, msgstr = "str", _unquote(line[7:])
        elif line.startswith('"'):
            if mode == "id":
                msgid += _unquote(line)
            else:
                msgstr += _unquote(line)
    return entries


def _unquote(text: str) -> str:
    import ast

    return str(ast.literal_eval(text))


@pytest.mark.parametrize("app", APPS)
def test_it_translates_every_string(app):
    po = Path(settings.BASE_DIR) / "victimcare" / app / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    entries = _entries(po)
    assert len(entries) > 30
    assert [m for m, s, fuzzy in entries if not s.strip() or fuzzy] == []
    compiled = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))
    assert [m for m, s, _ in entries if compiled.gettext(m) != s] == []


@pytest.mark.parametrize("app", APPS)
def test_it_has_every_string_of_the_code_in_the_catalogue(app, tmp_path):
    source = Path(settings.BASE_DIR) / "victimcare" / app
    copy = tmp_path / app
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "victimcare.settings", "SECRET_KEY": "x"}
    env["PYTHONPATH"] = str(settings.BASE_DIR)
    subprocess.run(
        [
            str(Path(sys.executable).parent / "django-admin"),
            "makemessages",
            "-l",
            "cy",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    before = {m for m, _, _ in _entries(source / "locale" / "cy" / "LC_MESSAGES" / "django.po")}
    after = {m for m, _, _ in _entries(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")}
    assert after - before == set(), "run makemessages -l cy in the app and translate the new strings"
