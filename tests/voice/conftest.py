"""The portal and case fixtures are shared with the messaging tests (tests/messaging/conftest.py)."""

from tests.messaging.conftest import (  # noqa: F401
    _notify_settings,
    monday,
    portal_account,
    portal_client,
    victim_case,
)
