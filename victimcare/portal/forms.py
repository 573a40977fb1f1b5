"""Portal forms: GOV.UK markup through the project's renderer, with the portal's own field
templates (so "Error:" and the error summary are in the page's language) and every message
written for the victim, in English and Welsh."""

from __future__ import annotations

from datetime import time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from victimcare.forms import GovukCheckboxes, GovukForm, GovukRadios
from victimcare.portal.services import normalise_address, normalise_reference


class PortalForm(GovukForm):
    """A GOV.UK form in the portal's language (the shared field and error templates translate
    their fixed words; staff pages never switch language, so they stay English)."""

    template_name = "govuk/form.html"


class SignInForm(PortalForm):
    reference = forms.CharField(
        label=_("Crime reference number"),
        max_length=60,
        help_text=_(
            "It is on the letter, email or text message the police sent you, for example DU/12345/26"
        ),
        error_messages={"required": _("Enter your crime reference number")},
    )
    address = forms.CharField(
        label=_("Email address or mobile phone number"),
        max_length=254,
        help_text=_("The one you gave the police or us. We will send a sign-in code to it"),
        error_messages={"required": _("Enter your email address or mobile phone number")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"}
        )
        self.fields["address"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def clean_reference(self) -> str:
        reference = normalise_reference(self.cleaned_data["reference"])
        if not reference:
            raise ValidationError(_("Enter your crime reference number"))
        return reference

    def clean_address(self) -> str:
        text = self.cleaned_data["address"]
        channel, _normalised = normalise_address(text)
        if not channel:
            raise ValidationError(
                _("Enter an email address like name@example.com, or a UK mobile number like 07700 900 982")
            )
        return str(text)


class CodeForm(PortalForm):
    code = forms.CharField(
        label=_("Sign-in code"),
        max_length=20,
        help_text=_("The 6-digit code we sent you. It expires after 15 minutes"),
        error_messages={"required": _("Enter the 6-digit sign-in code")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not code.isdigit() or len(code) != 6:
            raise ValidationError(_("The sign-in code must be 6 numbers, like 482913"))
        return code


CHANNEL_CHOICES = (
    ("email", _("Email")),
    ("sms", _("Text message")),
    ("phone", _("Phone call")),
    ("letter", _("Letter")),
)
LANGUAGE_CHOICES = (("en", _("English")), ("cy", _("Welsh (Cymraeg)")), ("other", _("Another language")))
UPDATE_CHANNEL_CHOICES = (
    ("", _("The first way I agreed above")),
    ("email", _("Email")),
    ("sms", _("Text message")),
)
YES_NO = (("yes", _("Yes")), ("no", _("No")))


def _parse_time(value: str, label: str) -> time | None:
    text = value.strip().replace(".", ":")
    if not text:
        return None
    try:
        hour, minute = (int(p) for p in text.split(":"))
        return time(hour, minute)
    except ValueError:
        raise ValidationError(
            _("Enter %(label)s as hours and minutes, like 09:30") % {"label": label}
        ) from None


class ContactForm(PortalForm):
    """How the victim wants to be contacted (their own details are changed by their caseworker)."""

    required_if_asked = ("other_language",)  # required only by another answer

    allowed_channels = forms.MultipleChoiceField(
        label=_("How may we contact you?"),
        choices=CHANNEL_CHOICES,
        required=False,
        widget=GovukCheckboxes,
        help_text=_("Select all that are safe for you"),
    )
    safe_time_from = forms.CharField(
        label=_("Safe to contact you from (24-hour clock)"),
        required=False,
        max_length=5,
        help_text=_("For example, 09:00. Leave both times empty if any time is safe"),
    )
    safe_time_to = forms.CharField(
        label=_("Safe to contact you until (24-hour clock)"), required=False, max_length=5
    )
    no_voicemail = forms.BooleanField(label=_("Do not leave voicemail messages"), required=False)
    no_letters = forms.BooleanField(label=_("Do not send letters"), required=False)
    language = forms.ChoiceField(
        label=_("Which language do you want us to use?"),
        choices=LANGUAGE_CHOICES,
        widget=GovukRadios,
        error_messages={"required": _("Choose a language")},
    )
    other_language = forms.CharField(
        label=_("If another language, which one?"), required=False, max_length=100
    )
    interpreter_needed = forms.ChoiceField(
        label=_("Do you need an interpreter?"),
        choices=YES_NO,
        widget=GovukRadios,
        error_messages={"required": _("Choose yes if you need an interpreter")},
    )
    accessibility_needs = forms.CharField(
        label=_("Is there anything that would help you get in touch with us or understand us?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example, large print, British Sign Language, or being called rather than written to"
        ),
    )
    automatic_updates = forms.ChoiceField(
        label=_("Do you want automatic updates when something happens in your case?"),
        choices=YES_NO,
        widget=GovukRadios,
        error_messages={"required": _("Choose yes if you want automatic updates")},
    )
    preferred_channel = forms.ChoiceField(
        label=_("How should we send automatic updates?"), choices=UPDATE_CHANNEL_CHOICES, required=False,
        widget=GovukRadios,
    )  # fmt: skip
    discreet = forms.ChoiceField(
        label=_("Do you want discreet mode?"),
        choices=YES_NO,
        widget=GovukRadios,
        help_text=_(
            "Messages will not say who they are from or what they are about, and this website's "
            "tab title will not say what it is. Use it if someone else may see your phone or computer"
        ),
        error_messages={"required": _("Choose yes if you want discreet mode")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("safe_time_from", "safe_time_to"):
            if name in data:
                try:
                    data[name] = _parse_time(data[name], str(self.fields[name].label).lower())
                except ValidationError as err:
                    self.add_error(name, err)
        if bool(data.get("safe_time_from")) != bool(data.get("safe_time_to")) and not self.errors:
            self.add_error("safe_time_to", _("Enter both safe times, or leave both empty"))
        if data.get("language") == "other" and not str(data.get("other_language", "")).strip():
            self.add_error("other_language", _("Enter the language you want us to use"))
        return data

    def settings(self) -> dict[str, Any]:
        """The cleaned answers as the services' settings."""
        data = self.cleaned_data
        return {
            "allowed_channels": list(data["allowed_channels"]),
            "safe_time_from": data["safe_time_from"],
            "safe_time_to": data["safe_time_to"],
            "no_voicemail": data["no_voicemail"],
            "no_letters": data["no_letters"],
            "language": data["language"],
            "other_language": data["other_language"].strip() if data["language"] == "other" else "",
            "interpreter_needed": data["interpreter_needed"] == "yes",
            "accessibility_needs": data["accessibility_needs"].strip(),
            "automatic_updates": data["automatic_updates"] == "yes",
            "preferred_channel": data["preferred_channel"],
            "discreet": data["discreet"] == "yes",
        }


# --- staff forms (the case page's portal panel; staff pages are English) ------------------------


class AccessOffForm(GovukForm):
    reason = forms.CharField(
        label="Why are you switching portal access off?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the victim told us someone else may see their phone. The victim is not shown this",
    )


class RepresentativeForm(GovukForm):
    role = forms.ChoiceField(
        label="Who are they?",
        choices=(
            ("parent", "Parent or guardian of a child victim"),
            ("spokesperson", "Spokesperson for a bereaved family"),
        ),
        widget=GovukRadios,
    )
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    email = forms.CharField(label="Their email address", required=False, max_length=254)
    phone = forms.CharField(
        label="Their mobile phone number",
        required=False,
        max_length=20,
        help_text="Their own, not the victim's. Enter an email address, a mobile number, or both",
    )
    language = forms.ChoiceField(
        label="Language for the portal and messages",
        choices=(("en", "English"), ("cy", "Welsh (Cymraeg)")),
        widget=GovukRadios,
        initial="en",
    )
