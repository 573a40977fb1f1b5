"""Forms for the advisory panel's pages. Each checks the shape of the input; the services
(voice.panel.services) decide what is allowed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from victimcare.accounts.models import User
from victimcare.forms import GovukCheckboxes, GovukDateField, GovukForm, GovukRadios, GovukTimeField
from victimcare.voice.panel.models import MEMBER_CHANNELS, ActionStatus, MemberKind, PanelMember

TEXTAREA = {"rows": 4}


class MemberForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="They join the panel as", choices=MemberKind.choices, widget=GovukRadios)
    member_organisation = forms.CharField(
        label="Organisation (optional)", max_length=200, required=False,
        help_text="For an expert, who they work for. Leave blank for someone joining as themselves.",
    )  # fmt: skip
    consent_recorded_on = GovukDateField(
        label="When they agreed to us holding their details",
        past_only=True,
        help_text="They agree to the office keeping their name and contact details to run the panel. "
        "They can withdraw at any time. For example, 14 3 2026",
    )
    email = forms.EmailField(label="Email address (optional)", required=False)
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    address = forms.CharField(
        label="Postal address (optional)", widget=forms.Textarea(attrs={"rows": 3}), max_length=500,
        required=False,
    )  # fmt: skip
    allowed_channels = forms.MultipleChoiceField(
        label="How they agreed to be contacted (optional)", choices=MEMBER_CHANNELS, widget=GovukCheckboxes,
        required=False,
    )  # fmt: skip
    unsafe = forms.MultipleChoiceField(
        label="Details that are not safe to use (optional)",
        choices=[("email_unsafe", "Email"), ("phone_unsafe", "Phone"), ("address_unsafe", "Address")],
        widget=GovukCheckboxes,
        required=False,
        help_text="For example, an email someone else can read.",
    )
    limits = forms.MultipleChoiceField(
        label="Other rules (optional)",
        choices=[("no_voicemail", "Do not leave voicemail"), ("no_letters", "Do not send letters")],
        widget=GovukCheckboxes,
        required=False,
    )
    safe_time_from = GovukTimeField(label="Safe to contact from (optional)", required=False,
                                    help_text="A 24-hour time, like 09:00")  # fmt: skip
    safe_time_to = GovukTimeField(label="Safe to contact until (optional)", required=False,
                                  help_text="A 24-hour time, like 17:00")  # fmt: skip
    code_word = forms.CharField(label="Code word (optional)", max_length=100, required=False)


def _agenda_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class MeetingForm(GovukForm):
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 14 3 2026")
    place = forms.CharField(
        label="Where", max_length=200, help_text="For example, OPCC offices, Aykley Heads, or online."
    )
    agenda = forms.CharField(
        label="Agenda", widget=forms.Textarea(attrs=TEXTAREA), max_length=5000,
        help_text="One item on each line.",
    )  # fmt: skip
    attendees = forms.TypedMultipleChoiceField(
        label="Who attended (optional)", coerce=int, widget=GovukCheckboxes, required=False
    )
    minutes = forms.CharField(
        label="Minutes (optional)", widget=forms.Textarea(attrs={"rows": 8}), max_length=20000, required=False
    )

    def __init__(self, *args: Any, members: list[PanelMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [  # type: ignore[attr-defined]
            (m.pk, f"{m.name} ({m.get_kind_display().lower()})") for m in members
        ]

    def clean_agenda(self) -> list[str]:
        lines = _agenda_lines(self.cleaned_data["agenda"])
        if not lines:
            raise forms.ValidationError("Enter the agenda")
        return lines


class ActionForm(GovukForm):
    description = forms.CharField(label="The action", widget=forms.Textarea(attrs=TEXTAREA), max_length=2000)
    owner = forms.TypedChoiceField(label="Owner", coerce=int, help_text="Who makes sure it is done.")
    due = GovukDateField(label="Due by", help_text="For example, 30 6 2026")
    for_mission_board = forms.TypedChoiceField(
        label="Does it go to the Victims' Mission Board?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=GovukRadios,
        initial="yes",
    )

    def __init__(self, *args: Any, owners: list[User], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["owner"].choices = [(u.pk, u.display_name) for u in owners]  # type: ignore[attr-defined]

    def clean_due(self) -> date:
        due: date = self.cleaned_data["due"]
        if due < self.today:
            raise forms.ValidationError("The due date must be today or in the future")
        return due


class ActionResponseForm(GovukForm):
    required_if_asked = ("evidence",)  # required only by another answer
    status = forms.ChoiceField(
        label="Where is the action now?",
        widget=GovukRadios,
        choices=[
            (s.value, s.label) for s in (ActionStatus.RESPONDED, ActionStatus.DONE, ActionStatus.DECLINED)
        ],
    )
    response = forms.CharField(label="The response", widget=forms.Textarea(attrs=TEXTAREA), max_length=4000)
    evidence = forms.CharField(
        label="Evidence (needed when it is done)", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        required=False, help_text="For example, the paper the Mission Board agreed, or the new leaflet.",
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ActionStatus.DONE and not (data.get("evidence") or "").strip():
            self.add_error("evidence", "Enter the evidence that it was done")
        return data
