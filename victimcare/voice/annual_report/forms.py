"""Forms for the annual report: start one for a period, and write its narrative."""

from __future__ import annotations

from typing import Any

from django import forms

from victimcare.forms import GovukDateField, GovukForm


class StartForm(GovukForm):
    title = forms.CharField(
        label="Title", max_length=200,
        help_text="For example, Victims' Champions annual report, April 2025 to March 2026",
    )  # fmt: skip
    period_start = GovukDateField(label="The period starts", help_text="For example, 1 4 2025")
    period_end = GovukDateField(label="The period ends", help_text="For example, 31 3 2026")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be after its start")
        return data


def _section(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, widget=forms.Textarea(attrs={"rows": 6}), max_length=8000, required=False
    )


class NarrativeForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200)
    purpose = _section("Purpose of the report", "Why the Panel receives this report.")
    background = _section(
        "Background", "The Champions' role, the Victims' Code and the Police and Crime Plan."
    )
    achievements = _section("Achievements", "What changed for victims this year.")
    next_steps = _section("Next steps", "What the Champions will do next year.")
    recommendations = forms.CharField(
        label="Recommendations to the Panel", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        help_text="What the Panel is asked to do.",
    )  # fmt: skip
