"""Writing synthetic victims, crimes, cases and timelines to the database in bulk.

Seeding bypasses the services (case_open, event_record) on purpose: it is not a user action
on a victim's record but a load of invented data, so it writes one audit row per run rather
than one per record, and it inserts in batches because the per-row services would take hours
for 100,000 victims. What the services would derive (a case's stage and last event time, the
vulnerable flag, validated payloads) is derived here by the same rules, and the tests check it.

Generation is deterministic: one random.Random(seed) is consumed in a fixed order, and no value
depends on the clock, the database's ids or the batch size, so the same victims count, seed and
anchor give the same data. A victim's data never depends on how many come after, so the first
batch alone shows whether a seed has already been loaded.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from victimcare.accounts.models import Organisation, Team, User
from victimcare.accounts.personas import FORCE, OPCC, ensure_organisations
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.cases.models import ContactFrequency, Crime, Event, EventSource, VictimCase
from victimcare.cases.synthetic.clock import LONDON
from victimcare.cases.synthetic.crimes import CrimeDraw, CrimeDrawer, crime_reference
from victimcare.cases.synthetic.people import Row, Victim, draw_victim, make_person, victim_flags
from victimcare.cases.synthetic.policeuk import StreetTables, shipped_tables
from victimcare.cases.synthetic.sampling import Sampler
from victimcare.cases.synthetic.timeline import CARE, COURT, Contact, Plan, PlannedEvent, plan_timeline
from victimcare.cases.synthetic.writer import RowWriter
from victimcare.people.models import Person
from victimcare.people.names import reference_number

DEFAULT_ANCHOR = date(2026, 11, 1)
WINDOW_DAYS = 730  # crimes are reported over the two years before the anchor
MAX_SEED = 99  # crime references carry the seed in two digits
MAX_VICTIMS = 500_000  # and the crime number in six
SEED_ACTOR = "seed command"
VULNERABLE_FLAGS = frozenset(
    {"mental_disorder", "impaired_intelligence_social_functioning", "physical_disability"}
)

_CRIME_COUNTS = Sampler([(1, 89.0), (2, 8.5), (3, 2.0), (4, 0.5)])
_FREQUENCIES = Sampler([(ContactFrequency.KEY_EVENTS.value, 50.0), (ContactFrequency.WEEKLY.value, 10.0),
                        (ContactFrequency.FORTNIGHTLY.value, 15.0), (ContactFrequency.MONTHLY.value, 25.0)])  # fmt: skip


class SeedRefused(Exception):
    """The seed cannot run (already loaded, or bad options); nothing has been written."""


@dataclass(frozen=True)
class SeedOptions:
    victims: int
    seed: int
    anchor: date = DEFAULT_ANCHOR
    batch_size: int = 2000
    tables: StreetTables | None = None  # None: the shipped Durham table


@dataclass
class SeedCounts:
    people: int = 0
    crimes: int = 0
    cases: int = 0
    events: int = 0


@dataclass(frozen=True)
class Staff:
    """Where seeded cases go: the OPCC and force, their teams, and the demo users if they exist."""

    opcc: Organisation
    force: Organisation
    teams: dict[str, Team]
    users: dict[str, User]


@dataclass
class CaseRecord:
    crime: Row
    case: Row
    plan: Plan
    caseworker: User | None
    officer: User | None


@dataclass
class VictimRecord:
    person: Row
    cases: list[CaseRecord] = field(default_factory=list)


def seed_database(options: SeedOptions, progress: Callable[[SeedCounts], None] | None = None) -> SeedCounts:
    """Write `options.victims` synthetic victims in one transaction, so a refusal or a failure
    part-way leaves nothing behind; raises SeedRefused if this seed's data is already there."""
    _check_options(options)
    counts = SeedCounts()
    with transaction.atomic():
        staff = load_staff()
        writer = _Writer(staff)
        for number, batch in enumerate(generate(options, staff)):
            if number == 0:
                _refuse_if_loaded(staff, batch, options.seed)
            writer.write(batch, counts)
            if progress:
                progress(counts)
        audit_record(actor=SEED_ACTOR, action=Action.CREATE,
                     detail=f"Synthetic data: {options.victims} victims, seed {options.seed}, "
                            f"anchor {options.anchor.isoformat()}")  # fmt: skip
    refresh_statistics()
    return counts


def refresh_statistics() -> None:
    """ANALYZE after a bulk load. Without statistics SQLite's planner drives the crime reference
    search from every case of the organisation instead of crime_reference_idx (about 3x slower at
    14,000 cases, growing with the data); PostgreSQL's autovacuum would get there, but later."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _check_options(options: SeedOptions) -> None:
    if not 0 <= options.seed <= MAX_SEED:
        raise SeedRefused(
            f"--seed must be between 0 and {MAX_SEED}: crime references carry it in two digits."
        )
    if not 1 <= options.victims <= MAX_VICTIMS:
        raise SeedRefused(f"--victims must be between 1 and {MAX_VICTIMS:,}.")
    if options.batch_size < 1:
        raise SeedRefused("--batch-size must be 1 or more.")


def load_staff() -> Staff:
    orgs = ensure_organisations()
    opcc, force = orgs[OPCC], orgs[FORCE]
    teams = {t.name: t for t in Team.objects.filter(organisation__in=[opcc, force])}
    wanted = {"cara": opcc, "cole": opcc, "sue": opcc, "olly": force}
    users = {u.username: u for u in User.objects.filter(username__in=wanted, is_active=True)
             if u.organisation_id == wanted[u.username].id}  # fmt: skip
    return Staff(opcc=opcc, force=force, teams=teams, users=users)


def _refuse_if_loaded(staff: Staff, batch: list[VictimRecord], seed: int) -> None:
    references = [c.crime["crime_reference"] for v in batch for c in v.cases]
    if Crime.objects.filter(force=staff.force, crime_reference__in=references).exists():
        raise SeedRefused(
            f"Synthetic data for seed {seed} is already in this database (crime reference "
            f"{references[0]} exists). Use another --seed, or start from an empty database."
        )


def generate(options: SeedOptions, staff: Staff) -> Iterator[list[VictimRecord]]:
    """Victims in batches of `options.batch_size`, drawn from one random.Random(seed)."""
    gen = _Generator(options, staff)
    batch: list[VictimRecord] = []
    for _ in range(options.victims):
        batch.append(gen.victim())
        if len(batch) >= options.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Generator:
    def __init__(self, options: SeedOptions, staff: Staff) -> None:
        self.rng = random.Random(options.seed)  # noqa: S311 - invented data, not a secret
        self.options, self.staff = options, staff
        self.drawer = CrimeDrawer(options.tables or shipped_tables())
        self.anchor = datetime.combine(options.anchor, time(0, 0), tzinfo=LONDON)
        self.crime_number = 0
        self.shares = _assignment_shares(options.victims)

    def victim(self) -> VictimRecord:
        rng = self.rng
        dates = self._report_dates(_CRIME_COUNTS.draw(rng))
        kinds = [self.drawer.kind(rng)]
        for _ in dates[1:]:  # a repeat is often the same again (keeps the table's proportions)
            kinds.append(kinds[0] if rng.random() < 0.5 else self.drawer.kind(rng))
        female_share = 0.6 if kinds[0][0] == "Violence and sexual offences" else 0.5
        victim = draw_victim(rng, dates[0], female_share=female_share)
        crimes = [self._crime(victim, kind, day) for kind, day in zip(kinds, dates, strict=True)]
        at_risk = any("domestic_abuse" in c.flags or "sexual_offence" in c.flags for c in crimes)
        flags = victim_flags(rng, at_risk=at_risk, repeat=len(crimes) > 1)
        person = make_person(rng, victim, area=crimes[0].place.area, at_risk=at_risk, flags=flags)
        record = VictimRecord(person)
        for draw in crimes:
            record.cases.append(self._case(person, victim, draw, repeat=len(crimes) > 1))
        return record

    def _report_dates(self, count: int) -> list[date]:
        """Dates of a victim's reports: each repeat within 12 months of the one before."""
        gaps = [self.rng.randint(14, 240) for _ in range(count - 1)]  # three gaps fit the window
        first = self.options.anchor - timedelta(days=self.rng.randint(sum(gaps) + 2, WINDOW_DAYS))
        dates = [first]
        for gap in gaps:
            dates.append(dates[-1] + timedelta(days=gap))
        return dates

    def _crime(self, victim: Victim, kind: tuple[str, str], day: date) -> CrimeDraw:
        offence = self.drawer.offence(self.rng, kind[0], victim.sex, victim.age_on(day))
        return self.drawer.draw(self.rng, kind, offence, day)

    def _case(self, person: Row, victim: Victim, draw: CrimeDraw, *, repeat: bool) -> CaseRecord:
        rng = self.rng
        self.crime_number += 1
        team = "Victim care North" if draw.place.area == "north" else "Victim care South"
        opened = draw.reported_at + timedelta(hours=rng.randint(2, 48))
        caseworker, officer = self._assign(team, draw)
        channels = person.get("allowed_channels") or []
        contact = Contact(channels=tuple(channels) or ("in_person",), frequency=_FREQUENCIES.draw(rng),
                          opened_at=opened, informed_late_share=0.06 if team.endswith("North") else 0.12)  # fmt: skip
        plan = plan_timeline(rng, draw, contact, self.anchor)
        crime = _crime_row(
            draw, self.staff, crime_reference(self.options.seed, self.crime_number, draw.reported_at)
        )
        # The outcome comes from the plan's outcome_recorded event, as the reaction sets it.
        crime["outcome_type"], crime["outcome_at"] = plan.outcome_type, plan.outcome_at
        case = {
            "organisation_id": self.staff.opcc.id, "team_id": _id(self.staff.teams.get(team)),
            "caseworker_id": _id(caseworker), "officer_in_charge_id": _id(officer), "stage": plan.stage,
            "opened_at": opened, "last_event_at": plan.last_event_at, "contact_frequency": contact.frequency,
            "contact_channel": channels[0] if channels else "", "contact_notes": _contact_notes(person),
            "vulnerable": is_vulnerable(victim, person, draw), "repeat_victim": repeat,
        }  # fmt: skip
        return CaseRecord(crime, case, plan, caseworker, officer)

    def _assign(self, team: str, draw: CrimeDraw) -> tuple[User | None, User | None]:
        """The demo users get caseloads of a realistic size whatever the number of victims."""
        users, rng = self.staff.users, self.rng
        r, s = rng.random(), rng.random()
        worker = users.get("cara" if team.endswith("North") else "cole")
        if r >= self.shares["caseworker"]:
            worker = users.get("sue") if r < self.shares["caseworker"] + self.shares["supervisor"] else None
        officer = (
            users.get("olly") if draw.place.police_team == "Durham City" and s < self.shares["oic"] else None
        )
        return worker, officer


def is_vulnerable(victim: Victim, person: Row, draw: CrimeDraw) -> bool:
    """The Code's vulnerable-victim rule (under 18 at the offence, or a vulnerability flag),
    applied to a row so the bulk seed needs no engine run; tests/cases/test_seed.py checks that
    recomputing the stored rights (the engine's answer) changes no seeded case."""
    age = victim.age_on((draw.occurred_at or draw.reported_at).astimezone(LONDON).date())
    return (age is not None and age < 18) or bool(VULNERABLE_FLAGS & set(person.get("flags", ())))


def _assignment_shares(victims: int) -> dict[str, float]:
    # About 80 cases each for cara and cole, 15 for sue and 60 for olly (a caseworker carries
    # tens of cases, not thousands); the rest are held by colleagues who are not modelled.
    per_team = max(1.0, victims * 0.56)
    return {"caseworker": min(0.5, 80 / per_team), "supervisor": min(0.1, 15 / victims),
            "oic": min(0.6, 60 / max(1.0, victims * 0.2))}  # fmt: skip


def _id(obj: Any) -> int | None:
    return obj.id if obj is not None else None


def _crime_row(draw: CrimeDraw, staff: Staff, reference: str) -> Row:
    police_team = staff.teams.get(draw.place.police_team) if draw.place.police_team else None
    return {
        "force_id": staff.force.id, "team_id": _id(police_team), "crime_reference": reference,
        "reference_number": reference_number(reference),
        "ho_offence_code": draw.offence, "crime_type": draw.crime_type, "occurred_at": draw.occurred_at,
        "reported_at": draw.reported_at, "lsoa_code": draw.place.lsoa_code, "lsoa_name": draw.place.lsoa_name,
        "summary": f"{draw.crime_type} reported in {draw.place.lsoa_name}. Synthetic record.",
        **{flag: True for flag in draw.flags},
    }  # fmt: skip


def _contact_notes(person: Row) -> str:
    start, end = person.get("safe_time_from"), person.get("safe_time_to")
    if not start or not end:
        return ""
    notes = f"Contact only between {start:%H:%M} and {end:%H:%M}."
    if person.get("code_word"):
        notes += " Ask for the code word before discussing the case."
    return notes


class _Writer:
    """Gives each batch's rows their ids and links, then inserts them table by table."""

    def __init__(self, staff: Staff) -> None:
        now = timezone.now()  # created_at and recorded_at: when the rows were written, as the ORM would
        self.people, self.crimes = RowWriter(Person, now), RowWriter(Crime, now)
        self.cases, self.events = RowWriter(VictimCase, now), RowWriter(Event, now)
        self.organisation_id = staff.opcc.id

    def write(self, batch: list[VictimRecord], counts: SeedCounts) -> None:
        records = [c for v in batch for c in v.cases]
        self._link(batch, records)
        events = self._event_rows(records)
        try:
            self.people.insert([v.person for v in batch])
            self.crimes.insert([r.crime for r in records])
            self.cases.insert([r.case for r in records])
            self.events.insert(events)
        except IntegrityError as err:  # e.g. a reference of this seed typed in by hand since
            raise SeedRefused(f"The synthetic data clashes with data already here: {err}") from None
        counts.people += len(batch)
        counts.crimes += len(records)
        counts.cases += len(records)
        counts.events += len(events)

    def _link(self, batch: list[VictimRecord], records: list[CaseRecord]) -> None:
        person_ids = iter(self.people.reserve_ids(len(batch)))
        crime_ids, case_ids = (
            iter(self.crimes.reserve_ids(len(records))),
            iter(self.cases.reserve_ids(len(records))),
        )
        for victim in batch:
            victim.person.update(id=next(person_ids), organisation_id=self.organisation_id)
            for record in victim.cases:
                record.crime["id"] = next(crime_ids)
                record.case.update(
                    id=next(case_ids), person_id=victim.person["id"], crime_id=record.crime["id"]
                )

    def _event_rows(self, records: list[CaseRecord]) -> list[Row]:
        planned = [(p, r) for r in records for p in r.plan.events]
        ids = self.events.reserve_ids(len(planned))
        id_of = {id(p): ids[n] for n, (p, _) in enumerate(planned)}
        return [self._event(id_of[id(p)], p, r, id_of) for p, r in planned]

    def _event(self, event_id: int, p: PlannedEvent, record: CaseRecord, id_of: dict[int, int]) -> Row:
        actor, label = event_actor(p, record)
        return {
            "id": event_id, "organisation_id": self.organisation_id, "case_id": record.case["id"],
            "type": p.type, "occurred_at": p.at, "about_id": id_of[id(p.about)] if p.about else None,
            "payload": jsonable(p.payload), "source": EventSource.STAFF if p.by == CARE else EventSource.IMPORT,
            "actor_id": _id(actor), "actor_label": label,
        }  # fmt: skip


def event_actor(p: PlannedEvent, record: CaseRecord) -> tuple[User | None, str]:
    """Who recorded it: the case's caseworker or officer when they are demo users, else the service."""
    if p.by == CARE:
        return (
            record.caseworker,
            record.caseworker.display_name if record.caseworker else "Victim Care and Advice Service",
        )
    if p.by == COURT:
        return None, "Durham Witness Care Unit"
    return record.officer, record.officer.display_name if record.officer else "Durham Constabulary"


def jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    # clean_payload stores dates as ISO strings; do the same so stored payloads match.
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in payload.items()}
