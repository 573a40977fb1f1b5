"""The Panel pack: the quarterly performance report to the Police and Crime Panel (docs/adr/0051).

One pack per organisation and quarter. While it is a draft its figures are worked out afresh
whenever it is read, and its commentary (one text per section) can be changed. Submitting it
freezes the figures, exactly as shown then (small numbers already hidden), in `snapshot`;
from then on the pack is read from the snapshot alone, so an approved pack never changes when
data recorded later would change a figure. Approval is by someone other than the submitter.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from victimcare.transitions import StatusTable


class PackStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for approval"
    APPROVED = "approved", "Approved"


# Submitted -> draft: sent back by the approver; the snapshot is dropped and the figures live again.
PACK_STATUSES = StatusTable(
    {
        PackStatus.DRAFT: {PackStatus.SUBMITTED},
        PackStatus.SUBMITTED: {PackStatus.APPROVED, PackStatus.DRAFT},
        PackStatus.APPROVED: set(),
    }
)


class PanelPack(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    quarter_start = models.DateField(help_text="The first day of the quarter the pack reports on.")
    status = models.CharField(max_length=12, choices=PackStatus.choices, default=PackStatus.DRAFT)
    # {section key: the commentary written for it}
    commentary = models.JSONField(default=dict, blank=True)
    # The figures as submitted: {"as_on": "YYYY-MM-DD", "sections": [section, ...]} (panel.py).
    snapshot = models.JSONField(null=True, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-quarter_start",)
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "quarter_start"], name="panel_pack_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PackStatus]), name="panel_pack_status_known"
            ),
            # Frozen figures exactly when the pack has left draft.
            models.CheckConstraint(
                condition=Q(status=PackStatus.DRAFT, snapshot__isnull=True)
                | (~Q(status=PackStatus.DRAFT) & Q(snapshot__isnull=False, submitted_by__isnull=False)),
                name="panel_pack_snapshot_when_submitted",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | (Q(status=PackStatus.APPROVED) & ~Q(approved_by=F("submitted_by"))),
                name="panel_pack_approved_by_someone_else",
            ),
        ]

    def __str__(self) -> str:
        return f"Panel pack {self.quarter_start:%Y-%m}"

    @property
    def is_draft(self) -> bool:
        return self.status == PackStatus.DRAFT

    def commentary_for(self, key: str) -> str:
        value: Any = (self.commentary or {}).get(key, "")
        return str(value)
