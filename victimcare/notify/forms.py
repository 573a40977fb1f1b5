"""Forms for the notification pages, rendered the GOV.UK way (victimcare.forms)."""

from __future__ import annotations

from django import forms

from victimcare.forms import GovukForm, GovukRadios
from victimcare.notify.models import ReminderMode

YES, NO = "yes", "no"
YES_NO = [(YES, "Yes"), (NO, "No")]


class NotificationPreferenceForm(GovukForm):
    automatic_updates = forms.ChoiceField(
        label="Has the victim asked to be sent updates automatically?",
        widget=GovukRadios,
        choices=[
            (YES, "Yes, send an update each time something important happens"),
            (NO, "No, staff will tell them"),
        ],
        help_text="Updates are only sent by a way the victim agreed to, at their safe times",
        error_messages={"required": "Choose whether the victim wants automatic updates"},
    )
    preferred_channel = forms.ChoiceField(
        label="How should updates be sent?",
        widget=GovukRadios,
        required=False,
        choices=[
            ("", "The first way they agreed to: email, then text message, then letter"),
            ("email", "Email"),
            ("sms", "Text message"),
            ("letter", "Letter"),
        ],
    )
    discreet = forms.ChoiceField(
        label="Should messages be discreet?",
        widget=GovukRadios,
        choices=YES_NO,
        help_text='Discreet messages come from a neutral sender and only say "You have a new message". Use this if someone else might see the victim\'s phone or inbox',
        error_messages={"required": "Choose whether messages should be discreet"},
    )


class ReminderPreferenceForm(GovukForm):
    mode = forms.ChoiceField(
        label="How do you want to be reminded?",
        widget=GovukRadios,
        choices=ReminderMode.choices,
        error_messages={"required": "Choose how you want to be reminded"},
    )
    days_before = forms.IntegerField(
        label="How many days before something is due should we remind you?",
        help_text="Enter a number from 0 to 10. You are also told when something becomes overdue",
        min_value=0,
        max_value=10,
        widget=forms.TextInput,
        error_messages={
            "required": "Enter how many days before to remind you",
            "invalid": "Enter the number of days as a whole number, like 2",
            "min_value": "The number of days must be 0 or more",
            "max_value": "The number of days must be 10 or fewer",
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["days_before"].widget.attrs.update(
            {"class": "govuk-input--width-2", "inputmode": "numeric"}
        )
