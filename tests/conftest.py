"""Shared fixtures: the named personas (see victimcare/accounts/personas.py) and cases.

- case_a: victim Jane Smith on team North (cara's), officer in charge olly, Durham City crime.
- case_b: victim Tom Baker on team South (cole's), no officer, no police team.
- case_court: victim Amir Khan on team South, charged and listed for court (wendy sees it).
- case_other: a Cleveland case held by Cleveland's victim care service (otto's).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import local, make_case, make_person
from victimcare.accounts.models import User
from victimcare.accounts.personas import ensure_personas
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record

# The Playwright fixtures (browser, page, page_as, ...), shared by every test directory.
pytest_plugins = ["tests.browser_support"]

# Property tests check behaviour, never speed: on a machine busy with two workers and a browser,
# hypothesis's "too slow" health check and per-example deadline fail a run for no defect.
hypothesis_settings.register_profile(
    "victimcare", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("victimcare")

PASSWORD = "correct horse battery staple"
TOTP_SECRET = "tests"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is the production hasher (tests/accounts/test_passwords.py checks it);
    # a fast hasher keeps hundreds of persona set-ups quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db) -> dict[str, User]:
    return ensure_personas(password=PASSWORD, totp_secret=TOTP_SECRET)


def verified_client(user: User) -> Client:
    """A test client signed in as `user` with a verified second factor."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(personas) -> Callable[[str], Client]:
    return lambda username: verified_client(personas[username])


@pytest.fixture
def case_a(personas) -> VictimCase:
    return make_case(
        personas["cara"],
        team="Victim care North",
        police_team="Durham City",
        caseworker=personas["cara"],
        officer_in_charge=personas["olly"],
        reference="DU/00001/26",
        flags=("domestic_abuse",),
    )


@pytest.fixture
def case_b(personas) -> VictimCase:
    person = make_person(
        personas["cole"], first_name="Tom", last_name="Baker", date_of_birth=date(1990, 5, 1)
    )
    return make_case(
        personas["cole"],
        person=person,
        team="Victim care South",
        caseworker=personas["cole"],
        reference="DU/00002/26",
        crime_type="Burglary",
        offence="28E",
    )


@pytest.fixture
def case_court(personas) -> VictimCase:
    person = make_person(
        personas["cole"], first_name="Amir", last_name="Khan", date_of_birth=date(2010, 1, 9)
    )
    vcase = make_case(personas["cole"], person=person, team="Victim care South", reference="DU/00003/26")
    event_record(
        actor=personas["olly"], case=vcase, type="suspect_charged", occurred_at=local(2026, 3, 9, 15, 0)
    )
    vcase.refresh_from_db()
    return vcase


@pytest.fixture
def case_other(personas) -> VictimCase:
    person = make_person(
        personas["otto"], first_name="Jane", last_name="Smith", date_of_birth=date(1987, 2, 14)
    )
    return make_case(personas["otto"], person=person, team="Victim care Teesside", reference="CL/00001/26")
