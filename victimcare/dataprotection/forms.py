"""Forms for the data protection officer's pages (docs/adr/0053)."""

from __future__ import annotations

from typing import Any

from django import forms

from victimcare.dataprotection.models import Requester
from victimcare.forms import GovukDateField, GovukForm, GovukRadios
from victimcare.people.forms import PersonDetailsForm


class SarForm(GovukForm):
    requester_name = forms.CharField(label="Name of the person who asked", max_length=200)
    requester = forms.ChoiceField(label="Who asked?", choices=Requester.choices, widget=GovukRadios)
    first_name = forms.CharField(label="First name of the person it is about", max_length=100, required=False)
    last_name = forms.CharField(label="Last name of the person it is about", max_length=100)
    date_of_birth = GovukDateField(
        label="Their date of birth",
        required=False,
        past_only=True,
        help_text="For example, 27 3 1987. Leave blank if not given",
    )
    received_on = GovukDateField(
        label="Date the request was received", past_only=True, help_text="For example, 2 3 2026"
    )


class IdentityForm(GovukForm):
    verified_on = GovukDateField(
        label="Date identity was verified", past_only=True, help_text="For example, 4 3 2026"
    )
    evidence = forms.CharField(
        label="How was identity verified?",
        max_length=200,
        help_text="For example, passport seen at the office. Do not write document numbers",
    )


class MatchForm(GovukForm):
    person = forms.TypedChoiceField(
        label="Which person is the request about?", coerce=int, widget=GovukRadios
    )

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (
                p.pk,
                f"{p.full_name}, born {p.date_of_birth:%d %B %Y}"
                if p.date_of_birth
                else f"{p.full_name}, date of birth not known",
            )
            for p in people
        ]


class WithholdForm(GovukForm):
    reason = forms.CharField(
        label="Why is this item left out?",
        max_length=300,
        help_text="For example, it is about another victim of the same crime",
    )


class RedactForm(GovukForm):
    passage = forms.CharField(
        label="Words to redact", max_length=500, help_text="Copy them exactly as they appear in this item"
    )
    reason = forms.CharField(label="Why?", max_length=300, help_text="For example, another person's name")


class FindPersonForm(GovukForm):
    q = forms.CharField(label="Last name", max_length=100, help_text="For example, Smith")


class RestrictForm(GovukForm):
    reason = forms.CharField(
        label="Why is processing restricted?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the person disputes that their address is accurate and asked us to stop using it while we check",
    )


class LiftForm(GovukForm):
    lift_reason = forms.CharField(
        label="Why is the restriction lifted?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The person must be told before the restriction is lifted",
    )


class RectificationForm(PersonDetailsForm):
    received_on = GovukDateField(
        label="Date the request was received", past_only=True, help_text="For example, 2 3 2026"
    )
    requested = forms.CharField(
        label="What did the person ask to be corrected?", widget=forms.Textarea(attrs={"rows": 3})
    )
    not_corrected_reason = forms.CharField(
        label="If nothing is corrected, why not?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Leave blank if you corrected the details above",
    )

    field_order = [
        "received_on",
        "requested",
        "first_name",
        "last_name",
        "date_of_birth",
        "email",
        "phone",
        "address",
        "postcode",
        "home_area",
        "not_corrected_reason",
    ]


# --- retention (docs/adr/0052) -----------------------------------------------------------------


class RetentionRuleForm(GovukForm):
    months = forms.IntegerField(
        label="How many months are records of this type kept?",
        min_value=1,
        max_value=1200,
        help_text="For example, 72 for six years",
        error_messages={
            "invalid": "Enter the number of months as a whole number, like 72",
            "required": "Enter the number of months",
            "min_value": "Enter a number of months from 1 to 1200",
            "max_value": "Enter a number of months from 1 to 1200",
        },
    )
    reason = forms.CharField(
        label="Why this long?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Say what the period is based on, for example the force's records policy",
        error_messages={"required": "Enter why records of this type are kept this long"},
    )


class RetentionDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="What is your decision?",
        choices=[
            (
                "erase",
                "Erase: remove everything that identifies the person; the figures keep counting the case",
            ),
            ("keep", "Keep for longer"),
        ],
        widget=GovukRadios,
        error_messages={"required": "Choose to erase or to keep for longer"},
    )
    keep_until = GovukDateField(
        label="Keep until (if keeping for longer)", required=False, help_text="For example, 1 3 2034"
    )
    reason = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter the reason for the decision"},
    )


class HoldForm(GovukForm):
    reason = forms.CharField(
        label="Why must it be kept?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example, a claim against the service, a public inquiry or a complaint to the ICO",
        error_messages={"required": "Enter why the record must be kept"},
    )


class HoldLiftForm(GovukForm):
    lift_reason = forms.CharField(
        label="Why is the hold no longer needed?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the hold is no longer needed"},
    )
