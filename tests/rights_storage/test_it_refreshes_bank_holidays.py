"""manage.py refresh_bank_holidays loads the GOV.UK feed; stored due dates count its days."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.rights_storage.conftest import stored
from victimcare.rights.models import BankHoliday

pytestmark = pytest.mark.django_db
FEED = Path(__file__).resolve().parents[3] / "shared" / "data" / "bank-holidays" / "england-and-wales_2018-2027_merged.json"  # fmt: skip


def _feed(tmp_path: Path, *days: str) -> Path:
    path = tmp_path / "bank-holidays.json"
    events = [{"title": "One-off bank holiday", "date": d, "notes": "", "bunting": True} for d in days]
    path.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": events}}))
    return path


@pytest.mark.skipif(not FEED.exists(), reason="shared GOV.UK feed copy not present")
def test_it_loads_the_official_feed_once(db):
    out = StringIO()
    call_command("refresh_bank_holidays", str(FEED), stdout=out)
    loaded = BankHoliday.objects.count()
    assert loaded > 70 and BankHoliday.objects.filter(date=date(2026, 12, 28)).exists()
    again = StringIO()
    call_command("refresh_bank_holidays", str(FEED), stdout=again)
    assert "0 new" in again.getvalue() and BankHoliday.objects.count() == loaded


def test_it_counts_a_one_off_day_in_new_due_dates(tmp_path, case_a):
    assert stored(case_a)["R4_REFERRAL"].due == date(2026, 3, 4)
    out = StringIO()
    call_command("refresh_bank_holidays", str(_feed(tmp_path, "2026-03-03")), stdout=out)
    assert "recompute_entitlements" in out.getvalue()
    call_command("recompute_entitlements", stdout=StringIO())
    assert stored(case_a)["R4_REFERRAL"].due == date(2026, 3, 5)


def test_it_rejects_a_document_that_is_not_the_feed(tmp_path, db):
    bad = tmp_path / "bad.json"
    bad.write_text('{"scotland": {}}')
    with pytest.raises(CommandError, match="england-and-wales"):
        call_command("refresh_bank_holidays", str(bad))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("refresh_bank_holidays", str(tmp_path / "missing.json"))
