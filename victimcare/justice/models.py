"""Restorative justice: one record per offer, with every step it went through."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from victimcare.accounts.models import Organisation
from victimcare.cases.models import Event, VictimCase
from victimcare.justice import workflow

STEP_CHOICES = list(workflow.STEPS.items())


class RestorativeJustice(models.Model):
    """One offer of restorative justice to the victim on a case, and where it has got to.
    A case has at most one open record; after one ends a new offer is a new record."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="restorative_justice")
    status = models.CharField(max_length=30, choices=STEP_CHOICES, default=workflow.OFFERED)
    # Set by the suitability and risk assessment step.
    suitable = models.BooleanField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=~Q(status__in=sorted(workflow.TERMINAL)),
                name="one_open_restorative_justice_per_case",
            ),
            models.CheckConstraint(
                condition=Q(status__in=list(workflow.STEPS)), name="restorative_justice_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Restorative justice {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status not in workflow.TERMINAL

    @property
    def status_label(self) -> str:
        return workflow.STEPS[self.status]

    @property
    def next_steps(self) -> list[str]:
        return workflow.allowed(self.status, suitable=self.suitable)


class RestorativeJusticeStep(models.Model):
    """One step recorded, with the timeline event that records it."""

    record = models.ForeignKey(RestorativeJustice, on_delete=models.PROTECT, related_name="steps")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    step = models.CharField(max_length=30, choices=STEP_CHOICES)
    occurred_at = models.DateTimeField()
    summary = models.TextField(blank=True)
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.step} on restorative justice {self.record_id}"
