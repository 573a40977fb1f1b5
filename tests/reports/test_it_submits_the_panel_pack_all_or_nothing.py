"""Submitting a Panel pack writes the frozen figures, the status and the audit row together:
when the audit row cannot be written, the pack is still a draft with no figures frozen."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.reports.conftest import load_attrition_victims
from victimcare.audit.models import AuditEvent
from victimcare.reports import panel, panel_sections, services
from victimcare.reports.models import PackStatus, PanelPack
from victimcare.reports.selectors import QUARTER, period_start


@pytest.mark.django_db(transaction=True)
def test_a_failed_audit_row_leaves_the_pack_a_draft(personas, monkeypatch):
    load_attrition_victims(personas)
    ana = personas["ana"]
    today = timezone.localdate()
    pack = services.panel_pack_draft(actor=ana, quarter_start=period_start(today, QUARTER))
    snapshot = panel.to_json(
        panel_sections.pack_sections(ana, panel.Quarter(pack.quarter_start), today), today
    )
    trail = AuditEvent.objects.count()

    def broken(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        services.panel_pack_submit(actor=ana, pack=pack, snapshot=snapshot)

    pack = PanelPack.objects.get(pk=pack.pk)
    assert pack.status == PackStatus.DRAFT
    assert pack.snapshot is None and pack.submitted_by is None and pack.submitted_at is None
    assert AuditEvent.objects.count() == trail

    monkeypatch.undo()  # and with the trail back, the same submit goes through
    services.panel_pack_submit(actor=ana, pack=pack, snapshot=snapshot)
    pack.refresh_from_db()
    assert pack.status == PackStatus.SUBMITTED and pack.snapshot == snapshot
    assert AuditEvent.objects.count() == trail + 1
