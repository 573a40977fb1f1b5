"""`make audit-deps` audits the pinned runtime packages against published advisories with
pip-audit (and npm audit), strictly: a package that could not be checked fails it as a known
vulnerability does. pip-audit is pinned with the test tools, at the version installed."""

from __future__ import annotations

import re
import subprocess
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_audit_deps_runs_pip_audit_strictly_on_the_runtime_pins():
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "audit-deps"], cwd=ROOT, capture_output=True, text=True
    )
    assert dry_run.returncode == 0, dry_run.stderr
    commands = dry_run.stdout.splitlines()
    assert ".venv/bin/pip-audit -r requirements.txt --strict" in commands
    assert "npm audit --omit=dev --audit-level=low" in commands


def test_pip_audit_is_pinned_at_the_installed_version():
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements-dev.txt").read_text(), re.M))
    assert pins.get("pip-audit") == version("pip-audit")
