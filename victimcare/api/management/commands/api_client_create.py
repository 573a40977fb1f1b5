"""manage.py api_client_create NAME --organisation ORG --role ROLE --scope S [--scope S ...]

Prints the token once; only its keyed hash is stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from victimcare.accounts.models import Organisation, Team
from victimcare.api.models import SCOPES
from victimcare.api.services import ApiClientError, ApiClientInput, api_client_create


class Command(BaseCommand):
    help = "Add an API client for a partner system and print its token (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The partner system, e.g. 'Durham records system'")
        parser.add_argument("--organisation", required=True, help="The organisation's name")
        parser.add_argument("--role", required=True, help="police_officer, supervisor, caseworker, ...")
        parser.add_argument("--scope", action="append", required=True, choices=sorted(SCOPES), dest="scopes")
        parser.add_argument("--team", action="append", default=[], dest="teams", help="A team's name")
        parser.add_argument("--days", type=int, default=90, help="Days until the token expires (at most 366)")
        parser.add_argument(
            "--rate", type=int, default=None, help="Calls a minute (default API_RATE_PER_MINUTE)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        org = Organisation.objects.filter(name=options["organisation"]).first()
        if org is None:
            raise CommandError(f"No organisation called {options['organisation']!r}.")
        teams = [Team.objects.filter(organisation=org, name=name).first() for name in options["teams"]]
        if None in teams:
            raise CommandError(f"Each --team must be a team of {org.name}.")
        data = ApiClientInput(
            name=options["name"],
            organisation=org,
            role=options["role"],
            scopes=tuple(options["scopes"]),
            expires_at=timezone.now() + timedelta(days=options["days"]),
            teams=tuple(t for t in teams if t is not None),
            rate_per_minute=options["rate"],
        )
        try:
            client, token = api_client_create(actor="System (manage.py api_client_create)", data=data)
        except ApiClientError as err:
            raise CommandError(f"{err.field}: {err.message}") from None
        self.stdout.write(
            f"Added API client {client.name} (id {client.pk}), expires {client.expires_at:%d %B %Y}."
        )
        self.stdout.write("Its token, shown only this once:")
        self.stdout.write(token)
