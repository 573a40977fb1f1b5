"""Fixtures for the support tests: the demo directory, and referrals at each step.

- directory: the demo services directory of Durham's victim care service (16 services);
- harbour: Harbour Support Services, the provider using the system (pat works there);
- external: Court Companions Witness Support, a service outside the system;
- sent_referral: case_a referred to Harbour with the victim's consent, sent.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import agree_safe_contact, local
from victimcare.accounts.personas import OPCC, ensure_organisations
from victimcare.support.demo_directory import DIRECTORY, HARBOUR
from victimcare.support.management.commands.support_demo import load_service
from victimcare.support.models import Referral, Service
from victimcare.support.services import referral_consent_record, referral_create, referral_send

CONSENTED = local(2026, 3, 2, 11, 0)
SENT = local(2026, 3, 2, 11, 30)


def load_directory() -> dict[str, Service]:
    orgs = ensure_organisations()
    return {e["name"]: load_service(orgs[OPCC], orgs, e) for e in DIRECTORY}


@pytest.fixture
def directory(personas) -> dict[str, Service]:
    return load_directory()


@pytest.fixture
def harbour(directory: dict[str, Service]) -> Service:
    return directory[HARBOUR]


@pytest.fixture
def external(directory: dict[str, Service]) -> Service:
    return directory["Court Companions Witness Support"]


def consented(actor: Any, vcase: Any, service: Service, items: list[str] | None = None) -> Referral:
    """A draft referral with the victim's consent, their safe-contact rules agreed."""
    if not vcase.person.safe_contact_settled:
        agree_safe_contact(actor, vcase.person)
    referral = referral_create(actor=actor, case=vcase, service=service, reason="Wants help with court")
    return referral_consent_record(
        actor=actor,
        referral=referral,
        by="victim",
        method="phone",
        at=CONSENTED,
        items=items or ["name", "safe_contact"],
    )


@pytest.fixture
def sent_referral(personas, case_a, harbour) -> Referral:
    case_a.person.phone = "07700 900123"
    case_a.person.save()
    referral = consented(personas["cara"], case_a, harbour, items=["name", "phone", "safe_contact"])
    return referral_send(actor=personas["cara"], referral=referral, occurred_at=SENT)
