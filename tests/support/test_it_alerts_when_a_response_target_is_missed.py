"""Each service's response targets (accept within N working days, first contact within N
working days, counted by the rights calendar with its bank holidays) alert the provider and
the referring caseworker when missed: once per referral per target, from the scheduler."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from tests.factories import local
from victimcare.notify.models import OutboundMessage
from victimcare.rights.services import stored_calendar
from victimcare.support import targets
from victimcare.support.services import referral_step
from victimcare.support.targets import missed_targets_alert, next_target

pytestmark = pytest.mark.django_db
# sent_referral was sent on Monday 2 March 2026: accept by Wednesday 4, first contact by Monday 9.


def _alerts(template: str = "referral_target_missed") -> list[OutboundMessage]:
    return list(OutboundMessage.objects.filter(template=template).order_by("id"))


def test_it_says_nothing_on_the_due_day(sent_referral):
    assert missed_targets_alert(now=local(2026, 3, 4, 17)) == 0
    assert _alerts() == []


def test_it_alerts_the_provider_and_the_caseworker_once_when_acceptance_is_late(personas, sent_referral):
    written = missed_targets_alert(now=local(2026, 3, 5, 9))
    assert written == 2
    provider = _alerts()
    assert [m.user_id for m in provider] == [personas["pat"].pk]
    assert "accept the referral by Wednesday 4 March 2026" in provider[0].body
    assert "overdue by 1 working day" in provider[0].body
    caseworker = _alerts("referral_target_missed_caseworker")
    assert [m.user_id for m in caseworker] == [personas["cara"].pk]
    assert sent_referral.case.crime.crime_reference in caseworker[0].subject
    # Again, and a second scheduler: no one is told twice.
    assert missed_targets_alert(now=local(2026, 3, 6, 9)) == 0
    sent_referral.refresh_from_db()
    assert sent_referral.accept_missed_alerted_at is not None


def test_it_alerts_first_contact_separately_and_not_once_met(personas, sent_referral):
    referral_step(
        actor=personas["pat"], referral=sent_referral, action="accept", occurred_at=local(2026, 3, 3, 10)
    )
    assert missed_targets_alert(now=local(2026, 3, 9, 18)) == 0  # accepted in time; contact due today
    assert missed_targets_alert(now=local(2026, 3, 10, 9)) == 2  # first contact now late
    assert "make first contact with the victim by Monday 9 March 2026" in _alerts()[0].body
    assert missed_targets_alert(now=local(2026, 3, 11, 9)) == 0


def test_it_waits_for_a_working_day_before_calling_a_friday_target_missed(personas, sent_referral):
    sent_referral.accept_by = date(2026, 3, 6)  # a Friday
    sent_referral.save()
    assert missed_targets_alert(now=local(2026, 3, 7, 12)) == 0  # Saturday
    assert missed_targets_alert(now=local(2026, 3, 9, 9)) == 2  # Monday


def test_it_counts_working_days_over_bank_holidays(personas, sent_referral):
    # Good Friday 3 April and Easter Monday 6 April 2026 are not working days.
    calendar = stored_calendar()
    assert targets.last_working_day(date(2026, 4, 6), calendar) == date(2026, 4, 2)
    sent_referral.accept_by, sent_referral.first_contact_by = date(2026, 4, 2), date(2026, 4, 10)
    sent_referral.save()
    shown = next_target(sent_referral, date(2026, 4, 7), calendar)
    assert shown is not None and shown.overdue_label == "Overdue by 1 working day"
    assert shown.label == "Accept by Thursday 2 April 2026"
    assert missed_targets_alert(now=local(2026, 4, 6, 12)) == 0  # Easter Monday
    assert missed_targets_alert(now=local(2026, 4, 7, 9)) == 2


def test_it_runs_from_the_scheduler(personas, sent_referral):
    with time_machine.travel(local(2026, 3, 5, 9), tick=False):
        call_command("notify_scheduler", "--once", stdout=io.StringIO())
    assert len(_alerts()) == 1 and len(_alerts("referral_target_missed_caseworker")) == 1


def test_it_uses_each_services_own_targets(personas, case_a, harbour):
    from tests.support.conftest import consented
    from victimcare.support.services import referral_send, service_update

    service_update(
        actor=personas["adam"],
        service=harbour,
        data={"accept_within_days": 1, "first_contact_within_days": 3},
    )
    referral = consented(personas["cara"], case_a, harbour)
    referral = referral_send(actor=personas["cara"], referral=referral, occurred_at=local(2026, 3, 2, 11, 30))
    assert (str(referral.accept_by), str(referral.first_contact_by)) == ("2026-03-03", "2026-03-05")


def test_it_shows_the_target_and_how_late_on_the_providers_pages(personas, sent_referral, client_for):
    with time_machine.travel(local(2026, 3, 3, 9)):
        page = client_for("pat").get("/provider/?show=new").content.decode()
        assert "Accept by Wednesday 4 March 2026" in page and "Overdue" not in page
    with time_machine.travel(local(2026, 3, 6, 9)):
        client = client_for("pat")
        page = client.get("/provider/?show=new").content.decode()
        assert "Overdue by 2 working days" in page
        page = client.get(f"/provider/referrals/{sent_referral.pk}/").content.decode()
        assert "Accept by Wednesday 4 March 2026" in page and "Overdue by 2 working days" in page
