"""Create the demo organisations, staff personas and synthetic victims, and print the sign-ins."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from victimcare.accounts.personas import PERSONAS, demo_totp_key, ensure_personas, totp_base32
from victimcare.cases.models import VictimCase

DEMO_PASSWORD = "victim-care-demo"
DEMO_TOTP_SECRET = "victimcare-demo"


class Command(BaseCommand):
    help = "Set up the demo: personas with known passwords and authenticator keys, and synthetic victims."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--victims", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--anchor",
            type=date.fromisoformat,
            default=None,
            help="The day the demo data is 'as at' (YYYY-MM-DD); today when not given, so the "
            "queues, clocks and figures look like a normal month.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "demo_setup creates accounts with a published password: run it with DEBUG=1 only."
            )
        ensure_personas(password=DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
        if VictimCase.objects.exists():  # `make demo` a second time keeps the data it made
            self.stdout.write("Demo victims already present: not seeding again.\n")
            call_command("support_demo", stdout=self.stdout)  # directory changes, no new referrals
        else:
            anchor = options["anchor"] or timezone.localdate()
            call_command(
                "seed", victims=options["victims"], seed=options["seed"], anchor=anchor, stdout=self.stdout
            )
            # The seed writes timelines in bulk; work out what each victim is owed from them.
            call_command("recompute_entitlements", verbosity=0, stdout=self.stdout)
            # The repeat-victim flag as safeguarding defines it (crimes in a rolling window).
            call_command("repeat_victims_recompute", stdout=self.stdout)
            # A services directory, and referrals to Harbour so pat's workspace has work in it.
            call_command("support_demo", referrals=40, stdout=self.stdout)
        call_command("voice_demo", stdout=self.stdout)  # chad's engagements, themes, you said we did
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})\n")
        self.stdout.write(
            "Add the key to an authenticator app, or print the current code with\n"
            "  .venv/bin/python manage.py totp_code USERNAME   (DEBUG=1)\n\n"
        )
        for p in PERSONAS:
            key = totp_base32(demo_totp_key(p.username, DEMO_TOTP_SECRET))
            self.stdout.write(f"  {p.username:<6} {p.summary:<55} key {key}\n")
        self.stdout.write(f"\nOpen {settings.NOTIFY_SITE_URL}/ and sign in.\n")
        self._portal_example()

    def _portal_example(self) -> None:
        """A victim on cara's team whose email is safe to use, to try the victims' portal."""
        from victimcare.portal.selectors import portal_sign_in_example

        example = portal_sign_in_example(team_name="Victim care North")
        if example is None:
            return
        reference, email = example
        self.stdout.write(
            f"\nVictims' portal: open {settings.NOTIFY_PORTAL_URL} and sign in with\n"
            f"  crime reference {reference}  and email {email}\n"
            "The code goes to the demo mailbox: sign in as cara (in the same browser is fine) and\n"
            "open Mailbox (demo); it arrives a few seconds after you ask for it.\n"
        )
