"""manage.py refresh_bank_holidays PATH_OR_URL: load the GOV.UK bank holidays feed.

PATH_OR_URL is a saved copy of https://www.gov.uk/bank-holidays.json, or that address. Its
England and Wales dates go into the bank holidays table, which the calendar for stored
entitlements adds to the `holidays` package's (docs/adr/0006): a one-off day proclaimed after
the installed package release then counts. Dates already loaded are kept (the feed covers a
rolling window of years, and old deadlines must stay recomputable). Recompute the stored
entitlements afterwards if a date was added: the command says so.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from victimcare.rights.models import BankHoliday
from victimcare.rights.workdays import parse_govuk_feed

TIMEOUT_SECONDS = 30


class Command(BaseCommand):
    help = "Load England and Wales bank holidays from the GOV.UK JSON feed (a file or its URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source", help="a saved bank-holidays.json, or https://www.gov.uk/bank-holidays.json"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["source"]
        document = _read(source)
        try:
            dates = parse_govuk_feed(document)
        except ValueError as err:
            raise CommandError(str(err)) from None
        titles = _titles(document)
        added = _store(dates, titles, source)
        self.stdout.write(f"{len(dates)} England and Wales bank holidays in the feed; {len(added)} new.")
        if added:
            self.stdout.write(
                "New: " + ", ".join(d.isoformat() for d in sorted(added)) + ". "
                "Run `manage.py recompute_entitlements` so stored due dates count them."
            )


def _read(source: str) -> Any:
    try:
        if source.startswith(("https://", "http://")):
            request = Request(source, headers={"User-Agent": "victimcare refresh_bank_holidays"})  # noqa: S310
            with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (http(s) only)
                text = response.read().decode("utf-8")
        else:
            text = Path(source).read_text(encoding="utf-8")
        return json.loads(text)
    except OSError as err:
        raise CommandError(f"Cannot read {source}: {err}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CommandError(f"{source} is not a JSON document: {err}") from None


def _titles(document: Any) -> dict[date, str]:
    titles: dict[date, str] = {}
    for event in document["england-and-wales"]["events"]:
        titles[date.fromisoformat(event["date"])] = str(event.get("title", ""))[:200]
    return titles


@transaction.atomic
def _store(dates: set[date], titles: dict[date, str], source: str) -> set[date]:
    known = set(BankHoliday.objects.filter(date__in=dates).values_list("date", flat=True))
    added = dates - known
    BankHoliday.objects.bulk_create(
        [BankHoliday(date=d, title=titles.get(d, ""), source=source[:300]) for d in sorted(added)]
    )
    return added
