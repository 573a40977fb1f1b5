"""The access matrix, generated from the URLconf: every URL pattern, for every persona (the staff
personas, a victim signed in to the portal, and someone not signed in), by GET and by POST.

Each path parameter is filled by a rule in FILLERS with the id of a record on one of two sides:
Durham's (case_a and what hangs off it, which cara, olly, fran and sue see) and Cleveland's
(case_other's, which only otto sees), and with an id that does not exist. A pattern with a
parameter that has no rule fails the first test, so a new page is covered without anyone
listing it. Then, for every request:
- the answer is one the gate gives (200, 302, 404, 405; 400 for an empty form posted; 401
  from the API, which takes no staff session), never a server error;
- a record the gate hides from the persona answers 404 (or 405), never its page;
- a hidden id and a missing id answer identically: status, headers that matter and body, but
  for the per-response CSP nonce and CSRF token.
POSTs are rolled back, so every request sees the same records (one database set-up)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.access.urlconf import Pattern, url_patterns
from tests.messaging.conftest import make_account, portal_session
from tests.safeguarding.conftest import make_answers
from tests.support.conftest import consented, load_directory
from tests.voice.conftest import make_engagement
from victimcare.access import gate
from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import Organisation, User
from victimcare.cases.models import VictimCase
from victimcare.justice.services import rj_offer
from victimcare.notify import messages
from victimcare.notify.models import OutboundMessage
from victimcare.people.models import Person
from victimcare.portal.models import PortalAccount
from victimcare.safeguarding.services import (
    AssessmentInput,
    OrderInput,
    marac_meeting_create,
    protective_order_record,
    risk_assessment_complete,
)
from victimcare.support.demo_directory import HARBOUR
from victimcare.support.models import NeedsAssessment, Service
from victimcare.support.services import NeedsInput, needs_assessment_save, referral_send

pytestmark = pytest.mark.django_db

MISSING = "987654321"
GET_STATUSES = {200, 302, 404, 405}
# An empty form posted to a page that answers 400 for errors; 409 for a step its record's state
# does not allow (a referral already accepted).
POST_STATUSES = GET_STATUSES | {400, 409}
# The API and GOV.UK Notify's callback take tokens only (tests/access/test_api_matrix.py).
TOKEN_ROUTES = ("api/", "messages/callbacks/notify/")
TOKEN_STATUSES = {401, 404, 405}
# Django's admin answers 403 for a model its user may not change (its own permissions).
VICTIM = "vic (portal)"
ANONYMOUS = "not signed in"


@dataclass
class Side:
    """The records of one side, by parameter name (None: this side has no such record)."""

    case: VictimCase
    ids: dict[str, str | None] = field(default_factory=dict)


@dataclass
class World:
    durham: Side
    cleveland: Side


Filler = Callable[[World, Pattern], tuple[str | None, str | None]]


def _ids(param: str) -> Filler:
    """The record id each side holds for `param`."""
    return lambda world, _pattern: (world.durham.ids.get(param), world.cleveland.ids.get(param))


def _fixed(value: str) -> Filler:
    """A parameter that names no record (a file format, a step's name): the same on both sides."""
    return lambda _world, _pattern: (value, value)


def _assessment(world: World, pattern: Pattern) -> tuple[str | None, str | None]:
    key = "risk_id" if "risk/" in pattern.route else "needs_id"
    return world.durham.ids.get(key), world.cleveland.ids.get(key)


def _target(world: World, pattern: Pattern) -> tuple[str | None, str | None]:
    return world.durham.ids.get("engagement_id"), None


# Every path parameter of the URLconf, and how to fill it. A new parameter needs a rule here.
FILLERS: dict[str, Filler] = {
    **{p: _ids(p) for p in ("case_id", "crime_id", "person_id", "order_id", "record_id", "message_id")},
    **{p: _ids(p) for p in ("account_id", "referral_id", "meeting_id", "user_id", "event_id")},
    **{p: _ids(p) for p in ("engagement_id", "service_id", "organisation_id", "theme_id")},
    **{p: _ids(p) for p in ("study_id", "rec_id", "run_id", "match_id")},
    **{p: _ids(p) for p in ("sar_id", "report_id", "member_id", "action_id", "pk")},
    "victim_id": lambda w, _p: (w.durham.ids["person_id"], w.cleveland.ids["person_id"]),
    # Retention reviews a case or person by id, whoever else may see it (docs/adr/0052).
    "retention_case_id": lambda w, _p: (w.durham.ids["case_id"], w.cleveland.ids["case_id"]),
    "retention_person_id": lambda w, _p: (w.durham.ids["person_id"], w.cleveland.ids["person_id"]),
    "record_type": _fixed("case"),
    "assessment_id": _assessment,
    "target_id": _target,
    "target": _fixed("quote"),
    "fmt": _fixed("csv"),
    "action": _fixed("accept"),
    "kind": _fixed("quote"),
    "key": _fixed(messages.VICTIM_TEMPLATES[0]),
    "language": _fixed("cy"),
    # The Django admin's own parameters: any value; the admin answers for itself.
    "object_id": _fixed("1"),
    "id": _fixed("1"),
    "content_type_id": _fixed("1"),
    "app_label": _fixed("accounts"),
    "url": _fixed("nothing-here/"),
    # A survey invitation's signed link (docs/adr/0049): a made-up one is "Page not found".
    "token": _fixed("not-a-signed-link"),
}
# Parameters that are a record's id, so a made-up one is "missing".
ID_PARAMS = ({p for p in FILLERS if p.endswith("_id")} | {"pk"}) - {"object_id", "content_type_id"}
# What the access gate says a persona may see, for the parameters it answers directly; the
# records that hang off a case (orders, assessments, messages...) are seen with their case.
VISIBLE: dict[str, Callable[[Any], Any]] = {
    "case_id": lambda u: gate.cases_visible_to(u).values_list("id", flat=True),
    "crime_id": lambda u: gate.cases_visible_to(u).values_list("crime_id", flat=True),
    "person_id": lambda u: gate.people_visible_to(u).values_list("id", flat=True),
    "victim_id": lambda u: gate.people_visible_to(u).values_list("id", flat=True),
    "referral_id": lambda u: gate.referrals_visible_to(u).values_list("id", flat=True),
    "user_id": lambda u: gate.staff_users_visible_to(u).values_list("id", flat=True),
    "meeting_id": lambda u: gate.marac_meetings_visible_to(u).values_list("id", flat=True),
    # The data protection work on a person (docs/adr/0053): any person the organisation of
    # whoever handles subject access holds.
    "data_protection_person_id": lambda u: (
        Person.objects.filter(organisation_id=u.organisation_id).values_list("id", flat=True)
        if can(u, Capability.HANDLE_SUBJECT_ACCESS)
        else []
    ),
    # A person's audit trail: any person the administrator's organisation holds.
    "audit_person_id": lambda u: (
        Person.objects.filter(organisation_id=u.organisation_id).values_list("id", flat=True)
        if can(u, Capability.READ_AUDIT)
        else []
    ),
    # Retention: any case or person the administrator's organisation holds (docs/adr/0052).
    "retention_case_id": lambda u: (
        VictimCase.objects.filter(organisation_id=u.organisation_id).values_list("id", flat=True)
        if can(u, Capability.ADMINISTER_RETENTION)
        else []
    ),
    "retention_person_id": lambda u: (
        Person.objects.filter(organisation_id=u.organisation_id).values_list("id", flat=True)
        if can(u, Capability.ADMINISTER_RETENTION)
        else []
    ),
}
CASE_RECORDS = {"order_id", "record_id", "message_id", "account_id", "event_id", "assessment_id"}
# Where the staff gate is not the one that answers: the victims' portal (its own sign-in), the
# API (tokens), the admin (Django's own), and the public "you said, we did" page.
OTHER_GATES = ("portal/", "api/", "admin/", "you-said-we-did/")


def test_it_has_a_filler_for_every_path_parameter():
    patterns = url_patterns()
    assert len(patterns) > 150
    unfilled = sorted(
        {f"{p.route} ({param})" for p in patterns for param in p.params if param not in FILLERS}
    )
    assert not unfilled, f"add a rule to FILLERS for: {unfilled}"


def test_it_answers_every_url_for_every_persona_as_the_gate_expects(personas, case_a, case_other):
    world = _world(personas, case_a, case_other)
    clients = {name: _staff_client(user) for name, user in personas.items()}
    account = PortalAccount.objects.get(pk=str(world.durham.ids["account_id"]))
    clients[VICTIM] = portal_session(Client(raise_request_exception=False), account)
    clients[ANONYMOUS] = Client(raise_request_exception=False)
    visible = {name: _visible(user) for name, user in personas.items()}
    failures: list[str] = []
    for pattern in url_patterns():
        variants = _variants(world, pattern)
        for method in ("GET", "POST"):
            for persona, client in clients.items():
                answers = {side: _ask(client, method, path) for side, path in variants.items()}
                failures += _check(pattern, method, persona, variants, answers, visible.get(persona))
    assert not failures, f"{len(failures)} answers not as the gate expects:\n" + "\n".join(failures[:60])


def _check(
    pattern: Pattern,
    method: str,
    persona: str,
    paths: dict[str, str],
    answers: dict[str, HttpResponse],
    visible: dict[str, set[str]] | None,
) -> list[str]:
    failures = []
    allowed = GET_STATUSES if method == "GET" else POST_STATUSES
    if pattern.route.startswith(TOKEN_ROUTES):
        allowed = allowed | TOKEN_STATUSES
    if pattern.route.startswith("admin/"):
        allowed = allowed | {403}
    for side, response in answers.items():
        where = f"{persona} {method} {paths[side]}"
        if response.status_code not in allowed:
            failures.append(f"{where}: {response.status_code}")
        hidden = side in ("durham", "cleveland") and visible is not None and _hidden(pattern, side, visible)
        if hidden and not pattern.route.startswith(OTHER_GATES) and response.status_code not in (404, 405):
            failures.append(f"{where}: {response.status_code} for a record the gate hides")
        compared = (hidden or response.status_code == 404) and "missing" in answers and side != "missing"
        if compared and _fingerprint(response, paths[side]) != _fingerprint(
            answers["missing"], paths["missing"]
        ):
            failures.append(f"{where}: answers differently from the missing {paths['missing']}")
    return failures


def _hidden(pattern: Pattern, side: str, visible: dict[str, set[str]]) -> bool:
    """Whether any record named in this side's path is one the gate hides from the persona."""
    values = _SIDE_VALUES[(pattern.route, side)]
    for param in pattern.params:
        asked = param
        if param == "person_id" and pattern.route.startswith("audit/"):
            asked = "audit_person_id"
        elif param == "person_id" and pattern.route.startswith("data-protection/"):
            asked = "data_protection_person_id"
        if asked in VISIBLE and values[param] not in visible[asked]:
            return True
        if param in CASE_RECORDS and values["__case__"] not in visible["case_id"]:
            return True
    return False


_SIDE_VALUES: dict[tuple[str, str], dict[str, str]] = {}


def _variants(world: World, pattern: Pattern) -> dict[str, str]:
    """The path on each side that holds a record for every parameter, and with missing ids."""
    if not pattern.params:
        return {"only": pattern.path({})}
    out = {}
    for index, (side_name, side) in enumerate((("durham", world.durham), ("cleveland", world.cleveland))):
        values = {param: FILLERS[param](world, pattern)[index] for param in pattern.params}
        if any(value is None for value in values.values()):
            continue
        _SIDE_VALUES[(pattern.route, side_name)] = {**values, "__case__": str(side.case.id)}  # type: ignore[dict-item]
        out[side_name] = pattern.path({param: str(value) for param, value in values.items()})
    if any(param in ID_PARAMS for param in pattern.params):
        missing = {
            p: MISSING if p in ID_PARAMS else str(FILLERS[p](world, pattern)[0]) for p in pattern.params
        }
        out["missing"] = pattern.path(missing)
    return out


def _ask(client: Client, method: str, path: str) -> HttpResponse:
    """One request, whose writes (and any sign-out) are undone before the next."""
    cookies = SimpleCookie()
    cookies.load(client.cookies.output(header="", sep=";"))
    try:
        with transaction.atomic():
            response = client.get(path) if method == "GET" else client.post(path, {})
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response  # type: ignore[return-value]


def _fingerprint(response: HttpResponse, path: str) -> tuple[Any, ...]:
    """What a user could tell apart: status, where it redirects, its type, and its body, with the
    path asked for (echoed in a sign-in link's next=), the CSP nonce and the CSRF token taken out."""
    body = response.content.replace(path.encode(), b"PATH").replace(quote(path).encode(), b"PATH")
    body = re.sub(rb'nonce="[^"]*"', b"", body)
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)
    location = response.get("Location", "").replace(quote(path, safe=""), "PATH").replace(path, "PATH")
    return response.status_code, location, response.get("Content-Type"), body


def _staff_client(user: User) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


def _visible(user: User) -> dict[str, set[str]]:
    return {param: {str(pk) for pk in ids(user)} for param, ids in VISIBLE.items()}


def _world(personas: dict[str, User], case_a: VictimCase, case_other: VictimCase) -> World:
    """Durham's side: case_a with a protective order, a risk and a needs assessment, restorative
    justice, a portal account, a referral sent to Harbour, a MARAC meeting, a Champion's
    engagement, and cara as a staff user. Cleveland's: case_other with the same that otto can
    make, and otto as a staff user."""
    cara, otto = personas["cara"], personas["otto"]
    durham = _side(cara, case_a, personas)
    cleveland = _side(otto, case_other, personas)
    directory = load_directory()
    case_a.person.phone = "07700 900123"
    case_a.person.save()
    referral = consented(cara, case_a, directory[HARBOUR], items=["name", "phone", "safe_contact"])
    durham.ids["referral_id"] = str(referral_send(actor=cara, referral=referral).id)
    durham.ids["engagement_id"] = str(make_engagement(personas["chad"]).id)
    durham.ids["service_id"] = str(Service.objects.order_by("id").values_list("id", flat=True).first())
    opcc = Organisation.objects.filter(kind=Organisation.Kind.OPCC).order_by("id").first()
    durham.ids["organisation_id"] = str(opcc.id) if opcc else MISSING
    for param, model in _OPTIONAL.items():
        found = model().objects.order_by("id").values_list("id", flat=True).first()
        durham.ids[param] = str(found) if found is not None else MISSING
    return World(durham, cleveland)


def _side(actor: User, vcase: VictimCase, personas: dict[str, User]) -> Side:
    order = protective_order_record(
        actor=actor,
        case=vcase,
        data=OrderInput("nmo", "Not to contact the victim", "Magistrates' Court", date(2026, 3, 1)),
    )
    risk = risk_assessment_complete(actor=actor, case=vcase, data=AssessmentInput(answers=make_answers(3)))
    needs_assessment_save(actor=actor, case=vcase, data=NeedsInput({}, {}, {}), complete=False)
    record = rj_offer(actor=actor, case=vcase, occurred_on=date(2026, 3, 3))
    meeting = marac_meeting_create(actor=actor, area="Town", held_on=date(2026, 4, 1))
    message = OutboundMessage.objects.filter(case=vcase).values_list("id", flat=True).first()
    return Side(
        case=vcase,
        ids={
            "case_id": str(vcase.id),
            "crime_id": str(vcase.crime_id),
            "person_id": str(vcase.person_id),
            "order_id": str(order.id),
            "risk_id": str(risk.id),
            "needs_id": str(NeedsAssessment.objects.filter(case=vcase).values_list("id", flat=True).first()),
            "record_id": str(record.id),
            "meeting_id": str(meeting.id),
            "account_id": str(make_account(vcase).id),
            "event_id": str(vcase.events.order_by("id").values_list("id", flat=True).first()),
            "message_id": str(message) if message is not None else None,
            "user_id": str(actor.id),
        },
    )


def _model(label: str) -> Callable[[], Any]:
    from django.apps import apps

    return lambda: apps.get_model(label)


# Records made elsewhere in the suite (the voice and import tests): the first one held, if any.
_OPTIONAL = {
    "theme_id": _model("voice.Theme"),
    "study_id": _model("voice.CaseStudy"),
    "rec_id": _model("voice.Recommendation"),
    "run_id": _model("ingest.FeedRun"),
    "match_id": _model("ingest.PossibleMatch"),
    "sar_id": _model("dataprotection.SubjectAccessRequest"),
    "report_id": _model("voice.AnnualReport"),
    "member_id": _model("voice.PanelMember"),
    "action_id": _model("voice.PanelAction"),  # the advisory panel's (voice/panel/actions/)
    "pk": _model("reports.PanelPack"),  # compliance/panel/<pk>/
}
