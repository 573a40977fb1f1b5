"""The portal and case fixtures are shared with the messaging tests (tests/messaging/conftest.py)."""

import importlib

# --- the Victims' Champions (chad is the champion; see tests/conftest.py for the others) ---
import pytest

from tests.messaging.conftest import (  # noqa: F401
    _notify_settings,
    monday,
    portal_account,
    portal_client,
    victim_case,
)
from victimcare.voice.engagement_services import Consents, engagement_record
from victimcare.voice.models import Engagement, SubTheme

ALL_CONSENTS = Consents(keep=True, quote=True, contact=True, link=False)


def make_engagement(
    champion, *, consents: Consents = ALL_CONSENTS, case=None, held_on=None, area="crime"
) -> Engagement:
    from datetime import date

    return engagement_record(
        actor=champion,
        area=area,
        method="one_to_one",
        place="Bishop Auckland community centre",
        held_on=held_on or date(2026, 3, 2),
        groups=["older"],
        consents=consents,
        contact_details="07700 900123, weekday mornings" if consents.contact else "",
        case=case,
    )


@pytest.fixture
def engagement(personas) -> Engagement:
    """chad's one-to-one with a victim who agreed to everything but linking their case."""
    return make_engagement(personas["chad"])


def themes_seed() -> None:
    """The themes the data migration seeds. A test run outside a transaction (live_server, the
    atomicity tests) empties every table when it ends, seeded rows included, so the tests that
    need the taxonomy put it back (get_or_create: a no-op when it is there)."""
    from django.apps import apps

    importlib.import_module("victimcare.voice.migrations.0003_seed_themes").seed(apps, None)


@pytest.fixture
def seeded_themes(transactional_db) -> None:
    themes_seed()


@pytest.fixture(autouse=True)
def _themes_seeded(request) -> None:
    """Every voice test that uses the database finds the seeded taxonomy (see themes_seed)."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        names & {"transactional_db", "live_server"}
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif marker is not None or "db" in names:
        request.getfixturevalue("db")
    else:
        return
    themes_seed()


def subtheme(name: str) -> SubTheme:
    themes_seed()
    return SubTheme.objects.get(name=name)
