"""manage.py api_client_revoke NAME: the client's token stops working at once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.api.models import ApiClient
from victimcare.api.services import api_client_revoke


class Command(BaseCommand):
    help = "Revoke an API client: its token stops working at once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The client's name")

    def handle(self, *args: Any, **options: Any) -> None:
        client = ApiClient.objects.filter(name=options["name"]).first()
        if client is None:
            raise CommandError(f"No API client called {options['name']!r}.")
        client = api_client_revoke(actor="System (manage.py api_client_revoke)", client=client)
        self.stdout.write(f"Revoked API client {client.name} at {client.revoked_at:%d %B %Y %H:%M}.")
