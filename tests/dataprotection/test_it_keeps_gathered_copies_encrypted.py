"""The subject access pack's gathered records and a referral's snapshot of what was shared are
copies of encrypted fields (messages, contact details): they are ciphertext in the database too,
and the data protection officer still reads them, and releases them, in plain text
(docs/adr/0060)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.dataprotection.conftest import VICTIM_MESSAGE, archive_files
from victimcare.dataprotection.services import sar_assemble, sar_release, sar_review_start
from victimcare.fieldcrypt import is_token
from victimcare.support.models import Referral

pytestmark = pytest.mark.django_db


def _column(table: str, column: str) -> list[str]:
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {q(column)} FROM {q(table)} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_the_gathered_records_are_ciphertext_at_rest_and_plain_in_the_pack(personas, sar, seeded):
    adam = personas["adam"]
    sar = sar_assemble(actor=adam, sar=sar, person=seeded.person)
    stored = _column("dataprotection_saritem", "data")
    assert stored and all(is_token(value) for value in stored)
    assert not any(VICTIM_MESSAGE in value or "07700 900123" in value for value in stored)

    assert VICTIM_MESSAGE in [i.data["body"] for i in sar.items.filter(record_type="messages")]
    sar = sar_release(actor=adam, sar=sar_review_start(actor=adam, sar=sar))
    files = archive_files(bytes(sar.archive))
    assert files["messages.json"][0]["data"]["body"] == VICTIM_MESSAGE
    assert files["person.json"][0]["data"]["phone"] == "07700 900123"


def test_what_a_referral_shared_is_ciphertext_at_rest(seeded):
    stored = _column("support_referral", "snapshot")
    assert stored and all(is_token(value) for value in stored)
    assert not any("07700 900123" in value for value in stored)
    shared = {s["label"]: s["value"] for s in Referral.objects.get(case=seeded).snapshot}
    assert shared["Phone number"] == "07700 900123"
