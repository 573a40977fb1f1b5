"""The production profile (DJANGO_ENV=production, victimcare/settings.py) as a deployment would
start it: in a fresh process, with only the environment given here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Long and random enough for Django's own test of a secret key (security.W009); not secret.
LONG_KEY = "tests-only-4f9c1e7a2b8d6e0f3a5c7b9d1e2f4a6c8b0d2e4f6a8c0e2b4d6f8a0c2e4b6d8f"
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": LONG_KEY,
    "ALLOWED_HOSTS": "victimcare.example.gov.uk",
    "PROXY_SSL_HEADER": "X-Forwarded-Proto",
    # A Fernet key for field encryption (docs/adr/0060): b"tests-only-production-profile-k!".
    "FIELD_ENCRYPTION_KEYS": "dGVzdHMtb25seS1wcm9kdWN0aW9uLXByb2ZpbGUtayE=",
}


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`manage.py ARGS` in a new process with `env` and a database of its own in `tmp_path`."""
    # Only what a process needs to run, so nothing of the test run's own settings leaks in.
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(names: list[str], *, env: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    """The values of the settings `names` in a process started with `env`."""
    script = f"import json; from django.conf import settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    result = manage("shell", "--no-imports", "-c", script, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))
