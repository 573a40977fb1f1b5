"""In review the data protection officer sees each item as it would go out and redacts other
people's information, with a reason: a passage wherever it appears in an item, or a whole item
left out. The released PDF and archive both lack what was redacted (docs/adr/0053)."""

from __future__ import annotations

import pytest

from tests.dataprotection.conftest import THIRD_PARTY, archive_text
from victimcare.dataprotection.models import SarRedaction, SarStatus
from victimcare.dataprotection.services import sar_assemble, sar_review_start
from victimcare.documents import pdf_facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(personas, sar, seeded):
    sar = sar_assemble(actor=personas["adam"], sar=sar, person=seeded.person)
    return sar_review_start(actor=personas["adam"], sar=sar)


def _message_from(sar, sender):
    """The gathered message from `sender`: found in Python, as the gathered records are
    encrypted and the database cannot look inside them (docs/adr/0060)."""
    (item,) = [i for i in sar.items.filter(record_type="messages") if i.data["sender"] == sender]
    return item


def test_a_redacted_name_and_a_withheld_item_are_in_neither_output(client_for, in_review):
    client = client_for("adam")
    url = f"/data-protection/requests/{in_review.id}/review/"
    page = client.get(url)
    assert page.status_code == 200 and THIRD_PARTY in page.content.decode()
    message = _message_from(in_review, "Victim")
    marked = client.post(url, {"action": "redact", "item": message.id, f"r{message.id}-passage": THIRD_PARTY,
                               f"r{message.id}-reason": "A neighbour's name: a third party"})  # fmt: skip
    assert marked.status_code == 302
    assert SarRedaction.objects.get(item=message).reason == "A neighbour's name: a third party"
    reply = _message_from(in_review, "Staff")
    withheld = client.post(
        url, {"action": "withhold", "item": reply.id, f"w{reply.id}-reason": "About another victim"}
    )
    assert withheld.status_code == 302
    reviewed = client.get(url).content.decode()
    assert THIRD_PARTY in reviewed.split("Redacted in this item")[1]  # listed as redacted, not as content
    released = client.post(url, {"action": "release"})
    assert released.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == SarStatus.RELEASED
    pdf_text = pdf_facts(client.get(f"/data-protection/requests/{in_review.id}/response.pdf").content).text
    zip_text = archive_text(client.get(f"/data-protection/requests/{in_review.id}/response.zip").content)
    for text in (pdf_text, zip_text):
        assert THIRD_PARTY not in text and "[redacted]" in text
        assert "ring you at 5" not in text  # the withheld reply
        assert "saw the man run off" in text  # the rest of her message is hers


def test_words_not_in_the_item_are_refused_on_the_page(client_for, in_review):
    client = client_for("adam")
    message = in_review.items.filter(record_type="messages").first()
    refused = client.post(f"/data-protection/requests/{in_review.id}/review/",
                          {"action": "redact", "item": message.id, f"r{message.id}-passage": "Nobody Else",
                           f"r{message.id}-reason": "third party"})  # fmt: skip
    body = refused.content.decode()
    assert refused.status_code == 200 and "govuk-error-summary" in body
    assert "Those words are not in this item" in body
    assert not SarRedaction.objects.exists()


def test_a_redaction_needs_a_reason(client_for, in_review):
    client = client_for("adam")
    message = in_review.items.filter(record_type="messages").first()
    refused = client.post(f"/data-protection/requests/{in_review.id}/review/",
                          {"action": "redact", "item": message.id, f"r{message.id}-passage": THIRD_PARTY})  # fmt: skip
    assert refused.status_code == 200 and "Enter why" in refused.content.decode()
    assert not SarRedaction.objects.exists()
