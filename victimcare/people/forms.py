from __future__ import annotations

import re
from typing import Any

from django import forms

from victimcare.cases.vocab import known_areas
from victimcare.forms import (
    GovukCheckboxes,
    GovukDateField,
    GovukForm,
    GovukRadios,
    GovukTimeField,
    set_choices,
)
from victimcare.people.models import (
    EQUALITY_FIELDS,
    OUTSIDE_THE_AREA,
    VICTIM_FLAGS,
    Channel,
    Ethnicity,
    Language,
    Religion,
    Sex,
    SexualOrientation,
    YesNo,
)

NOT_ASKED = [("", "Not asked")]
AGREED, NOT_AGREED = "yes", "no"
UK_PHONE = re.compile(r"^(?:\+44|0044|0)(\d{9,10})$")


def home_area_choices(current: str = "") -> list[tuple[str, str]]:
    """The local authority areas of the force area, and outside it; a value recorded before
    the list changed stays a choice, so editing a person never loses it."""
    areas = known_areas()
    extra = [current] if current and current not in areas and current != OUTSIDE_THE_AREA else []
    return [
        ("", "Not known"),
        *((a, a) for a in sorted([*areas, *extra])),
        (OUTSIDE_THE_AREA, "Outside the force area"),
    ]


def normalise_uk_phone(value: str) -> str:
    """'07700 900 123' or '+44 7700 900123' -> '07700900123'; raises ValueError if not a UK number."""
    digits = re.sub(r"[\s()\-]", "", value)
    match = UK_PHONE.match(digits)
    if not match:
        raise ValueError(value)
    return "0" + match.group(1)


class PersonDetailsForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        past_only=True,
        help_text="For example, 27 3 1987. Leave blank if not known",
    )
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=20,
        help_text="A UK phone number, for example 07700 900 982",
    )
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    home_area = forms.ChoiceField(
        label="Area they live in",
        required=False,
        help_text="Support services are suggested by where the victim lives, not where the crime happened",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "home_area", home_area_choices(str(self.initial.get("home_area") or "")))
        self.fields["first_name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["last_name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["postcode"].widget.attrs.update({"class": "govuk-input--width-10"})

    def clean_phone(self) -> str:
        value = str(self.cleaned_data.get("phone") or "").strip()
        if not value:
            return ""
        try:
            return normalise_uk_phone(value)
        except ValueError:
            raise forms.ValidationError(
                "Enter a UK phone number, like 07700 900 982 or 01632 960 001"
            ) from None

    def clean_postcode(self) -> str:
        value = " ".join(str(self.cleaned_data.get("postcode") or "").upper().split())
        if value and not re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", value):
            raise forms.ValidationError("Enter a real postcode, like DH1 5ZA")
        return value


class NewPersonForm(PersonDetailsForm):
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PersonForm(PersonDetailsForm):
    """Everything staff can change about a person, shown in sections."""

    required_if_asked = (
        "safe_contact_not_agreed_reason",
        "other_language",
    )  # required only by another answer

    email_unsafe = forms.BooleanField(label="Do not use this email address: it is not safe", required=False)
    phone_unsafe = forms.BooleanField(label="Do not use this phone number: it is not safe", required=False)
    address_unsafe = forms.BooleanField(
        label="Do not send post to this address: it is not safe", required=False
    )
    allowed_channels = forms.MultipleChoiceField(
        label="How we may contact them",
        required=False,
        choices=Channel.choices,
        widget=GovukCheckboxes,
        help_text="Select all they have agreed to",
    )
    safe_time_from = GovukTimeField(
        label="Safe to contact from", required=False, help_text="Use the 24-hour clock, for example 09:00"
    )
    safe_time_to = GovukTimeField(
        label="Safe to contact until", required=False, help_text="Use the 24-hour clock, for example 17:30"
    )
    no_voicemail = forms.BooleanField(label="Do not leave voicemail", required=False)
    no_letters = forms.BooleanField(label="Do not send letters", required=False)
    code_word = forms.CharField(
        label="Code word",
        required=False,
        max_length=100,
        help_text="A word the victim will use to confirm it is safe to talk",
    )
    safe_contact_agreed = forms.ChoiceField(
        label="Has the victim agreed these safe-contact rules?",
        required=False,
        widget=GovukRadios,
        choices=[
            (AGREED, "Yes, I agreed them with the victim"),
            (NOT_AGREED, "No, they could not be agreed"),
        ],
        help_text="A referral to a support service cannot be sent until you answer this",
    )
    safe_contact_not_agreed_reason = forms.CharField(
        label="Why could they not be agreed?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if they could not be agreed: for example, the victim could not be reached safely",
    )
    language = forms.ChoiceField(label="Preferred language", choices=Language.choices, widget=GovukRadios)
    other_language = forms.CharField(label="Other language", required=False, max_length=100)
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    accessibility_needs = forms.CharField(
        label="Accessibility needs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example, large print, British Sign Language, easy read",
    )
    sex = forms.ChoiceField(label="Sex", required=False, choices=NOT_ASKED + list(Sex.choices))
    gender_identity_same_as_sex = forms.ChoiceField(
        label="Is their gender identity the same as the sex they were registered at birth?",
        required=False,
        choices=NOT_ASKED + list(YesNo.choices),
    )
    ethnicity = forms.ChoiceField(
        label="Ethnic group", required=False, choices=NOT_ASKED + list(Ethnicity.choices)
    )
    disability = forms.ChoiceField(
        label="Disability",
        required=False,
        choices=NOT_ASKED + list(YesNo.choices),
        help_text="A physical or mental health condition or illness lasting 12 months or more "
        "that reduces their ability to carry out day-to-day activities",
    )
    religion = forms.ChoiceField(label="Religion", required=False, choices=NOT_ASKED + list(Religion.choices))
    sexual_orientation = forms.ChoiceField(
        label="Sexual orientation", required=False, choices=NOT_ASKED + list(SexualOrientation.choices)
    )
    flags = forms.MultipleChoiceField(
        label="Vulnerability and enhanced rights",
        required=False,
        choices=list(VICTIM_FLAGS.items()),
        widget=GovukCheckboxes,
        help_text="Select all that apply",
    )

    SECTIONS = (
        ("Name and date of birth", ("first_name", "last_name", "date_of_birth")),
        (
            "Contact details",
            (
                "email",
                "email_unsafe",
                "phone",
                "phone_unsafe",
                "address",
                "postcode",
                "address_unsafe",
                "home_area",
            ),
        ),
        (
            "Safe contact",
            (
                "allowed_channels",
                "safe_time_from",
                "safe_time_to",
                "no_voicemail",
                "no_letters",
                "code_word",
                "safe_contact_agreed",
                "safe_contact_not_agreed_reason",
            ),
        ),
        (
            "Language and access needs",
            ("language", "other_language", "interpreter_needed", "accessibility_needs"),
        ),
        ("Vulnerability", ("flags",)),
        ("Equality information (optional)", EQUALITY_FIELDS),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("safe_time_from"), data.get("safe_time_to")
        if (start is None) != (end is None):
            self.add_error(
                "safe_time_to" if end is None else "safe_time_from", "Enter both times, or leave both blank"
            )
        if data.get("safe_contact_agreed") == NOT_AGREED and not data.get("safe_contact_not_agreed_reason"):
            self.add_error("safe_contact_not_agreed_reason", "Enter why the rules could not be agreed")
        if data.get("safe_contact_agreed") == AGREED and not data.get("allowed_channels"):
            self.add_error("allowed_channels", "Choose at least one way the victim agreed to be contacted")
        if data.get("language") == Language.OTHER and not data.get("other_language"):
            self.add_error("other_language", "Enter the language they prefer")
        return data

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


class MatchingFactsForm(GovukForm):
    """What service matching needs and does not know: asked on the suggestions page, only for
    the facts a suggested service's eligibility turns on (a service for women, one covering
    one area). The answers are the person's own record, changed and audited as any edit."""

    sex = forms.ChoiceField(
        label="Their sex",
        required=False,
        widget=GovukRadios,
        choices=list(Sex.choices),
        help_text="Some services are only for women and girls, or only for men and boys",
    )
    home_area = forms.ChoiceField(label="Area they live in", required=False)

    def __init__(self, *args: Any, ask: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "home_area", home_area_choices())
        for name in set(self.fields) - ask:
            del self.fields[name]

    def person_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if value}
