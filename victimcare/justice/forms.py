"""Forms for the restorative justice pages (GOV.UK rendering, victimcare.forms)."""

from __future__ import annotations

from typing import Any

from django import forms

from victimcare.forms import GovukDateField, GovukForm, GovukRadios
from victimcare.justice import workflow
from victimcare.justice.services import StepInput


class OfferForm(GovukForm):
    occurred_on = GovukDateField(
        label="Date it was offered", past_only=True, help_text="For example, 2 3 2026"
    )
    summary = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, how it was explained and what the victim said",
    )


class StepForm(GovukForm):
    """The next step. Only the steps the workflow allows now are offered; the field accepts
    any step so that a stale page is answered by the service's reason, not "invalid choice"."""

    step = forms.ChoiceField(
        label="What happened next?", widget=GovukRadios, choices=list(workflow.STEPS.items())
    )
    occurred_on = GovukDateField(label="Date it happened", past_only=True, help_text="For example, 2 3 2026")
    suitable = forms.ChoiceField(
        label="Is restorative justice suitable for this case?",
        widget=GovukRadios,
        choices=[("yes", "Yes, it is suitable and safe to go ahead"), ("no", "No, it is not suitable")],
        required=False,
        help_text="Answer this if you are recording the suitability and risk assessment",
    )
    offender_consents = forms.BooleanField(label="The offender consents to take part", required=False)
    offender_admits_responsibility = forms.BooleanField(
        label="The offender admits responsibility for the harm", required=False
    )
    summary = forms.CharField(
        label="Notes (optional)", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, next_steps: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].widget.choices = [(s, workflow.STEPS[s]) for s in next_steps]
        if workflow.ASSESSED not in next_steps:
            del self.fields["suitable"]
        if workflow.OFFENDER_CONSENTED not in next_steps:
            del self.fields["offender_consents"], self.fields["offender_admits_responsibility"]

    def to_input(self) -> StepInput:
        data = self.cleaned_data
        suitable = {"yes": True, "no": False}.get(data.get("suitable") or "")
        return StepInput(
            step=data["step"],
            occurred_on=data["occurred_on"],
            summary=data.get("summary") or "",
            suitable=suitable,
            offender_consents=bool(data.get("offender_consents")),
            offender_admits_responsibility=bool(data.get("offender_admits_responsibility")),
        )
