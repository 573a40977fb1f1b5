"""The organisations and named staff personas of the demo and of the tests.

One definition serves both, so a tester reading a failing test meets the same
people a demo user signs in as:

- cara is a caseworker on victim care team North;
- cole is a caseworker on victim care team South;
- sue is the victim care supervisor (every case the OPCC holds);
- olly is a police officer on the Durham City team;
- fran is a police supervisor in the force;
- wendy is a witness care officer (cases at court or later);
- pat is provider staff at a commissioned service (no case records);
- chad is a Victims' Champion; ana is an analyst; adam is an administrator;
- otto is a caseworker at another force's victim care service (sees nothing here).
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass
from hashlib import sha256

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.accounts.models import Organisation, Role, Team, User

Kind = Organisation.Kind


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str
    teams: tuple[str, ...] = ()
    summary: str = ""
    # Django's is_staff flag: may open the Django admin (the role decides the rest).
    admin_site: bool = False


ORGANISATIONS = (
    # (name, kind, force name)
    ("Durham Constabulary", Kind.POLICE_FORCE, "Durham Constabulary"),
    ("Durham Police and Crime Commissioner", Kind.OPCC, "Durham Constabulary"),
    ("Durham Witness Care Unit", Kind.WCU, "Durham Constabulary"),
    ("CPS North East", Kind.CPS, "Durham Constabulary"),
    ("Probation Service North East", Kind.PROBATION, "Durham Constabulary"),
    ("Harbour Support Services", Kind.PROVIDER, "Durham Constabulary"),
    ("Cleveland Police", Kind.POLICE_FORCE, "Cleveland Police"),
    ("Cleveland Police and Crime Commissioner", Kind.OPCC, "Cleveland Police"),
)
TEAMS = (
    ("Durham Police and Crime Commissioner", "Victim care North"),
    ("Durham Police and Crime Commissioner", "Victim care South"),
    ("Durham Constabulary", "Durham City"),
    ("Durham Constabulary", "Darlington"),
    ("Cleveland Police and Crime Commissioner", "Victim care Teesside"),
)
OPCC = "Durham Police and Crime Commissioner"
FORCE = "Durham Constabulary"

PERSONAS = (
    Persona(
        "cara",
        "Cara",
        "Walsh",
        Role.CASEWORKER,
        OPCC,
        ("Victim care North",),
        "caseworker on victim care team North",
    ),
    Persona(
        "cole",
        "Cole",
        "Brennan",
        Role.CASEWORKER,
        OPCC,
        ("Victim care South",),
        "caseworker on victim care team South",
    ),
    Persona(
        "sue",
        "Sue",
        "Okafor",
        Role.SUPERVISOR,
        OPCC,
        ("Victim care North", "Victim care South"),
        "victim care supervisor",
    ),
    Persona(
        "olly",
        "Olly",
        "Hughes",
        Role.POLICE_OFFICER,
        FORCE,
        ("Durham City",),
        "police officer, Durham City team",
    ),
    Persona("fran", "Fran", "Lister", Role.SUPERVISOR, FORCE, (), "police supervisor"),
    Persona(
        "wendy",
        "Wendy",
        "Shaw",
        Role.WITNESS_CARE_OFFICER,
        "Durham Witness Care Unit",
        (),
        "witness care officer",
    ),
    Persona("pat", "Pat", "Reid", Role.PROVIDER_STAFF, "Harbour Support Services", (), "provider staff"),
    Persona("chad", "Chad", "Idowu", Role.CHAMPION, OPCC, (), "Victims' Champion"),
    Persona("ana", "Ana", "Novak", Role.ANALYST, OPCC, (), "analyst"),
    Persona("adam", "Adam", "Price", Role.ADMIN, OPCC, (), "administrator", admin_site=True),
    Persona(
        "otto",
        "Otto",
        "Lund",
        Role.CASEWORKER,
        "Cleveland Police and Crime Commissioner",
        ("Victim care Teesside",),
        "caseworker at another force's victim care service",
    ),
)


@transaction.atomic
def ensure_organisations() -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for name, kind, _force in ORGANISATIONS:
        orgs[name], _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    for name, _kind, force in ORGANISATIONS:
        if orgs[name].force_id != orgs[force].id:
            orgs[name].force = orgs[force]
            orgs[name].save(update_fields=["force"])
    for org_name, team_name in TEAMS:
        Team.objects.get_or_create(organisation=orgs[org_name], name=team_name)
    return orgs


def demo_totp_key(username: str, secret: str) -> str:
    """A deterministic TOTP key per demo user, so the demo's printed keys stay valid."""
    return sha256(f"{secret}:{username}".encode()).hexdigest()[:40]


def totp_base32(hex_key: str) -> str:
    return b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")


@transaction.atomic
def ensure_personas(*, password: str, totp_secret: str) -> dict[str, User]:
    """Create (or reset) every persona with `password` and a confirmed authenticator."""
    orgs = ensure_organisations()
    users: dict[str, User] = {}
    for p in PERSONAS:
        user, _ = User.objects.update_or_create(
            username=p.username,
            defaults={
                "first_name": p.first_name,
                "last_name": p.last_name,
                "role": p.role,
                "organisation": orgs[p.organisation],
                "email": f"{p.username}@example.org",
                "is_staff": p.admin_site,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save()
        user.teams.set(Team.objects.filter(organisation=orgs[p.organisation], name__in=p.teams))
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=True, key=demo_totp_key(p.username, totp_secret)
        )
        users[p.username] = user
    return users
