"""Restorative justice: offered -> accepted/declined -> assessed -> offender consented ->
prepared -> conference or indirect communication -> outcome agreed -> followed up -> closed;
withdrawal by either side ends it; the victim's choice stands; each step is an event; every
transition not in the table is refused with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from victimcare.justice import workflow as wf
from victimcare.justice.models import RestorativeJustice
from victimcare.justice.services import JusticeError, StepInput, rj_offer, rj_step_record

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 5)

# A path from "offered" to each status.
PATHS: dict[str, list[str]] = {
    wf.OFFERED: [],
    wf.ACCEPTED: [wf.ACCEPTED],
    wf.DECLINED: [wf.DECLINED],
    wf.ASSESSED: [wf.ACCEPTED, wf.ASSESSED],
    wf.OFFENDER_CONSENTED: [wf.ACCEPTED, wf.ASSESSED, wf.OFFENDER_CONSENTED],
    wf.PREPARED: [wf.ACCEPTED, wf.ASSESSED, wf.OFFENDER_CONSENTED, wf.PREPARED],
    wf.CONFERENCE_HELD: [wf.ACCEPTED, wf.ASSESSED, wf.OFFENDER_CONSENTED, wf.PREPARED, wf.CONFERENCE_HELD],
    wf.INDIRECT_COMMUNICATION: [wf.ACCEPTED, wf.ASSESSED, wf.OFFENDER_CONSENTED, wf.PREPARED, wf.INDIRECT_COMMUNICATION],
    wf.OUTCOME_AGREED: [wf.ACCEPTED, wf.ASSESSED, wf.OFFENDER_CONSENTED, wf.PREPARED, wf.CONFERENCE_HELD, wf.OUTCOME_AGREED],
    wf.FOLLOWED_UP: [wf.ACCEPTED, wf.ASSESSED, wf.OFFENDER_CONSENTED, wf.PREPARED, wf.CONFERENCE_HELD, wf.OUTCOME_AGREED, wf.FOLLOWED_UP],
    wf.CLOSED: [wf.ACCEPTED, wf.ASSESSED, wf.OFFENDER_CONSENTED, wf.PREPARED, wf.CONFERENCE_HELD, wf.OUTCOME_AGREED, wf.FOLLOWED_UP, wf.CLOSED],
    wf.WITHDRAWN_BY_VICTIM: [wf.ACCEPTED, wf.WITHDRAWN_BY_VICTIM],
    wf.WITHDRAWN_BY_OFFENDER: [wf.ACCEPTED, wf.ASSESSED, wf.WITHDRAWN_BY_OFFENDER],
}  # fmt: skip
EXPECTED = {
    wf.OFFERED: {wf.ACCEPTED, wf.DECLINED, wf.WITHDRAWN_BY_OFFENDER},
    wf.ACCEPTED: {wf.ASSESSED, wf.WITHDRAWN_BY_VICTIM, wf.WITHDRAWN_BY_OFFENDER},
    wf.ASSESSED: {wf.OFFENDER_CONSENTED, wf.WITHDRAWN_BY_VICTIM, wf.WITHDRAWN_BY_OFFENDER},
    wf.OFFENDER_CONSENTED: {wf.PREPARED, wf.WITHDRAWN_BY_VICTIM, wf.WITHDRAWN_BY_OFFENDER},
    wf.PREPARED: {
        wf.CONFERENCE_HELD,
        wf.INDIRECT_COMMUNICATION,
        wf.WITHDRAWN_BY_VICTIM,
        wf.WITHDRAWN_BY_OFFENDER,
    },
    wf.CONFERENCE_HELD: {wf.OUTCOME_AGREED, wf.FOLLOWED_UP, wf.WITHDRAWN_BY_VICTIM, wf.WITHDRAWN_BY_OFFENDER},
    wf.INDIRECT_COMMUNICATION: {
        wf.OUTCOME_AGREED,
        wf.FOLLOWED_UP,
        wf.WITHDRAWN_BY_VICTIM,
        wf.WITHDRAWN_BY_OFFENDER,
    },
    wf.OUTCOME_AGREED: {wf.FOLLOWED_UP, wf.WITHDRAWN_BY_VICTIM, wf.WITHDRAWN_BY_OFFENDER},
    wf.FOLLOWED_UP: {wf.CLOSED, wf.WITHDRAWN_BY_VICTIM, wf.WITHDRAWN_BY_OFFENDER},
    wf.DECLINED: set(),
    wf.WITHDRAWN_BY_VICTIM: set(),
    wf.WITHDRAWN_BY_OFFENDER: set(),
    wf.CLOSED: set(),
}


class _Rollback(Exception):
    pass


def step_input(step: str, suitable: bool | None = True) -> StepInput:
    return StepInput(step=step, occurred_on=DAY, suitable=suitable if step == wf.ASSESSED else None,
                     offender_consents=True, offender_admits_responsibility=True)  # fmt: skip


def drive(actor, case, status: str) -> RestorativeJustice:
    record = rj_offer(actor=actor, case=case, occurred_on=DAY)
    for step in PATHS[status]:
        record = rj_step_record(actor=actor, record=record, data=step_input(step))
    assert record.status == status
    return record


def test_it_covers_every_status_in_the_table():
    assert set(EXPECTED) == set(wf.STEPS) == set(PATHS)


@pytest.mark.parametrize("status", list(EXPECTED))
def test_it_allows_exactly_the_transitions_in_the_table(personas, case_a, status):
    cara = personas["cara"]
    record = drive(cara, case_a, status)
    allowed = set()
    for step in wf.STEPS:
        events_before = case_a.events.count()
        try:
            with transaction.atomic():
                done = rj_step_record(actor=cara, record=record, data=step_input(step))
                assert done.status == step
                assert case_a.events.count() == events_before + 1
                assert case_a.events.order_by("-id").first().payload["step"] == step
                raise _Rollback
        except _Rollback:
            allowed.add(step)
        except JusticeError as err:
            assert err.field == "step" and len(err.message) > 20, (status, step)
            assert case_a.events.count() == events_before
    assert allowed == EXPECTED[status]


def test_it_records_an_event_for_every_step(personas, case_a):
    drive(personas["cara"], case_a, wf.CLOSED)
    steps = [e.payload["step"] for e in case_a.events.filter(type="restorative_justice_step").order_by("id")]
    assert steps == [wf.OFFERED, *PATHS[wf.CLOSED]]


def test_it_lets_the_victims_decline_stand_and_says_so(personas, case_a):
    record = drive(personas["cara"], case_a, wf.DECLINED)
    with pytest.raises(JusticeError) as err:
        rj_step_record(actor=personas["cara"], record=record, data=step_input(wf.ACCEPTED))
    assert "their choice stands" in err.value.message


def test_it_needs_a_new_offer_after_the_process_ends(personas, case_a):
    cara = personas["cara"]
    first = drive(cara, case_a, wf.WITHDRAWN_BY_VICTIM)
    second = rj_offer(actor=cara, case=case_a, occurred_on=DAY)
    assert second.pk != first.pk and second.status == wf.OFFERED
    with pytest.raises(JusticeError) as err:
        rj_offer(actor=cara, case=case_a, occurred_on=DAY)
    assert "already under way" in err.value.message


def test_it_needs_the_offenders_consent_and_admission(personas, case_a):
    cara = personas["cara"]
    record = drive(cara, case_a, wf.ASSESSED)
    for consents, admits in ((True, False), (False, True)):
        with pytest.raises(JusticeError) as err:
            rj_step_record(actor=cara, record=record, data=StepInput(wf.OFFENDER_CONSENTED, DAY, offender_consents=consents,
                                                                      offender_admits_responsibility=admits))  # fmt: skip
        assert "admit responsibility" in err.value.message


def test_it_only_closes_a_case_assessed_as_unsuitable(personas, case_a):
    cara = personas["cara"]
    record = drive(cara, case_a, wf.ACCEPTED)
    record = rj_step_record(actor=cara, record=record, data=step_input(wf.ASSESSED, suitable=False))
    with pytest.raises(JusticeError) as err:
        rj_step_record(actor=cara, record=record, data=step_input(wf.OFFENDER_CONSENTED))
    assert "not suitable" in err.value.message
    assert rj_step_record(actor=cara, record=record, data=step_input(wf.CLOSED)).status == wf.CLOSED


def test_it_refuses_a_step_through_the_page_with_the_reason(client_for, personas, case_a):
    record = drive(personas["cara"], case_a, wf.DECLINED)
    r = client_for("cara").post(f"/cases/{case_a.id}/restorative-justice/{record.id}/",
                                {"step": "accepted", "occurred_on_day": "5", "occurred_on_month": "3", "occurred_on_year": "2026",
                                 "summary": "Changed her mind"})  # fmt: skip
    assert r.status_code == 200
    body = r.content.decode()
    assert "govuk-error-summary" in body and "their choice stands" in body
    record.refresh_from_db()
    assert record.status == wf.DECLINED


def test_it_records_steps_through_the_pages(client_for, case_a):
    client = client_for("cara")
    r = client.post(f"/cases/{case_a.id}/restorative-justice/new/",
                    {"occurred_on_day": "5", "occurred_on_month": "3", "occurred_on_year": "2026"})  # fmt: skip
    record = RestorativeJustice.objects.get()
    assert r["Location"] == f"/cases/{case_a.id}/restorative-justice/{record.id}/"
    page = client.get(r["Location"])
    assert [v for v, _ in page.context["form"].fields["step"].widget.choices] == [
        "accepted",
        "declined",
        "withdrawn_by_offender",
    ]
    client.post(
        r["Location"],
        {"step": "accepted", "occurred_on_day": "6", "occurred_on_month": "3", "occurred_on_year": "2026"},
    )
    missing = client.post(
        r["Location"],
        {"step": "assessed", "occurred_on_day": "7", "occurred_on_month": "3", "occurred_on_year": "2026"},
    )
    assert "Choose whether restorative justice is suitable" in missing.content.decode()
    record.refresh_from_db()
    assert record.status == wf.ACCEPTED
