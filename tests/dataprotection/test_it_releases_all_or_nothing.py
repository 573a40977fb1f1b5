"""Releasing a subject access response is all or nothing: if the archive cannot be made after
the PDF was, nothing is stored, the request stays in review and no disclosure is audited."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataprotection.conftest import VICTIM_MESSAGE
from tests.factories import make_case
from victimcare.audit.models import Action, AuditEvent
from victimcare.dataprotection import pack
from victimcare.dataprotection.models import SarStatus, SubjectAccessRequest
from victimcare.dataprotection.services import sar_assemble, sar_create, sar_release, sar_review_start
from victimcare.messaging.services import message_send_from_victim

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failure_making_the_archive_leaves_nothing_behind(personas, monkeypatch):
    adam = personas["adam"]
    vcase = make_case(
        personas["cara"], team="Victim care North", caseworker=personas["cara"], reference="DU/00901/26"
    )
    message_send_from_victim(case=vcase, body=VICTIM_MESSAGE, sender_label="Jane Smith")
    sar = sar_create(actor=adam, requester_name="Jane Smith", requester="subject", first_name="Jane",
                     last_name="Smith", date_of_birth=None, received_on=date(2026, 3, 2),
                     identity_verified_on=date(2026, 3, 2), identity_evidence="Passport seen")  # fmt: skip
    sar = sar_review_start(actor=adam, sar=sar_assemble(actor=adam, sar=sar, person=vcase.person))
    made: list[bytes] = []
    real_pdf = pack.build_pdf

    def pdf_then_count(*args, **kwargs):
        made.append(real_pdf(*args, **kwargs))
        return made[-1]

    def broken_archive(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pack, "build_pdf", pdf_then_count)
    monkeypatch.setattr(pack, "build_archive", broken_archive)
    with pytest.raises(OSError):
        sar_release(actor=adam, sar=sar)
    assert made, "the PDF was made before the archive failed"
    sar = SubjectAccessRequest.objects.get(pk=sar.pk)
    assert (
        sar.status == SarStatus.IN_REVIEW
        and sar.pdf is None
        and sar.archive is None
        and sar.released_at is None
    )
    assert not AuditEvent.objects.filter(action=Action.DISCLOSE).exists()
