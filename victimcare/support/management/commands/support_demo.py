"""Load the demo services directory (County Durham and Darlington) and, optionally, referrals."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from victimcare.access.capabilities import Capability, holders
from victimcare.accounts.models import Organisation, User
from victimcare.accounts.personas import OPCC, ensure_organisations
from victimcare.cases.models import VictimCase
from victimcare.people.services import safe_contact_agreement_record
from victimcare.support.demo_directory import DIRECTORY, HARBOUR
from victimcare.support.models import Service
from victimcare.support.services import (
    referral_consent_record,
    referral_create,
    referral_send,
    referral_step,
    service_create,
    service_update,
)
from victimcare.support.sharing import minimum_items

# A demo victim who agreed no way to be contacted: the caseworker says why (docs/adr/0042).
DEMO_NOT_AGREED = "The victim asked to be contacted only through their caseworker"


class Command(BaseCommand):
    help = "Load the demo services directory; with --referrals N, also refer N demo victims to Harbour."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--referrals", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        orgs = ensure_organisations()
        directory = orgs[OPCC]
        for entry in DIRECTORY:
            load_service(directory, orgs, entry)
        self.stdout.write(f"Services directory: {len(DIRECTORY)} services for {directory.name}\n")
        if options["referrals"]:
            made = demo_referrals(directory, options["referrals"], random.Random(options["seed"]))  # noqa: S311 - invented data
            self.stdout.write(f"Referrals to {HARBOUR}: {made} made\n")


def load_service(directory: Organisation, orgs: dict[str, Organisation], entry: dict[str, Any]) -> Service:
    data = {k: v for k, v in entry.items() if k != "provider"}
    data["organisation"] = orgs[entry["provider"]] if entry.get("provider") else None
    existing = Service.objects.filter(directory=directory, name=data["name"]).first()
    if existing is None:
        return service_create(actor=None, directory=directory, data=data)
    return service_update(actor=None, service=existing, data=data)


def demo_referrals(directory: Organisation, n: int, rng: random.Random) -> int:
    """Referrals to Harbour for the first `n` demo cases without one, sent the working day after
    the crime was reported, then accepted, contacted and engaged at plausible speeds."""
    harbour = Service.objects.get(directory=directory, name=HARBOUR)
    caseworkers = holders(Capability.CASEWORKER_ON_CASES_THEY_OPEN)
    staff = User.objects.filter(caseworkers, organisation=directory).first()
    provider = User.objects.filter(
        holders(Capability.PROVIDER_REFERRALS), organisation=harbour.organisation
    ).first()
    if staff is None or provider is None:
        return 0
    cases = (
        VictimCase.objects.filter(organisation=directory)
        .exclude(referrals__service=harbour)
        .select_related("person", "crime")
        .order_by("id")[:n]
    )
    now = timezone.now()
    made = 0
    for vcase in cases:
        sent = vcase.crime.reported_at + timedelta(days=1, hours=rng.randint(0, 6))
        if sent > now - timedelta(days=1):
            continue
        if not vcase.person.safe_contact_settled:
            safe_contact_agreement_record(actor=staff, person=vcase.person, agreed=bool(vcase.person.allowed_channels),
                                          reason=DEMO_NOT_AGREED, at=sent)  # fmt: skip
        referral = referral_create(actor=staff, case=vcase, service=harbour)
        referral_consent_record(actor=staff, referral=referral, by="victim", method="phone", at=sent,
                                items=minimum_items(vcase.person))  # fmt: skip
        referral = referral_send(actor=staff, referral=referral, occurred_at=sent)
        at = sent
        for action in ("accept", "first_contact", "engage"):
            at = at + timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)), hours=rng.randint(1, 5))
            if at > now or rng.random() < 0.15:
                break
            referral = referral_step(actor=provider, referral=referral, action=action, occurred_at=at,
                                     channel="phone" if action == "first_contact" else "")  # fmt: skip
        made += 1
    return made
