"""Production hashing is Argon2 (the test run swaps in a fast hasher for speed)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, make_password

from victimcare import settings as project_settings


def test_it_hashes_passwords_with_argon2_in_the_project_settings():
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_it_signs_in_with_an_argon2_hash(settings, personas):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    encoded = make_password("a long enough passphrase")
    assert encoded.startswith("argon2$")
    assert check_password("a long enough passphrase", encoded)
