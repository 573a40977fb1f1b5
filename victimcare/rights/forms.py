"""Forms for the rights pages, rendered the GOV.UK way (victimcare.forms)."""

from __future__ import annotations

from typing import Any

from django import forms

from victimcare.forms import GovukForm, GovukRadios

YES, NO, REMOVE = "yes", "no", "remove"
DECISIONS = [(YES, "Yes, give enhanced rights"), (NO, "No, give standard rights")]
PROVIDER_FILTER_CHOICES = [
    ("", "Anyone"),
    ("police", "Police"),
    ("cps", "Crown Prosecution Service"),
    ("wcu", "Witness Care Unit"),
    ("probation", "Probation Service"),
    ("any", "Whoever a complaint is about"),
]


class EnhancedOverrideForm(GovukForm):
    required_if_asked = ("reason",)  # required only by another answer
    decision = forms.ChoiceField(
        label="Should this victim get enhanced rights?",
        widget=GovukRadios,
        choices=DECISIONS,
        error_messages={"required": "Choose whether this victim should get enhanced rights"},
    )
    reason = forms.CharField(
        label="Why have you decided this?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This is kept on the case and in the audit trail. Do not include anything the victim has asked to keep private",
    )

    def __init__(self, *args: Any, can_remove: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if can_remove:
            field = self.fields["decision"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [
                *DECISIONS,
                (REMOVE, "Remove the decision, and use the reasons the system found"),
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") in (YES, NO) and not str(data.get("reason", "")).strip():
            self.add_error("reason", "Enter why you have decided this")
        return data

    @property
    def enhanced(self) -> bool | None:
        """True, False, or None to remove the decision."""
        decision = self.cleaned_data["decision"]
        return None if decision == REMOVE else decision == YES


class WorkQueueFilterForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    provider = forms.ChoiceField(label="Owed by", choices=PROVIDER_FILTER_CHOICES, required=False)
