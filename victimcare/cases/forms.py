from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from victimcare.accounts.models import Team, User
from victimcare.cases.events import EVENT_TYPES, STAGE_CHOICES, EventType, PayloadField
from victimcare.cases.models import CaseRole, ContactFrequency, Event
from victimcare.cases.vocab import CRIME_FLAGS, crime_type_choices, crime_type_for, offence_choices
from victimcare.forms import (
    GovukCheckboxes,
    GovukDateField,
    GovukForm,
    GovukRadios,
    GovukTimeField,
    set_choices,
)
from victimcare.people.models import Channel

# Django's form and admin classes are generic only in the type stubs, so the type argument is
# given where mypy reads it and not where Python runs it.
if TYPE_CHECKING:
    _EventChoiceField = forms.ModelChoiceField[Event]
else:
    _EventChoiceField = forms.ModelChoiceField

EMPTY = [("", "Choose")]


class CrimeFactsForm(GovukForm):
    """The facts of a crime that staff type: shared by recording a crime and correcting one.
    The crime type is worked out from the offence when it is left to the offence (every group
    but fraud has one police.uk type; cases.vocab.crime_type_for)."""

    required_if_asked = ("crime_type",)  # worked out from the offence, except for fraud
    ho_offence_code = forms.ChoiceField(
        label="Offence",
        help_text="Type the offence or its Home Office code to find it, for example burglary or 28E",
    )
    crime_type = forms.ChoiceField(
        label="Crime type",
        required=False,
        help_text="Leave it to the offence unless the police recorded another police.uk crime type",
    )
    occurred_on = GovukDateField(
        label="Date the crime happened",
        required=False,
        past_only=True,
        help_text="Leave blank if not known. For example, 27 3 2026",
    )
    reported_on = GovukDateField(
        label="Date the crime was reported", past_only=True, help_text="For example, 27 3 2026"
    )
    reported_time = GovukTimeField(
        label="Time the crime was reported",
        required=False,
        help_text="Use the 24-hour clock, for example 14:30",
    )
    flags = forms.MultipleChoiceField(
        label="Crime flags",
        required=False,
        widget=GovukCheckboxes,
        choices=list(CRIME_FLAGS.items()),
        help_text="Select all that apply",
    )
    lsoa_code = forms.CharField(
        label="LSOA code",
        required=False,
        max_length=9,
        help_text="The Lower Layer Super Output Area, for example E01012345",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "ho_offence_code", EMPTY + offence_choices())
        set_choices(self, "crime_type", [("", "Work it out from the offence"), *crime_type_choices()])
        # The offence list is long: with JavaScript it becomes a searchable list
        # (accessible-autocomplete, started in static/js/init.mjs); without, it stays this select.
        self.fields["ho_offence_code"].widget.attrs["data-module"] = "vc-autocomplete"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("ho_offence_code")
        if code and not data.get("crime_type"):
            derived = crime_type_for(code)
            if derived:
                data["crime_type"] = derived
            else:
                self.add_error(
                    "crime_type", "Choose the crime type: it cannot be worked out from this offence"
                )
        return data

    def clean_lsoa_code(self) -> str:
        code = str(self.cleaned_data["lsoa_code"]).strip().upper()
        if code and not (len(code) == 9 and code[0] in "EW" and code[1:].isdigit()):
            raise forms.ValidationError("Enter an LSOA code like E01012345")
        return code


class CrimeCaseForm(CrimeFactsForm):
    field_order = [
        "crime_reference",
        "ho_offence_code",
        "crime_type",
        "occurred_on",
        "reported_on",
        "reported_time",
        "flags",
        "lsoa_code",
        "role",
        "team",
        "summary",
    ]
    crime_reference = forms.CharField(
        label="Crime reference", max_length=40, help_text="As recorded by the police, for example DU/12345/26"
    )
    role = forms.ChoiceField(
        label="This person's part in the crime",
        choices=CaseRole.choices,
        widget=GovukRadios,
        initial=CaseRole.VICTIM,
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="No team"
    )
    summary = forms.CharField(label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self, *args: Any, teams: QuerySet[Team], reference_example: str = "DU/12345/26", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "team", teams)
        self.fields[
            "crime_reference"
        ].help_text = f"As recorded by the police, for example {reference_example}"

    def clean_crime_reference(self) -> str:
        return str(self.cleaned_data["crime_reference"]).strip().upper()


class CaseAssignmentForm(GovukForm):
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="No team"
    )
    caseworker = forms.ModelChoiceField(
        label="Caseworker", queryset=User.objects.none(), required=False, empty_label="Not assigned"
    )
    officer_in_charge = forms.ModelChoiceField(
        label="Officer in charge", queryset=User.objects.none(), required=False, empty_label="Not known"
    )
    contact_frequency = forms.ChoiceField(
        label="How often the victim wants updates", choices=ContactFrequency.choices, widget=GovukRadios
    )
    contact_channel = forms.ChoiceField(
        label="How the victim wants updates",
        choices=[("", "No preference"), *Channel.choices],
        required=False,
    )
    contact_notes = forms.CharField(
        label="Notes on the contact agreement", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        teams: QuerySet[Team],
        caseworkers: QuerySet[User],
        officers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "team", teams)
        _queryset(self, "caseworker", caseworkers)
        _queryset(self, "officer_in_charge", officers)


class EventTypeForm(GovukForm):
    type = forms.ChoiceField(
        label="What happened?", choices=[], error_messages={"required": "Choose what happened"}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(t.code, t.label) for t in EVENT_TYPES.values() if t.staff_recordable]
        set_choices(self, "type", EMPTY + sorted(choices, key=lambda c: c[1]))


class EventChoiceField(_EventChoiceField):
    """Events offered by type and UK local date and time, e.g. "Suspect arrested, 4 March 2026 at 14:30"."""

    def label_from_instance(self, obj: Any) -> str:
        when = timezone.localtime(obj.occurred_at)
        return f"{obj.type_label}, {when:%-d %B %Y} at {when:%H:%M}"


def _queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class EventForm(GovukForm):
    """The form for one event type: the date and time, the event it answers, its payload."""

    occurred_on = GovukDateField(label="Date", past_only=True, help_text="For example, 27 3 2026")
    occurred_time = GovukTimeField(
        label="Time",
        required=False,
        help_text="Use the 24-hour clock, for example 14:30. Leave blank if not known",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self, *args: Any, event_type: EventType, case_events: QuerySet[Event], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.event_type = event_type
        fields: dict[str, forms.Field] = {}
        if event_type.about_types:
            answerable = case_events.filter(type__in=event_type.about_types)
            fields["about"] = EventChoiceField(
                label="Which event is this about?",
                queryset=answerable,
                required=event_type.about_required,
                empty_label="Choose an event",
                error_messages={"required": "Choose the event this is about"},
                help_text=event_type.hint,
            )
        for spec in event_type.payload:
            fields[f"p_{spec.name}"] = _payload_field(spec)
        corrections = case_events.filter(type=event_type.code)
        if corrections.exists():
            fields["corrects"] = EventChoiceField(
                label="Does this correct an earlier entry?",
                queryset=corrections,
                required=False,
                empty_label="No, this is new",
                help_text="If an earlier entry was wrong, choose it. The earlier entry stays on the timeline, marked as corrected",
            )
        for name, field in fields.items():
            self.fields[name] = field
        self.order_fields(["about", "occurred_on", "occurred_time", *fields, "notes"])

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for spec in self.event_type.payload:
            value = self.cleaned_data.get(f"p_{spec.name}")
            if spec.kind == "bool":
                value = value == "yes" if value else None
            if isinstance(value, date):
                value = value.isoformat()
            if value not in (None, ""):
                data[spec.name] = value
        return data


def _payload_field(spec: PayloadField) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": spec.required, "help_text": spec.hint}
    if spec.required_message:
        common["error_messages"] = {"required": spec.required_message}
    if spec.kind == "int" and spec.choices:  # a closed list of numbers, e.g. the outcome types
        return forms.TypedChoiceField(
            choices=EMPTY + [(n, label) for n, label in spec.choices], coerce=int, **common
        )
    if spec.kind == "int":
        return forms.IntegerField(
            min_value=0,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
            **common,
        )
    if spec.kind == "bool":
        return forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], widget=GovukRadios, **common)
    if spec.kind == "date":
        return GovukDateField(**common)
    if spec.kind == "choice":
        return forms.ChoiceField(choices=list(spec.choices), widget=GovukRadios, **common)
    return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), **common)


class CaseloadFilterForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    SORTS = [
        ("-opened", "Newest first"),
        ("opened", "Oldest first"),
        ("name", "Victim's surname"),
        ("-last_event", "Most recent activity"),
        ("stage", "Journey stage"),
    ]
    FLAGS = [
        ("mine", "Assigned to me"),
        ("vulnerable", "Vulnerable victim"),
        ("repeat", "Repeat victim"),
        ("high_risk", "High risk (latest Dash assessment)"),
        ("active_order", "Protective order in force"),
        ("domestic_abuse", "Domestic abuse"),
        ("hate_crime", "Hate crime"),
        ("sexual_offence", "Sexual offence"),
    ]
    stage = forms.TypedChoiceField(
        label="Stage",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "All stages"), *STAGE_CHOICES],
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="All teams"
    )
    flag = forms.MultipleChoiceField(label="Show only", required=False, choices=FLAGS, widget=GovukCheckboxes)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORTS)

    SAFEGUARDING_FLAGS = frozenset({"high_risk", "active_order"})

    def __init__(self, *args: Any, teams: QuerySet[Team], safeguarding: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "team", teams)
        if not safeguarding:  # risk is only shown to those who work on safeguarding
            flag = self.fields["flag"]
            assert isinstance(flag, forms.MultipleChoiceField)
            flag.choices = [c for c in self.FLAGS if c[0] not in self.SAFEGUARDING_FLAGS]


class SearchForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    q = forms.CharField(
        label="Name, date of birth or crime reference",
        max_length=100,
        help_text="For example, Jane Smith, 14/02/1987 or DU/12345/26",
    )

    def __init__(self, *args: Any, reference_example: str = "DU/12345/26", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = (
            f"For example, Jane Smith, 14/02/1987 or {reference_example}. "
            "Part of a reference, such as its number, also works"
        )
