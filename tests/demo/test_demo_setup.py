"""The demo set-up: personas, victims with stored rights, and a second run that changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from victimcare.cases.models import VictimCase
from victimcare.rights.models import CaseRights
from victimcare.support.models import Referral, Service

pytestmark = pytest.mark.django_db


def test_it_sets_up_the_demo_and_can_run_again(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_setup", victims=20, seed=3, stdout=out)
    cases = VictimCase.objects.count()
    assert cases >= 20
    assert CaseRights.objects.count() == cases  # every seeded case has its rights worked out
    assert "cara" in out.getvalue() and "victim-care-demo" in out.getvalue()
    services, referrals = Service.objects.count(), Referral.objects.count()
    assert services > 10 and referrals > 0  # a directory, and work in the provider's workspace
    call_command("demo_setup", victims=20, seed=3, stdout=StringIO())
    assert VictimCase.objects.count() == cases
    assert (Service.objects.count(), Referral.objects.count()) == (services, referrals)


def test_the_demo_is_dated_up_to_today(settings):
    """The demo's timelines end today, not on the synthetic seed's fixed day, so its queues,
    clocks and figures look like a normal month whenever it is set up."""
    from datetime import timedelta

    from django.utils import timezone

    from victimcare.cases.models import Event

    settings.DEBUG = True
    call_command("demo_setup", victims=30, seed=2, stdout=StringIO())
    today = timezone.localdate()
    latest = timezone.localtime(Event.objects.latest("occurred_at").occurred_at).date()
    assert today - timedelta(days=14) <= latest <= today
    assert timezone.localtime(Event.objects.earliest("occurred_at").occurred_at).date() < today - timedelta(
        days=30
    )


def test_it_refuses_to_publish_demo_passwords_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_setup", victims=1, seed=1, stdout=StringIO())
