"""The Victims' Champions' annual report to the Police and Crime Panel (docs/adr/0048).

The record holds what people write (the narrative sections) and where the report is in its
review; the figures, findings, case studies and recommendations are read from the records each
time the report is shown or exported, so a victim who withdraws consent leaves every later
export, approved or not.
"""

from __future__ import annotations

from django.db import models

from victimcare.accounts.models import Organisation

__all__ = ["AnnualReport", "ReportStatus"]

DEFAULT_RECOMMENDATIONS = "That the Panel notes the Victims' Champions' annual report."


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEWED = "reviewed", "Reviewed"
    APPROVED = "approved", "Approved"


# The narrative sections, in the order of the Panel's paper format.
NARRATIVE_FIELDS = ("purpose", "background", "achievements", "next_steps", "recommendations")


class AnnualReport(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    purpose = models.TextField(blank=True, max_length=8000)
    background = models.TextField(blank=True, max_length=8000)
    achievements = models.TextField(blank=True, max_length=8000)
    next_steps = models.TextField(blank=True, max_length=8000)
    recommendations = models.TextField(blank=True, max_length=4000, default=DEFAULT_RECOMMENDATIONS)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="annual_report_period_order",
            ),
            models.UniqueConstraint(
                fields=["organisation", "period_start", "period_end"], name="annual_report_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def narrative_texts(self) -> list[str]:
        """Every word people wrote that the report prints: the redaction check reads these."""
        return [self.title, *(getattr(self, f) for f in NARRATIVE_FIELDS)]
