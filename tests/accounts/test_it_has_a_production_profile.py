"""DJANGO_ENV=production is the deployment profile: with a real secret key and the site's host
names it passes Django's deployment checklist (`manage.py check --deploy`) with no warning, and
without either it will not start. Each check runs in a fresh process, as a deployment would."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.production_profile import PRODUCTION, manage, settings_of


def _check_deploy(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return manage("check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)


def test_the_production_profile_passes_the_deployment_checklist(tmp_path):
    result = _check_deploy(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_the_profile_the_same_settings_fail_the_checklist(tmp_path):
    """The control: the profile, not the environment given, is what passes."""
    result = _check_deploy({k: v for k, v in PRODUCTION.items() if k != "DJANGO_ENV"}, tmp_path)
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no redirect to HTTPS


def test_it_will_not_start_without_a_secret_key(tmp_path):
    result = _check_deploy({k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}, tmp_path)
    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_it_will_not_start_without_the_sites_host_names(tmp_path):
    for hosts in (None, ""):
        env = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}
        if hosts is not None:
            env["ALLOWED_HOSTS"] = hosts
        result = _check_deploy(env, tmp_path)
        assert result.returncode != 0
        assert "ALLOWED_HOSTS" in result.stderr


def test_debug_cannot_be_turned_on_in_production(tmp_path):
    result = _check_deploy({**PRODUCTION, "DEBUG": "1"}, tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be off when DJANGO_ENV=production" in result.stderr


def test_cookies_stay_secure_in_production_whatever_secure_cookies_says(tmp_path):
    names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"]
    env = {**PRODUCTION, "SECURE_COOKIES": "0"}
    assert settings_of(names, env=env, tmp_path=tmp_path) == dict.fromkeys(names, True)


def test_the_proxy_header_is_what_the_deployment_names(tmp_path):
    named = settings_of(["SECURE_PROXY_SSL_HEADER"], env=PRODUCTION, tmp_path=tmp_path)
    assert named["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # Without a proxy that sets it, no header is trusted: a client could send it itself.
    unnamed = {k: v for k, v in PRODUCTION.items() if k != "PROXY_SSL_HEADER"}
    assert settings_of(["SECURE_PROXY_SSL_HEADER"], env=unnamed, tmp_path=tmp_path) == {
        "SECURE_PROXY_SSL_HEADER": None
    }


def test_it_will_not_start_without_field_encryption_keys(tmp_path):
    for keys in (None, "", " , "):
        env = {k: v for k, v in PRODUCTION.items() if k != "FIELD_ENCRYPTION_KEYS"}
        if keys is not None:
            env["FIELD_ENCRYPTION_KEYS"] = keys
        result = _check_deploy(env, tmp_path)
        assert result.returncode != 0
        assert "FIELD_ENCRYPTION_KEYS" in result.stderr


def test_it_will_not_start_with_the_public_test_key_or_a_key_that_is_not_one(tmp_path):
    test_key = "dmljdGltY2FyZS10ZXN0LW9ubHktbm90LXNlY3JldCE="
    for keys, said in (
        (test_key, "public test key"),
        (f"{PRODUCTION['FIELD_ENCRYPTION_KEYS']},{test_key}", "public test key"),
        ("not-a-key", "must be a Fernet key"),
        (PRODUCTION["SECRET_KEY"], "must be a Fernet key"),
    ):
        result = _check_deploy({**PRODUCTION, "FIELD_ENCRYPTION_KEYS": keys}, tmp_path)
        assert result.returncode != 0
        assert said in result.stderr
        assert keys not in result.stderr  # a key is never printed


def test_the_field_keys_are_their_own_not_the_secret_key(tmp_path):
    keys = settings_of(["FIELD_ENCRYPTION_KEYS"], env=PRODUCTION, tmp_path=tmp_path)
    assert keys == {"FIELD_ENCRYPTION_KEYS": [PRODUCTION["FIELD_ENCRYPTION_KEYS"]]}
    rotating = {**PRODUCTION, "FIELD_ENCRYPTION_KEYS": f"{NEXT},{PRODUCTION['FIELD_ENCRYPTION_KEYS']}"}
    keys = settings_of(["FIELD_ENCRYPTION_KEYS"], env=rotating, tmp_path=tmp_path)
    assert keys["FIELD_ENCRYPTION_KEYS"][0] == NEXT  # the first key encrypts


NEXT = "dGVzdHMtb25seS10aGUtbmV4dC1maWVsZC1rZXktMiE="
