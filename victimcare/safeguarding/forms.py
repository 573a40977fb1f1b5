"""Forms for the safeguarding pages, rendered the GOV.UK way (victimcare.forms). They check
only the shape of what was typed; the services decide what is allowed and say why not."""

from __future__ import annotations

from typing import Any

from django import forms

from victimcare.forms import GovukDateField, GovukForm, GovukRadios
from victimcare.safeguarding import dash
from victimcare.safeguarding.models import MaracReferral, OrderEnding, OrderType
from victimcare.safeguarding.services import AssessmentInput

NO_RAISE = "none"
JUDGEMENT_CHOICES = [
    (NO_RAISE, "No, the answers give the right level"),
    (dash.MEDIUM, "Yes, raise it to medium risk"),
    (dash.HIGH, "Yes, raise it to high risk (this meets the MARAC criterion of professional judgement)"),
]


class RiskAssessmentForm(GovukForm):
    """The 24 Dash questions (yes, no, not known, with notes) and professional judgement.
    Nothing is required here: a draft may be saved half done; completing checks the rest."""

    judgement_level = forms.ChoiceField(
        label="Does your professional judgement put the risk higher than the answers do?",
        widget=GovukRadios,
        choices=JUDGEMENT_CHOICES,
        required=False,
        help_text="You can raise the level, and refer to MARAC below 14 yes answers, but never lower it",
    )
    judgement_reason = forms.CharField(
        label="Why does your professional judgement raise the risk?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions: dict[str, forms.Field] = {}
        for q in dash.QUESTIONS:
            questions[f"q{q.number}"] = forms.ChoiceField(
                label=f"{q.number}. {q.text}",
                widget=GovukRadios,
                choices=dash.ANSWERS,
                required=False,
                help_text=q.hint,
            )
            questions[f"n{q.number}"] = forms.CharField(
                label=f"Notes on question {q.number} (optional)",
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields = {**questions, **self.fields}

    @staticmethod
    def initial_from(assessment: Any) -> dict[str, str]:
        initial = {f"q{k}": v for k, v in assessment.answers.items()}
        initial.update({f"n{k}": v for k, v in assessment.notes.items()})
        initial["judgement_level"] = assessment.judgement_level or NO_RAISE
        initial["judgement_reason"] = assessment.judgement_reason
        return initial

    def question_fields(self) -> list[tuple[Any, Any]]:
        return [(self[f"q{q.number}"], self[f"n{q.number}"]) for q in dash.QUESTIONS]

    def to_input(self) -> AssessmentInput:
        data = self.cleaned_data
        level = data.get("judgement_level") or NO_RAISE
        return AssessmentInput(
            answers={q.key: data.get(f"q{q.number}") or "" for q in dash.QUESTIONS},
            notes={q.key: data.get(f"n{q.number}") or "" for q in dash.QUESTIONS},
            judgement_level="" if level == NO_RAISE else level,
            judgement_reason=data.get("judgement_reason") or "",
        )


class MaracReferralForm(GovukForm):
    judgement = forms.BooleanField(
        label="Refer on my professional judgement",
        required=False,
        help_text="Use this if you have serious concerns about the victim's safety, whether or not another criterion is met",
    )
    reason = forms.CharField(
        label="Why are you referring this case?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you refer on your professional judgement. Do not include anything the victim has asked to keep private",
    )


class MeetingForm(GovukForm):
    area = forms.CharField(label="MARAC area", max_length=100, help_text="For example, County Durham North")
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2026")


class AgendaForm(GovukForm):
    referral = forms.ModelChoiceField(
        label="Referred case",
        queryset=MaracReferral.objects.none(),
        empty_label="Choose a case",
        error_messages={
            "required": "Choose a referred case",
            "invalid_choice": "Choose a referred case from the list",
        },
    )

    def __init__(self, *args: Any, referrals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referral"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = referrals
        field.label_from_instance = _referral_label  # type: ignore[method-assign,assignment]


def _referral_label(referral: MaracReferral) -> str:
    case = referral.case
    return f"{case.person.full_name}, crime {case.crime.crime_reference} (referred {referral.referred_at:%-d %B %Y})"


class ActionForm(AgendaForm):
    description = forms.CharField(label="Action", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label="Who owns it", max_length=200, help_text="A named person and their agency")
    due_on = GovukDateField(label="Due by", help_text="For example, 10 4 2026")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].label = "Case the action is for"
        self.fields["referral"].error_messages["required"] = "Choose the case the action is for"
        self.fields["referral"].error_messages["invalid_choice"] = "Choose a case on this meeting's agenda"


class ProtectiveOrderForm(GovukForm):
    order_type = forms.ChoiceField(
        label="Type of order",
        widget=GovukRadios,
        choices=OrderType.choices,
        error_messages={"required": "Choose the type of order"},
    )
    court = forms.CharField(label="Court that made the order", max_length=200)
    starts_on = GovukDateField(
        label="Date the order starts", past_only=True, help_text="For example, 2 3 2026"
    )
    expires_on = GovukDateField(
        label="Date the order expires",
        required=False,
        help_text="Leave this empty if the order lasts until the court says otherwise",
    )
    conditions = forms.CharField(
        label="Conditions of the order",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the order forbids or requires, for example not to contact the victim or go to their street",
    )


class OrderVariationForm(GovukForm):
    varied_on = GovukDateField(
        label="Date the court varied the order", past_only=True, help_text="For example, 2 5 2026"
    )
    court = forms.CharField(label="Court that varied the order", max_length=200)
    conditions = forms.CharField(
        label="Conditions of the order as varied",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="All the conditions as they now stand. Leave this empty if the conditions did not change",
    )
    expires_on = GovukDateField(
        label="New expiry date",
        required=False,
        help_text="Leave this empty if the expiry date did not change",
    )
    no_expiry = forms.BooleanField(
        label="The order now lasts until the court says otherwise (it has no expiry date)", required=False
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, who applied for the variation and why",
    )


class OrderEndForm(GovukForm):
    ending = forms.ChoiceField(
        label="How did the order end?",
        widget=GovukRadios,
        choices=OrderEnding.choices,
        error_messages={"required": "Choose how the order ended"},
    )
    ended_on = GovukDateField(label="Date the order ended", past_only=True, help_text="For example, 2 5 2026")
    reason = forms.CharField(
        label="Why did the order end?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the court discharged it on the application of the person it restrains",
        error_messages={"required": "Enter why the order ended"},
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


class PoliceIncidentForm(GovukForm):
    occurred_on = GovukDateField(
        label="Date the police attended", past_only=True, help_text="For example, 14 2 2026"
    )
    reference = forms.CharField(
        label="Police incident reference",
        max_length=50,
        help_text="The incident (command and control) log number, for example DHM-20260214-0153",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    domestic_abuse = forms.ChoiceField(
        label="Was the incident related to domestic abuse?",
        widget=GovukRadios,
        choices=YES_NO,
        help_text="Only domestic abuse incidents count towards the MARAC criteria",
        error_messages={"required": "Choose yes if the incident was related to domestic abuse"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A short description of what happened. Do not include anything the victim has asked to keep private",
    )
