"""Forms of the crime pages: adding a victim to a crime and correcting a crime's facts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from victimcare.accounts.models import Team
from victimcare.cases.forms import CrimeFactsForm
from victimcare.cases.models import CaseRole
from victimcare.cases.vocab import outcome_types
from victimcare.forms import GovukDateField, GovukForm, GovukRadios, GovukTimeField


class AddToCrimeForm(GovukForm):
    role = forms.ChoiceField(
        label="This person's part in the crime",
        choices=CaseRole.choices,
        widget=GovukRadios,
        initial=CaseRole.VICTIM,
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="No team"
    )
    reported_on = GovukDateField(
        label="Date this victim reported the crime or was identified",
        required=False,
        past_only=True,
        help_text="Their rights' time limits start from this date. Leave blank for today. For example, 27 3 2026",
    )
    reported_time = GovukTimeField(
        label="Time",
        required=False,
        help_text="Use the 24-hour clock, for example 14:30. Leave blank if not known",
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams


def outcome_choices() -> list[tuple[Any, str]]:
    """The real outcome names, without their numbers (staff know them by name)."""
    return [(n, label) for n, label in outcome_types().items()]


class CrimeCorrectionForm(CrimeFactsForm):
    lsoa_name = forms.CharField(label="LSOA name", required=False, max_length=100)
    outcome_type = forms.TypedChoiceField(
        label="Outcome",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="The Home Office outcome type the police assigned to the crime",
    )
    outcome_on = GovukDateField(
        label="Date of the outcome", required=False, past_only=True, help_text="For example, 27 3 2026"
    )
    reason = forms.CharField(
        label="Why are you correcting the crime's details?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is kept with the correction on the timeline of every victim of this crime",
        error_messages={"required": "Enter why the crime's details are being corrected"},
    )

    def __init__(self, *args: Any, has_outcome: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome_type"]
        assert isinstance(field, forms.TypedChoiceField)
        # Once an outcome is recorded it can be corrected but not removed (docs/adr/0007).
        empty: list[tuple[Any, str]] = [] if has_outcome else [("", "No outcome recorded")]
        field.choices = empty + outcome_choices()


class CrimeOutcomeForm(GovukForm):
    outcome_type = forms.TypedChoiceField(
        label="Outcome",
        coerce=int,
        help_text="The Home Office outcome type the police assigned to the crime",
        error_messages={"required": "Choose the outcome"},
    )
    occurred_on = GovukDateField(
        label="Date of the outcome", past_only=True, help_text="For example, 27 3 2026"
    )
    occurred_time = GovukTimeField(
        label="Time",
        required=False,
        help_text="Use the 24-hour clock, for example 14:30. Leave blank if not known",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome_type"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Choose"), *outcome_choices()]
