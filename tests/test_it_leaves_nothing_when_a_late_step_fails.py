"""The services added with the safety, intake and staff pages are all or nothing: when their
last step (the audit row, or the reactions that follow a linked match) fails, nothing they
wrote before it is left in the database.

These run outside a test transaction (transaction=True): inside one, a partial write would
be rolled back by the test itself and the promise could not be seen to fail.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import make_case, make_person
from tests.ingest.conftest import crime_line, feed_file, import_feed, victim_line
from victimcare.access import services as access_services
from victimcare.accounts.models import User
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import VictimCase
from victimcare.ingest import services as ingest_services
from victimcare.ingest.models import PossibleMatch
from victimcare.people import services as people_services
from victimcare.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(RuntimeError):
    pass


def _boom(*args: Any, **kwargs: Any) -> None:
    raise Boom("a late step failed")


def test_recording_the_safe_contact_answer_keeps_nothing_when_its_audit_row_fails(
    personas: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_person(personas["cara"], allowed_channels=["phone"])
    audit_rows = AuditEvent.objects.count()
    monkeypatch.setattr(people_services, "audit_record", _boom)
    with pytest.raises(Boom):
        people_services.safe_contact_agreement_record(actor=personas["cara"], person=person, agreed=True)
    stored = Person.objects.get(pk=person.pk)
    assert (stored.safe_contact_recorded_at, stored.safe_contact_recorded_by_id) == (None, None)
    assert AuditEvent.objects.count() == audit_rows
    monkeypatch.undo()  # and the same call succeeds once nothing fails: the test can tell the two apart
    people_services.safe_contact_agreement_record(actor=personas["cara"], person=stored, agreed=True)
    assert Person.objects.get(pk=person.pk).safe_contact_recorded_at is not None


@pytest.fixture
def match(tmp_path: Any, personas: dict[str, User]) -> PossibleMatch:
    make_case(
        personas["sue"], person=make_person(personas["sue"], email="jane@example.com"), reference="DU/901/25"
    )
    import_feed(feed_file(tmp_path, [crime_line("C1", "DU/2/26"), victim_line(
        "V1", "C1", first_name="Jane", last_name="Smith", date_of_birth="1987-02-14", email="js@example.org")]))  # fmt: skip
    return PossibleMatch.objects.get()


def _match_state(match: PossibleMatch) -> tuple[Any, ...]:
    stored = PossibleMatch.objects.get(pk=match.pk)
    return (
        (stored.resolved, stored.decision, stored.decided_by_id),
        sorted(VictimCase.objects.values_list("id", "person_id", "repeat_victim")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("failing", ["event_reactions_run", "audit_record"])
def test_linking_a_possible_match_moves_no_case_when_a_later_step_fails(
    failing: str, personas: dict[str, User], match: PossibleMatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _match_state(match)
    monkeypatch.setattr(ingest_services, failing, _boom)
    with pytest.raises(Boom):
        ingest_services.possible_match_link(actor=personas["sue"], match=match)
    assert _match_state(match) == before
    monkeypatch.undo()
    ingest_services.possible_match_link(actor=personas["sue"], match=match)
    assert _match_state(match) != before


def test_keeping_a_match_apart_stays_undecided_when_its_audit_row_fails(
    personas: dict[str, User], match: PossibleMatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _match_state(match)
    monkeypatch.setattr(ingest_services, "audit_record", _boom)
    with pytest.raises(Boom):
        ingest_services.possible_match_keep_apart(actor=personas["sue"], match=match)
    assert _match_state(match) == before


def test_adding_a_member_of_staff_leaves_no_user_when_its_audit_row_fails(
    personas: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    adam = personas["adam"]
    organisation = personas["cara"].organisation
    assert organisation is not None
    monkeypatch.setattr(access_services, "audit_record", _boom)
    with pytest.raises(Boom):
        access_services.staff_user_add(
            actor=adam, username="newbie", first_name="New", last_name="Starter", email="new@example.org",
            organisation=organisation, role=personas["cara"].role,
        )  # fmt: skip
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize("service", ["staff_user_deactivate", "second_factor_reset"])
def test_changing_a_member_of_staff_changes_nothing_when_its_audit_row_fails(
    service: str, personas: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    cara = personas["cara"]
    TOTPDevice.objects.get_or_create(user=cara, name="phone", defaults={"confirmed": True})
    monkeypatch.setattr(access_services, "audit_record", _boom)
    with pytest.raises(Boom):
        getattr(access_services, service)(actor=personas["adam"], user=cara)
    assert User.objects.get(pk=cara.pk).is_active
    assert TOTPDevice.objects.filter(user=cara).exists()
