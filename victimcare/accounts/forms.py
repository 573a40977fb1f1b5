from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import QuerySet

from victimcare.access.capabilities import STAFF_ROLE_CHOICES
from victimcare.accounts.models import Organisation, Team
from victimcare.forms import GovukCheckboxes, GovukForm


class SignInForm(GovukForm):
    username = forms.CharField(label="Username", max_length=150)
    password = forms.CharField(label="Password", widget=forms.PasswordInput(render_value=False), strip=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Security code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        )

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split()).lower()


class EnrolForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        help_text="Enter the 6-digit code your app shows now",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-5"}
        )


class StaffUserForm(GovukForm):
    """A new member of staff (the staff users page): who, where and in what role."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What they type to sign in, for example jsmith. Letters, numbers and . @ + - _ only",
        validators=[UnicodeUsernameValidator()],
    )
    email = forms.EmailField(label="Work email address", help_text="Reminders are sent here")
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.none(), empty_label="Choose an organisation"
    )
    role = forms.ChoiceField(label="Role", choices=[("", "Choose a role"), *STAFF_ROLE_CHOICES])
    teams = forms.ModelMultipleChoiceField(
        label="Teams (optional)",
        queryset=Team.objects.none(),
        widget=GovukCheckboxes,
        required=False,
        help_text="Caseworkers see their teams' cases; police officers their teams' crimes",
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        teams = self.fields["teams"]
        teams.queryset = Team.objects.filter(organisation__in=organisations)  # type: ignore[attr-defined]
        teams.label_from_instance = lambda t: f"{t.name} ({t.organisation.name})"  # type: ignore[attr-defined]
        self.fields["username"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
