"""The web server the demo and a deployment run (gunicorn with gunicorn.conf.py) does not name
itself: no `Server: gunicorn` header tells an attacker what to try."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _headers(url: str, deadline: float) -> dict[str, str]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as error:  # a 404 or a redirect target still has headers
            return {k.lower(): v for k, v in error.headers.items()}
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _served_headers(tmp_path: Path, *, with_config: bool) -> dict[str, str]:
    port = _free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "test-only-not-secret",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # gunicorn reads ./gunicorn.conf.py by itself, so the control runs from an empty directory.
    config = ["-c", str(ROOT / "gunicorn.conf.py")] if with_config else []
    server = subprocess.Popen(
        [str(gunicorn), *config, "victimcare.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT if with_config else tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return _headers(f"http://127.0.0.1:{port}/no-such-page/", time.monotonic() + 30)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_gunicorn_with_the_project_config_sends_no_server_header(tmp_path):
    headers = _served_headers(tmp_path, with_config=True)
    assert "date" in headers  # gunicorn's own headers are still written
    assert "server" not in headers


def test_without_the_config_gunicorn_would_name_itself(tmp_path):
    """The control: what the config removes is really there without it."""
    assert _served_headers(tmp_path, with_config=False)["server"] == "gunicorn"
