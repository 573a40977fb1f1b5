"""API tokens: random, shown once, stored only as a keyed hash.

The hash is HMAC-SHA256 keyed from SECRET_KEY (Django's salted_hmac), so a copy of the database
alone cannot be used to test guessed tokens. Rotating SECRET_KEY without keeping the old key in
SECRET_KEY_FALLBACKS ends every token; the fallbacks are tried in turn (docs/adr/0035)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

PREFIX = "vc_"
_SALT = "victimcare.api.token"


def token_new() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str, secret: str | None = None) -> str:
    return salted_hmac(_SALT, token, secret=secret, algorithm="sha256").hexdigest()


def token_hashes(token: str) -> list[str]:
    """The hash under the current key, then under each fallback key."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [token_hash(token, key) for key in keys]


def token_display_prefix(token: str) -> str:
    return token[: len(PREFIX) + 6]
