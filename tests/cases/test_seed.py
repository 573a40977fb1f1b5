"""`manage.py seed`: deterministic synthetic victims, crimes, cases and timelines.

Every test drives the command through call_command, as `demo_setup` does.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from victimcare.audit.models import AuditEvent
from victimcare.cases.events import EVENT_TYPES, Stage, clean_payload
from victimcare.cases.models import Crime, Event, VictimCase
from victimcare.cases.synthetic.clock import LONDON
from victimcare.cases.synthetic.policeuk import shipped_tables
from victimcare.cases.synthetic.seeding import DEFAULT_ANCHOR
from victimcare.cases.vocab import offence_codes, outcome_types, police_uk_crime_types
from victimcare.people.models import Person
from victimcare.rights.services import recompute_cases

pytestmark = pytest.mark.django_db
ANCHOR = datetime.combine(DEFAULT_ANCHOR, time(0, 0), tzinfo=LONDON)


def seed(victims: int, seed: int, **options: object) -> str:
    out = StringIO()
    call_command("seed", victims=victims, seed=seed, stdout=out, **options)
    return out.getvalue()


def fingerprint() -> list[tuple[object, ...]]:
    """Everything generated, without database ids or write times (which may differ between runs)."""
    rows: list[tuple[object, ...]] = []
    for case in VictimCase.objects.select_related("person", "crime").order_by("crime__crime_reference"):
        p, c = case.person, case.crime
        rows.append((c.crime_reference, c.crime_type, c.ho_offence_code, c.outcome_type, c.reported_at,
                     c.occurred_at, c.lsoa_code, tuple(c.flags), p.first_name, p.last_name, p.date_of_birth,
                     p.email, p.phone, p.postcode, tuple(p.allowed_channels), tuple(p.flags), p.ethnicity,
                     case.stage, case.vulnerable, case.repeat_victim, case.opened_at, case.contact_frequency))  # fmt: skip
        for e in case.events.select_related("about").order_by("occurred_at", "type"):
            about = (e.about.type, e.about.occurred_at) if e.about else None
            rows.append(
                (e.type, e.occurred_at, tuple(sorted(e.payload.items())), about, e.source, e.actor_label)
            )
    return rows


def seeded_fingerprint(victims: int, seed_number: int, **options: object) -> list[tuple[object, ...]]:
    """Seed inside a savepoint, fingerprint, and roll back, so the next run starts from the same state."""
    with transaction.atomic():
        seed(victims, seed_number, **options)
        rows = fingerprint()
        transaction.set_rollback(True)
    return rows


def test_it_makes_the_same_data_for_the_same_seed():
    first = seeded_fingerprint(150, 4)
    assert Crime.objects.count() == 0
    second = seeded_fingerprint(150, 4, batch_size=7)  # batching must not change the data
    assert len(first) > 150 * 5
    assert first == second


def test_it_makes_different_data_for_different_seeds():
    one, two = seeded_fingerprint(60, 1), seeded_fingerprint(60, 2)
    assert {r[8:10] for r in one if len(r) > 10} != {r[8:10] for r in two if len(r) > 10}
    assert one != two


def test_it_refuses_to_seed_the_same_seed_twice_and_writes_nothing():
    seed(40, 5)
    before = [m.objects.count() for m in (Person, Crime, VictimCase, Event, AuditEvent)]
    with pytest.raises(CommandError, match="seed 5 is already in this database"):
        seed(80, 5)
    assert [m.objects.count() for m in (Person, Crime, VictimCase, Event, AuditEvent)] == before
    assert "Seeded 40 victims" in seed(40, 6)  # another seed is fine beside it


def test_it_writes_one_audit_row_per_run():
    seed(30, 8)
    rows = AuditEvent.objects.filter(actor_label="seed command")
    assert rows.count() == 1
    assert rows.get().detail.startswith("Synthetic data: 30 victims, seed 8")


def test_it_draws_crime_types_in_the_proportions_of_the_durham_table():
    seed(3000, 9)
    table = Counter[str]()
    for (crime_type, _), n in shipped_tables().crime_outcomes.items():
        table[crime_type] += n
    seeded = Counter(Crime.objects.values_list("crime_type", flat=True))
    total_table, total_seeded = sum(table.values()), sum(seeded.values())
    for crime_type, n in table.items():
        assert abs(seeded[crime_type] / total_seeded - n / total_table) < 0.02, crime_type


def test_it_uses_only_the_vocabulary():
    seed(400, 10)
    crimes = list(Crime.objects.all())
    assert {c.crime_type for c in crimes} <= set(police_uk_crime_types())
    assert {c.ho_offence_code for c in crimes} <= set(offence_codes())
    assert {c.outcome_type for c in crimes if c.outcome_type is not None} <= set(outcome_types())
    assert all(re.fullmatch(r"DU/10\d{6}/\d\d", c.crime_reference) for c in crimes)


def test_it_writes_payloads_that_pass_clean_payload_and_links_on_the_same_case():
    seed(400, 11)
    for event in Event.objects.select_related("about"):
        spec = EVENT_TYPES[event.type]
        assert clean_payload(spec, event.payload) == event.payload, event.type
        assert event.occurred_at < ANCHOR
        if spec.about_required:
            assert event.about is not None, event.type
        if event.about is not None:
            assert event.about.case_id == event.case_id
            assert event.about.type in spec.about_types
            assert event.about.occurred_at <= event.occurred_at


def test_it_sets_stage_and_last_event_as_the_events_would():
    seed(400, 12)
    events: dict[int, list[Event]] = defaultdict(list)
    for event in Event.objects.all():
        events[event.case_id].append(event)
    for case in VictimCase.objects.all():
        stages = [EVENT_TYPES[e.type].stage for e in events[case.id]]
        assert case.stage == max([Stage.REPORTED, *(s for s in stages if s is not None)])
        assert case.last_event_at == max(e.occurred_at for e in events[case.id])
        assert [e.type for e in events[case.id]].count("crime_reported") == 1


def test_it_sets_vulnerable_and_repeat_victim_as_the_services_would():
    seed(400, 13)
    seeded = dict(VictimCase.objects.values_list("id", "vulnerable"))
    recompute_cases(list(seeded))  # the engine's answer, which the services keep on every case
    cases = list(VictimCase.objects.select_related("person", "crime"))
    per_person = Counter(c.person_id for c in cases)
    for case in cases:
        assert case.vulnerable == seeded[case.id]
        assert case.repeat_victim == (per_person[case.person_id] > 1)
    assert any(c.repeat_victim for c in cases) and any(c.vulnerable for c in cases)


def test_it_makes_valid_people_with_reserved_contact_details_only():
    seed(300, 14)
    people = list(Person.objects.all())
    for person in people:
        person.full_clean()
        assert not person.email or person.email.endswith(("@example.org", "@example.com"))
        assert not person.phone or re.fullmatch(r"07700 900\d{3}", person.phone)
        assert not person.postcode or re.fullmatch(r"(DH|DL|SR|TS)\d{1,2} \d[A-Z]{2}", person.postcode)
    assert any(p.date_of_birth is None for p in people)
    assert any(p.ethnicity == "prefer_not_to_say" for p in people) or any(p.religion == "" for p in people)


def test_it_gives_the_demo_users_caseloads_when_they_exist(personas):
    seed(400, 15)
    assert VictimCase.objects.filter(caseworker=personas["cara"]).exists()
    assert VictimCase.objects.filter(caseworker=personas["cole"]).exists()
    assert VictimCase.objects.filter(officer_in_charge=personas["olly"]).exists()
    assert not VictimCase.objects.filter(caseworker=personas["otto"]).exists()


def test_it_refuses_a_seed_out_of_range():
    with pytest.raises(CommandError, match="between 0 and 99"):
        seed(10, 100)
    assert Crime.objects.count() == 0
