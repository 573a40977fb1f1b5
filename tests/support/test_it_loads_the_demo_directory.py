"""The demo directory command: 16 invented services for County Durham and Darlington, Harbour
linked to its provider organisation, safe to run twice; optional demo referrals."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from victimcare.support.models import Referral, Service

pytestmark = pytest.mark.django_db


def test_it_loads_the_directory_once(personas):
    call_command("support_demo")
    call_command("support_demo")
    assert Service.objects.count() == 16
    harbour = Service.objects.get(name="Harbour Support Services")
    assert harbour.organisation is not None and harbour.organisation.name == "Harbour Support Services"
    assert Service.objects.filter(active=False).count() == 1
    assert (
        not Service.objects.filter(organisation__isnull=False)
        .exclude(name="Harbour Support Services")
        .exists()
    )


def test_it_makes_demo_referrals_to_harbour(personas, case_a, case_b):
    call_command("support_demo", referrals=5)
    referrals = Referral.objects.all()
    assert referrals.count() == 2  # the two cases there are
    assert all(r.snapshot and r.sent_event_id for r in referrals)
    assert set(referrals.values_list("provider__name", flat=True)) == {"Harbour Support Services"}
