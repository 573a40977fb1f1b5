"""The portal and case fixtures are shared with the messaging tests (tests/messaging/conftest.py)."""

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


def make_engagement(champion, *, consents: Consents = ALL_CONSENTS, case=None, held_on=None, area="crime"):  # type: ignore[no-untyped-def]
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
def engagement(personas) -> Engagement:  # type: ignore[no-untyped-def]
    """chad's one-to-one with a victim who agreed to everything but linking their case."""
    return make_engagement(personas["chad"])


def subtheme(name: str) -> SubTheme:
    return SubTheme.objects.get(name=name)
